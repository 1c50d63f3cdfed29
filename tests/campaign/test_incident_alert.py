import datetime
import logging
from decimal import Decimal

import pytest
from django.core import mail

from campaign.models import ReportTransition
from campaign.services import statistics as service
from campaign.tasks import alert_head_office, send_pending_incident_alerts
from portal.models import Notification

from ..factories import statistics_report, valid_values


@pytest.fixture
def reviewer(head_office):
    head_office.email = "review@hq.example"
    head_office.save()
    return head_office


@pytest.fixture
def clock(time_machine):
    time_machine.move_to(datetime.datetime(2013, 4, 9, 10, 0, tzinfo=datetime.UTC), tick=False)
    return time_machine


def submit(report, actor, values, notes=None):
    report.refresh_from_db()
    service.save_report(
        actor=actor, report=report, values=values, notes=notes, expected_version=report.version
    )
    service.submit_report(actor=actor, report=report)


def sweep(capture, clock):
    """The beat task, run late enough for every submission so far to be overdue."""
    clock.shift(datetime.timedelta(minutes=3))
    with capture(execute=True):
        return send_pending_incident_alerts()


def alerts_sent():
    return [
        message for message in mail.outbox if "Alert" in message.subject or "警" in message.subject
    ]


def test_head_office_is_emailed_when_a_unit_reports_a_group_incident(
    campaign, bureau_a, reviewer, django_capture_on_commit_callbacks
):
    report = statistics_report(campaign, "beijing")
    with django_capture_on_commit_callbacks(execute=True):
        submit(
            report, bureau_a, valid_values(report) | {"E11": Decimal(2)}, {"E11-ALERT": "已化解"}
        )
    [message] = mail.outbox
    assert message.to == ["review@hq.example"]
    assert "北京保监局" in message.subject
    assert "E11: 2" in message.body
    assert "/statistics/2013/beijing/review/" in message.body


def test_head_office_reviewers_see_the_alert_in_the_portal_too(
    campaign, bureau_a, reviewer, django_capture_on_commit_callbacks
):
    report = statistics_report(campaign, "beijing")
    with django_capture_on_commit_callbacks(execute=True):
        submit(
            report, bureau_a, valid_values(report) | {"E12": Decimal(1)}, {"E12-ALERT": "已处置"}
        )
    alert = Notification.objects.get(recipient=reviewer, verb__contains="北京保监局", email=True)
    assert "E12: 1" in alert.body
    assert alert.link == "/statistics/2013/beijing/review/"
    assert alert.emailed_at is not None


def test_the_alert_is_sent_once_however_often_the_task_runs(
    campaign, bureau_a, reviewer, django_capture_on_commit_callbacks
):
    report = statistics_report(campaign, "beijing")
    submit(report, bureau_a, valid_values(report) | {"E10": Decimal(1)}, {"E10-ALERT": "已处置"})
    transition = ReportTransition.objects.get(report=report, action="submit")
    with django_capture_on_commit_callbacks(execute=True):
        assert alert_head_office(transition.pk) == ["review@hq.example"]
        assert alert_head_office(transition.pk) == []
    assert len(mail.outbox) == 1


def test_no_alert_for_a_quiet_submission(
    campaign, bureau_a, reviewer, django_capture_on_commit_callbacks
):
    report = statistics_report(campaign, "beijing")
    with django_capture_on_commit_callbacks(execute=True):
        submit(report, bureau_a, valid_values(report))
    assert mail.outbox == []
    assert not ReportTransition.objects.get(report=report, action="submit").alert_due


def test_an_alert_that_could_not_be_enqueued_is_sent_by_the_scheduled_task(
    campaign, bureau_a, reviewer, clock, django_capture_on_commit_callbacks
):
    # No on-commit callback runs here: as if the broker was down when the unit submitted.
    report = statistics_report(campaign, "beijing")
    submit(report, bureau_a, valid_values(report) | {"E10": Decimal(3)}, {"E10-ALERT": "已处置"})
    with django_capture_on_commit_callbacks(execute=True):
        assert send_pending_incident_alerts() == []  # too recent: its own enqueue may still come
    transition = ReportTransition.objects.get(report=report, action="submit")
    assert sweep(django_capture_on_commit_callbacks, clock) == [transition.pk]
    assert len(mail.outbox) == 1
    assert sweep(django_capture_on_commit_callbacks, clock) == []


