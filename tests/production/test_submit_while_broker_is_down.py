"""Submitting while Redis is down: the unit gets the normal "submitted" page (not a 500), the
alert waits on its submission, and once the broker is back the sweep has the worker send it."""

import time
from decimal import Decimal

import pytest

from campaign.models import Organisation, ReportTransition, StatisticsReport, User
from campaign.services import statistics as service
from campaign.services.tables import install_default_table
from campaign.tasks import send_pending_incident_alerts
from portal.celery import app as celery_app
from portal.models import Notification

from ..factories import (
    RESPONSIBLE,
    RESPONSIBLE_POSTED,
    CampaignFactory,
    InsurerFactory,
    UserFactory,
    valid_values,
)

pytestmark = [pytest.mark.production, pytest.mark.django_db(transaction=True)]


def reset_broker_connections():
    """Forget pooled connections, so the next task goes to the broker configured now."""
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


def wait_for(condition, seconds=60):
    for _ in range(seconds * 2):
        if condition():
            return True
        time.sleep(0.5)
    return False


def test_the_unit_sees_it_submitted_and_the_sweep_sends_the_alert_later(
    client, monkeypatch, unreachable_broker
):
    head_office = Organisation.objects.create(
        code="hq-down", kind=Organisation.Kind.HEAD_OFFICE, name_zh="保险消费者权益保护局"
    )
    reviewer = UserFactory(
        username="reviewer-down",
        organisation=head_office,
        role=User.Role.REVIEWER,
        email="reviewer@hq.example",
    )
    clerk = UserFactory(username="clerk-down", organisation=InsurerFactory(code="insurer-down"))
    campaign = CampaignFactory()
    install_default_table(campaign)
    report = StatisticsReport.objects.create(
        campaign=campaign, organisation=clerk.organisation, **RESPONSIBLE
    )
    values = valid_values(report) | {"E10": Decimal(2)}
    service.save_report(actor=clerk, report=report, values=values, expected_version=0)
    url = f"/statistics/{campaign.year}/insurer-down/"
    data = {"version": report.version, "summary": "", "submit": ""}
    data |= {code: str(value) for code, value in values.items()} | RESPONSIBLE_POSTED
    data["note:E10-ALERT"] = "已及时处置"
    client.force_login(clerk)
    client.raise_request_exception = False
    reset_broker_connections()

    response = client.post(url, data, secure=True)

    assert response.status_code == 302
    assert response["Location"] == url
    page = client.get(url, secure=True)
    assert [m.level_tag for m in page.context["messages"]] == ["success"]
    report.refresh_from_db()
    assert report.status == StatisticsReport.Status.SUBMITTED
    submission = ReportTransition.objects.get(report=report, action="submit")
    assert submission.alert_due and submission.alert_sent_at is None

    # The broker is back; the submission is older than the sweep's grace period.
    monkeypatch.undo()
    reset_broker_connections()
    ReportTransition.objects.filter(pk=submission.pk).update(at=submission.at.replace(year=2000))
    assert send_pending_incident_alerts() == [submission.pk]

    def alerted():
        submission.refresh_from_db()
        return submission.alert_sent_at is not None

    assert wait_for(alerted), "the worker did not send the alert"

    def emailed():
        return Notification.objects.filter(
            recipient=reviewer, email=True, emailed_at__isnull=False
        ).exists()

    assert wait_for(emailed), "the worker did not e-mail the alert"
