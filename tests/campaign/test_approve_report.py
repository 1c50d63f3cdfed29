"""Head office approves a report: POST /statistics/<year>/<code>/approve/."""

import pytest
from django.contrib.messages import ERROR, SUCCESS, get_messages
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext

from campaign.models import StatisticsReport, User
from campaign.services import statistics as service
from portal.models import Notification

from ..factories import UserFactory, organisation, statistics_report, valid_values

URL = "/statistics/2013/beijing/approve/"
Status = StatisticsReport.Status


@pytest.fixture
def report(campaign, bureau_a):
    report = statistics_report(campaign, "beijing")
    service.save_report(
        actor=bureau_a, report=report, values=valid_values(report), expected_version=0
    )
    service.submit_report(actor=bureau_a, report=report)
    report.refresh_from_db()
    return report


def message_levels(response):
    return [message.level for message in get_messages(response.wsgi_request)]


def test_it_approves(client, head_office, report):
    client.force_login(head_office)
    response = client.post(URL)
    assert response.status_code == 302
    assert response["Location"] == "/statistics/2013/beijing/review/"
    assert message_levels(response) == [SUCCESS]
    report.refresh_from_db()
    assert report.status == Status.APPROVED
    step = report.transitions.last()
    assert (step.action, step.actor, step.from_status) == ("approve", head_office, "submitted")


def test_it_approves_a_resubmission(client, head_office, bureau_a, report):
    service.return_report(actor=head_office, report=report, comment="请核实")
    service.submit_report(actor=bureau_a, report=report)
    client.force_login(head_office)
    client.post(URL)
    report.refresh_from_db()
    assert report.status == Status.APPROVED


def test_approving_a_draft_is_refused_with_a_message(client, head_office, campaign):
    draft = statistics_report(campaign, "shanghai")
    client.force_login(head_office)
    response = client.post("/statistics/2013/shanghai/approve/")
    assert response.status_code == 302
    assert message_levels(response) == [ERROR]
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert not draft.transitions.exists()


def test_approving_twice_is_refused_the_second_time(client, head_office, report):
    client.force_login(head_office)
    client.post(URL, follow=True)  # shows the first message
    response = client.post(URL)
    assert message_levels(response) == [ERROR]
    assert report.transitions.filter(action="approve").count() == 1


def test_it_rejects_get(client, head_office, report):
    client.force_login(head_office)
    assert client.get(URL).status_code == 405
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED


def test_head_office_staff_who_do_not_review_may_not_approve(client, report):
    staff = UserFactory(username="hq-staff", organisation=organisation("hq"), role=User.Role.STAFF)
    client.force_login(staff)
    assert client.post(URL).status_code == 403
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED


@pytest.mark.parametrize("persona", ["bureau_a", "bureau_b", "company_x", "association", "hotline"])
def test_nobody_but_head_office_finds_it(client, persona, request, report):
    client.force_login(request.getfixturevalue(persona))
    assert client.post(URL).status_code == 404
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED


def test_anonymous_is_sent_to_login(client, report):
    response = client.post(URL)
    assert response["Location"].startswith("/accounts/login/")
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED


def test_a_unit_without_a_report_is_404(client, head_office, campaign):
    client.force_login(head_office)
    assert client.post("/statistics/2013/tianjin/approve/").status_code == 404


def test_the_units_people_are_told(
    client, head_office, bureau_a, bureau_b, report, django_capture_on_commit_callbacks
):
    bureau_a.email = "clerk@beijing.example"
    bureau_a.save()
    client.force_login(head_office)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL)

    notice = Notification.objects.get(recipient=bureau_a)
    with translation.override("zh-hans"):
        expected = gettext("Head office approved your %(year)s statistics") % {"year": 2013}
    assert notice.verb == expected
    assert notice.link == "/statistics/2013/beijing/"
    assert not Notification.objects.filter(recipient=bureau_b).exists()
    assert [m.to for m in mail.outbox] == [["clerk@beijing.example"]]
