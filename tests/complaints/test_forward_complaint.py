"""POST /complaints/<reference>/forward/: the bureau passes the complaint to the company,
whose people are told (in the portal and by e-mail), with the company's time limit."""

import datetime

import pytest
import time_machine
from django.core import mail

from complaints.services import workflow
from portal.models import Notification
from tests.factories import UserFactory
from tests.factories import complaint as register_complaint

BEFORE_QINGMING = datetime.datetime(2013, 4, 3, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture
def accepted(bureau_a, company_x):
    complaint = register_complaint(company=company_x.organisation, province="北京")
    return workflow.accept_complaint(actor=bureau_a, complaint=complaint)


def test_forwarding_tells_the_companys_people(
    client, as_persona, accepted, company_x, company_y, django_capture_on_commit_callbacks
):
    company_x.email = "claims@demo-life.example"
    company_x.save(update_fields=["email"])
    colleague = UserFactory(
        username="demo-life-2", email="li@demo-life.example", organisation=company_x.organisation
    )
    as_persona("bureau_a")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/complaints/{accepted.reference}/forward/", {"complexity": "simple"}
        )
    assert response.status_code == 302
    told = Notification.objects.filter(link=f"/complaints/{accepted.reference}/")
    assert set(told.values_list("recipient__username", flat=True)) == {
        company_x.username,
        colleague.username,
    }
    assert accepted.reference in told.first().verb_en
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [company_x.email, colleague.email]
    )


def test_a_simple_case_is_due_in_ten_working_days_across_qingming(
    client, as_persona, bureau_a, company_x, english
):
    with time_machine.travel(BEFORE_QINGMING, tick=False):
        complaint = register_complaint(company=company_x.organisation, province="北京")
        workflow.accept_complaint(actor=bureau_a, complaint=complaint)
        as_persona("bureau_a")
        client.post(f"/complaints/{complaint.reference}/forward/", {"complexity": "simple"})
        page = client.get(f"/complaints/{complaint.reference}/").content.decode()
    complaint.refresh_from_db()
    assert complaint.due_on == datetime.date(2013, 4, 18)
    assert "Company decision limit (simple case): 10 working days from forwarding" in page


def test_the_case_must_be_said_simple_or_not(client, as_persona, accepted):
    as_persona("bureau_a")
    response = client.post(f"/complaints/{accepted.reference}/forward/", {"complexity": ""})
    assert response.status_code == 200
    accepted.refresh_from_db()
    assert accepted.status == "accepted"


def test_the_company_cannot_forward(client, as_persona, accepted, bureau_a, company_x):
    forwarded = workflow.forward_complaint(actor=bureau_a, complaint=accepted, complexity="simple")
    workflow.answer_complaint(actor=company_x, complaint=forwarded, note="已赔付。")
    as_persona("company_x")
    response = client.post(f"/complaints/{accepted.reference}/forward/", {"complexity": "other"})
    assert response.status_code == 403
