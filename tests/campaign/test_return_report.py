"""Head office returns a report to its unit: POST /statistics/<year>/<code>/return/."""

import pytest
from django.contrib.messages import ERROR, SUCCESS, get_messages
from django.core import mail

from campaign.models import IndicatorComment, StatisticsReport, User
from campaign.services import statistics as service
from portal.models import Notification

from ..factories import UserFactory, organisation, statistics_report, valid_values

URL = "/statistics/2013/beijing/return/"
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


def test_it_returns_with_the_comment_and_comments_pinned_to_indicators(client, head_office, report):
    client.force_login(head_office)
    response = client.post(
        URL, {"comment": "请核实进学校受众人数", "B02": "与场次不符", "E01": "", "A01": "  "}
    )
    assert response.status_code == 302
    assert response["Location"] == "/statistics/2013/beijing/review/"
    assert message_levels(response) == [SUCCESS]
    report.refresh_from_db()
    assert report.status == Status.RETURNED
    step = report.transitions.last()
    assert (step.action, step.actor, step.comment) == (
        "return",
        head_office,
        "请核实进学校受众人数",
    )
    pinned = [(c.indicator.code, c.text) for c in step.indicator_comments.all()]
    assert pinned == [("B02", "与场次不符")]


def test_a_return_without_a_comment_is_refused_next_to_the_field(client, head_office, report):
    client.force_login(head_office)
    response = client.post(URL, {"comment": "   ", "B02": "与场次不符"})
    assert response.status_code == 200
    form = response.context["return_form"]
    assert "comment" in form.errors
    assert form["B02"].value() == "与场次不符"  # the reviewer's pinned comment stays on screen
    page = response.content.decode()
    assert "与场次不符" in page
    assert "invalid-feedback" in page or "is-invalid" in page
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED
    assert not IndicatorComment.objects.exists()
    assert report.transitions.count() == 1


def test_returning_a_returned_report_is_refused_with_a_message(client, head_office, report):
    service.return_report(actor=head_office, report=report, comment="第一次退回")
    client.force_login(head_office)
    response = client.post(URL, {"comment": "第二次"})
    assert response.status_code == 302
    assert message_levels(response) == [ERROR]
    assert report.transitions.filter(action="return").count() == 1


def test_it_rejects_get(client, head_office, report):
    client.force_login(head_office)
    assert client.get(URL).status_code == 405


def test_head_office_staff_who_do_not_review_may_not_return(client, report):
    staff = UserFactory(username="hq-staff", organisation=organisation("hq"), role=User.Role.STAFF)
    client.force_login(staff)
    assert client.post(URL, {"comment": "请核实"}).status_code == 403
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED


@pytest.mark.parametrize("persona", ["bureau_a", "bureau_b", "company_x", "association", "hotline"])
def test_nobody_but_head_office_finds_it(client, persona, request, report):
    client.force_login(request.getfixturevalue(persona))
    assert client.post(URL, {"comment": "请核实"}).status_code == 404
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED


def test_anonymous_is_sent_to_login(client, report):
    response = client.post(URL, {"comment": "请核实"})
    assert response["Location"].startswith("/accounts/login/")
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED


def test_the_units_people_are_told_with_the_comment_by_email_too(
    client, head_office, bureau_a, report, django_capture_on_commit_callbacks
):
    bureau_a.email = "clerk@beijing.example"
    bureau_a.save()
    colleague = UserFactory(username="beijing-2", organisation=organisation("beijing"))
    UserFactory(username="beijing-left", organisation=organisation("beijing"), is_active=False)
    client.force_login(head_office)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, {"comment": "请核实进学校受众人数", "B02": "与场次不符"})

    told = Notification.objects.filter(link="/statistics/2013/beijing/")
    assert sorted(n.recipient.username for n in told) == ["beijing", colleague.username]
    notice = told.get(recipient=bureau_a)
    assert "请核实进学校受众人数" in notice.body
    assert "B02" in notice.body and "与场次不符" in notice.body
    assert notice.link == "/statistics/2013/beijing/"
    [message] = mail.outbox
    assert message.to == ["clerk@beijing.example"]
    assert "请核实进学校受众人数" in message.body


def test_nobody_is_told_when_the_return_is_refused(client, head_office, bureau_a, report):
    client.force_login(head_office)
    client.post(URL, {"comment": "  "})
    assert not Notification.objects.filter(recipient=bureau_a).exists()


def test_the_people_of_a_deactivated_unit_are_not_told(client, head_office, bureau_a, report):
    beijing = organisation("beijing")
    beijing.is_active = False
    beijing.save()
    client.force_login(head_office)
    client.post(URL, {"comment": "请核实"})
    assert not Notification.objects.filter(recipient=bureau_a).exists()
