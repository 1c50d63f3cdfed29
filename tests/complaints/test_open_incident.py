"""A complaint that needs escalation opens an incident at registration: head office is told
at once, in the portal and by e-mail once the registration commits."""

import pytest
from django.core import mail

from complaints.models import Incident, IncidentStep
from complaints.services.incidents import open_incident_if_needed
from portal.models import Notification
from tests.factories import complaint as register_complaint


@pytest.fixture
def head_office_with_mail(head_office):
    head_office.email = "zhiban@circ.example"
    head_office.save(update_fields=["email"])
    return head_office


def test_six_complainants_open_an_incident_and_alert_head_office(
    head_office_with_mail, hotline, company_x, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        complaint = register_complaint(
            actor=hotline, company=company_x.organisation, province="北京", complainant_count=6
        )
        # Nothing is e-mailed before the registration commits.
        assert mail.outbox == []
    incident = Incident.objects.get(complaint=complaint)
    assert (incident.kind, incident.is_open, incident.indicator_code) == ("group", True, "E10")
    assert list(incident.steps.values_list("step", flat=True)) == [
        IncidentStep.Step.HEAD_OFFICE_ALERTED
    ]
    alert = Notification.objects.get(recipient=head_office_with_mail)
    assert alert.link == f"/incidents/{complaint.reference}/"
    assert complaint.reference in alert.verb_en
    assert "6 complainant(s)" in alert.body_en
    assert [message.to for message in mail.outbox] == [["zhiban@circ.example"]]
    # The hotline seat that registered it is not alerted.
    assert not Notification.objects.filter(recipient=hotline).exists()


@pytest.mark.parametrize(
    ("flags", "kind"),
    [
        ({"group_visit": True}, "group"),
        ({"petition_risk": True}, "petition"),
        ({"major_matter": True, "petition_risk": True}, "major"),
    ],
)
def test_each_flag_opens_its_kind_of_incident(flags, kind, head_office, company_x):
    complaint = register_complaint(company=company_x.organisation, province="北京", **flags)
    assert Incident.objects.get(complaint=complaint).kind == kind


def test_an_ordinary_complaint_opens_none(head_office, company_x):
    register_complaint(company=company_x.organisation, province="北京", complainant_count=4)
    assert not Incident.objects.exists()
    assert not Notification.objects.exists()


def test_a_complaint_opens_one_incident_only(head_office, company_x):
    complaint = register_complaint(
        company=company_x.organisation, province="北京", complainant_count=5
    )
    assert open_incident_if_needed(actor=None, complaint=complaint) is None
    assert Incident.objects.count() == 1
    assert Notification.objects.count() == 1
