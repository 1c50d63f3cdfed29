"""What the unit is told of a submission, on time or late: the wording before it submits,
the message after each submission (first or again) with that submission's time, and the
time in the form's header (issue 7, item 4)."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from campaign.services import statistics as service

from ..factories import RESPONSIBLE_POSTED, statistics_report, valid_values

SHANGHAI = ZoneInfo("Asia/Shanghai")
URL = "/statistics/2013/beijing/"


@pytest.fixture
def report(campaign):
    return statistics_report(campaign, "beijing")


def at(day, hour, minute):
    return datetime.datetime(2013, 4, day, hour, minute, tzinfo=SHANGHAI)


def submit(client, report):
    report.refresh_from_db()
    data = {"version": report.version, "summary": "", "submit": "", **RESPONSIBLE_POSTED}
    data |= {code: str(value) for code, value in valid_values(report).items()}
    response = client.post(URL, data, follow=True)
    assert response.redirect_chain == [(URL, 302)]
    return response


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def test_an_on_time_submission_says_when_it_was_submitted(
    client, english, bureau_a, report, time_machine
):
    time_machine.move_to(at(10, 23, 59), tick=False)
    client.force_login(bureau_a)
    assert "has passed" not in client.get(URL).content.decode()

    response = submit(client, report)

    assert messages_of(response) == ["Submitted to head office at 10 April 2013 23:59."]
    report.refresh_from_db()
    assert not report.is_late


def test_the_form_says_a_submission_after_the_deadline_is_marked_late(
    client, english, bureau_a, report, time_machine
):
    time_machine.move_to(at(11, 0, 0), tick=False)
    client.force_login(bureau_a)
    page = client.get(URL).content.decode()
    assert "The submission deadline (10 April 2013) has passed" in page
    assert "a submission now is marked late, with its time." in page


def test_a_first_late_submission_says_it_is_marked_late_with_its_time(
    client, english, bureau_a, report, time_machine
):
    time_machine.move_to(at(11, 10, 30), tick=False)
    client.force_login(bureau_a)

    response = submit(client, report)

    assert messages_of(response) == [
        "Submitted to head office at 11 April 2013 10:30, after the deadline: marked late."
    ]
    assert "submitted 11 April 2013 10:30" in response.content.decode()
    report.refresh_from_db()
    assert report.is_late


def test_the_late_message_is_in_chinese_with_the_chinese_date(
    client, bureau_a, report, time_machine
):
    time_machine.move_to(at(11, 10, 30), tick=False)
    client.force_login(bureau_a)

    response = submit(client, report)

    assert messages_of(response) == [
        "已于2013年4月11日 10:30报送保监会，晚于报送截止日期，标记为逾期。"
    ]
    assert "2013年4月11日 10:30" in response.content.decode()


def test_a_late_resubmission_quotes_its_own_time_and_the_header_agrees(
    client, english, bureau_a, head_office, report, time_machine
):
    time_machine.move_to(at(11, 10, 30), tick=False)
    client.force_login(bureau_a)
    submit(client, report)
    time_machine.move_to(at(12, 9, 0), tick=False)
    service.return_report(actor=head_office, report=report, comment="请核实")
    time_machine.move_to(at(13, 16, 45), tick=False)
    client.force_login(bureau_a)  # another day, another session

    response = submit(client, report)

    assert messages_of(response) == [
        "Submitted to head office at 13 April 2013 16:45, after the deadline: marked late."
    ]
    page = response.content.decode()
    assert "submitted 13 April 2013 16:45" in page
    assert "11 April 2013 10:30" not in page
    report.refresh_from_db()
    assert report.submitted_at == at(13, 16, 45)
    # The timeline keeps both submissions, each marked late.
    steps = [(t.action, t.at, t.is_late) for t in report.transitions.filter(action="submit")]
    assert steps == [("submit", at(11, 10, 30), True), ("submit", at(13, 16, 45), True)]


def test_a_late_resubmission_of_a_report_first_submitted_on_time_is_marked_late_as_a_step(
    client, english, bureau_a, head_office, report, time_machine
):
    """The report's own "late" stays its first submission's: the unit met the deadline and
    head office returned it afterwards; the resubmission's step is marked late."""
    time_machine.move_to(at(9, 9, 0), tick=False)
    client.force_login(bureau_a)
    submit(client, report)
    time_machine.move_to(at(12, 9, 0), tick=False)
    service.return_report(actor=head_office, report=report, comment="请核实")
    client.force_login(bureau_a)

    response = submit(client, report)

    assert messages_of(response) == [
        "Submitted to head office at 12 April 2013 09:00, after the deadline: marked late."
    ]
    report.refresh_from_db()
    assert not report.is_late
    assert report.transitions.filter(action="submit").last().is_late
