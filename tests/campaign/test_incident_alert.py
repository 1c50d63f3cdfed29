import datetime
from decimal import Decimal

import pytest
from django.core import mail

from campaign.models import ReportTransition
from campaign.services import statistics as service
from campaign.tasks import alert_head_office, send_pending_incident_alerts

from ..factories import statistics_report, valid_values


@pytest.fixture
def reviewer(head_office):
    head_office.email = "review@hq.example"
    head_office.save()
    return head_office


def submit(report, actor, values, notes=None):
    service.save_report(actor=actor, report=report, values=values, notes=notes, expected_version=0)
    service.submit_report(actor=actor, report=report)


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


def test_the_alert_is_sent_once_however_often_the_task_runs(campaign, bureau_a, reviewer):
    report = statistics_report(campaign, "beijing")
    submit(report, bureau_a, valid_values(report) | {"E10": Decimal(1)}, {"E10-ALERT": "已处置"})
    transition = ReportTransition.objects.get(report=report, action="submit")
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


def test_an_alert_that_could_not_be_enqueued_is_sent_by_the_scheduled_task(
    campaign, bureau_a, reviewer, time_machine
):
    # No on-commit callback runs here: as if the broker was down when the unit submitted.
    time_machine.move_to(datetime.datetime(2013, 4, 9, 10, 0, tzinfo=datetime.UTC), tick=False)
    report = statistics_report(campaign, "beijing")
    submit(report, bureau_a, valid_values(report) | {"E10": Decimal(3)}, {"E10-ALERT": "已处置"})
    assert send_pending_incident_alerts() == []  # too recent: its own enqueue may still come
    time_machine.shift(datetime.timedelta(minutes=3))
    transition = ReportTransition.objects.get(report=report, action="submit")
    assert send_pending_incident_alerts() == [transition.pk]
    assert len(mail.outbox) == 1
    assert send_pending_incident_alerts() == []
