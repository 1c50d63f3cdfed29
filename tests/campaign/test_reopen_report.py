"""Head office reopens an approved report: POST /statistics/<year>/<code>/reopen/."""

import pytest
from django.contrib.messages import ERROR, SUCCESS, get_messages
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext

from campaign.models import StatisticsReport, User
from campaign.services import statistics as service
from portal.models import Notification

from ..factories import UserFactory, organisation, statistics_report, valid_values

URL = "/statistics/2013/beijing/reopen/"
Status = StatisticsReport.Status


@pytest.fixture
def report(campaign, bureau_a, head_office):
    report = statistics_report(campaign, "beijing")
    service.save_report(
        actor=bureau_a, report=report, values=valid_values(report), expected_version=0
    )
    service.submit_report(actor=bureau_a, report=report)
    service.approve_report(actor=head_office, report=report)
    report.refresh_from_db()
    return report


def message_levels(response):
    return [message.level for message in get_messages(response.wsgi_request)]


def test_it_reopens_with_the_reason(client, head_office, report):
    client.force_login(head_office)
    response = client.post(URL, {"comment": "请补充E06热线数据"})
    assert response.status_code == 302
    assert response["Location"] == "/statistics/2013/beijing/review/"
    assert message_levels(response) == [SUCCESS]
    report.refresh_from_db()
    assert report.status == Status.REOPENED
    assert report.is_editable
    step = report.transitions.last()
    assert (step.action, step.actor, step.comment) == ("reopen", head_office, "请补充E06热线数据")


def test_the_reason_is_optional(client, head_office, report):
    client.force_login(head_office)
    client.post(URL)
    report.refresh_from_db()
    assert report.status == Status.REOPENED


def test_reopening_a_report_that_is_not_approved_is_refused_with_a_message(
    client, head_office, report
):
    service.reopen_report(actor=head_office, report=report)
    client.force_login(head_office)
    response = client.post(URL)
    assert response.status_code == 302
    assert message_levels(response) == [ERROR]
    assert report.transitions.filter(action="reopen").count() == 1


def test_it_rejects_get(client, head_office, report):
    client.force_login(head_office)
    assert client.get(URL).status_code == 405


def test_head_office_staff_who_do_not_review_may_not_reopen(client, report):
    staff = UserFactory(username="hq-staff", organisation=organisation("hq"), role=User.Role.STAFF)
    client.force_login(staff)
    assert client.post(URL).status_code == 403
    report.refresh_from_db()
    assert report.status == Status.APPROVED


@pytest.mark.parametrize("persona", ["bureau_a", "bureau_b", "company_x", "association", "hotline"])
def test_nobody_but_head_office_finds_it(client, persona, request, report):
    client.force_login(request.getfixturevalue(persona))
    assert client.post(URL).status_code == 404
    report.refresh_from_db()
    assert report.status == Status.APPROVED


def test_anonymous_is_sent_to_login(client, report):
    response = client.post(URL)
    assert response["Location"].startswith("/accounts/login/")
    report.refresh_from_db()
    assert report.status == Status.APPROVED


def test_the_units_people_are_told_with_the_reason(
    client, head_office, bureau_a, report, django_capture_on_commit_callbacks
):
    bureau_a.email = "clerk@beijing.example"
    bureau_a.save()
    client.force_login(head_office)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, {"comment": "请补充E06热线数据"})

    notice = Notification.objects.filter(recipient=bureau_a).first()
    with translation.override("zh-hans"):
        expected = gettext("Head office reopened your %(year)s statistics for changes")
    assert notice.verb == expected % {"year": 2013}
    assert "请补充E06热线数据" in notice.body
    assert [m.subject for m in mail.outbox] == [notice.verb]