def test_a_quiet_submission_returned_then_resubmitted_with_an_incident_alerts_once_with_figures(
    campaign, bureau_a, head_office, reviewer, clock, django_capture_on_commit_callbacks
):
    # Defect: the sweep looked at the report's current alert, so the quiet first submission
    # was alerted too, with no figures.
    report = statistics_report(campaign, "beijing")
    submit(report, bureau_a, valid_values(report))
    service.return_report(actor=head_office, report=report, comment="请核对E10")
    submit(report, bureau_a, valid_values(report) | {"E10": Decimal(1)}, {"E10-ALERT": "已处置"})

    resubmission = ReportTransition.objects.filter(report=report, action="submit").last()
    assert sweep(django_capture_on_commit_callbacks, clock) == [resubmission.pk]
    [alert] = alerts_sent()
    assert "E10: 1" in alert.body
    assert sweep(django_capture_on_commit_callbacks, clock) == []


def test_an_unsent_alert_is_still_sent_after_a_quiet_resubmission(
    campaign, bureau_a, head_office, reviewer, clock, django_capture_on_commit_callbacks
):
    # Defect: once the report no longer alerted, the first submission's alert was never sent.
    report = statistics_report(campaign, "beijing")
    submit(report, bureau_a, valid_values(report) | {"E10": Decimal(1)}, {"E10-ALERT": "已处置"})
    service.return_report(actor=head_office, report=report, comment="E10 填错了")
    submit(report, bureau_a, valid_values(report))

    first = ReportTransition.objects.filter(report=report, action="submit").first()
    assert sweep(django_capture_on_commit_callbacks, clock) == [first.pk]
    [alert] = alerts_sent()
    assert "E10: 1" in alert.body
    first.refresh_from_db()
    assert first.alert_sent_at is not None


def test_an_alert_without_an_email_recipient_stays_pending_and_is_logged(
    campaign, bureau_a, head_office, clock, caplog, django_capture_on_commit_callbacks
):
    # Defect: with no reviewer address the alert was marked sent and lost.
    report = statistics_report(campaign, "beijing")
    with django_capture_on_commit_callbacks(execute=True):
        submit(
            report, bureau_a, valid_values(report) | {"E11": Decimal(1)}, {"E11-ALERT": "已化解"}
        )
    transition = ReportTransition.objects.get(report=report, action="submit")
    transition.refresh_from_db()
    assert transition.alert_sent_at is None
    assert mail.outbox == []
    assert any(r.levelno >= logging.ERROR and "NOT SENT" in r.getMessage() for r in caplog.records)

    head_office.email = "review@hq.example"
    head_office.save()
    assert sweep(django_capture_on_commit_callbacks, clock) == [transition.pk]
    [alert] = alerts_sent()
    assert alert.to == ["review@hq.example"]


def test_only_active_head_office_reviewers_are_alerted(
    campaign, bureau_a, reviewer, django_capture_on_commit_callbacks
):
    from ..factories import UserFactory, organisation

    UserFactory(
        username="hq-left",
        organisation=organisation("hq"),
        role=reviewer.role,
        email="left@hq.example",
        is_active=False,
    )
    UserFactory(username="beijing-2", organisation=organisation("beijing"), email="b@bj.example")
    report = statistics_report(campaign, "beijing")
    with django_capture_on_commit_callbacks(execute=True):
        submit(
            report, bureau_a, valid_values(report) | {"E10": Decimal(2)}, {"E10-ALERT": "已处置"}
        )
    assert [message.to for message in alerts_sent()] == [["review@hq.example"]]
