"""A submission with group incidents is committed, enqueued, and alerted by the real worker."""

import time
from decimal import Decimal

import pytest

from campaign.models import Organisation, ReportTransition, StatisticsReport, User
from campaign.services import statistics as service
from campaign.services.tables import install_default_table
from portal.models import Notification

from ..factories import (
    RESPONSIBLE_SAVED,
    CampaignFactory,
    InsurerFactory,
    UserFactory,
    valid_values,
)

pytestmark = [pytest.mark.production, pytest.mark.django_db(transaction=True)]


def test_the_worker_alerts_head_office_after_the_submission_commits():
    head_office = Organisation.objects.create(
        code="hq-ci", kind=Organisation.Kind.HEAD_OFFICE, name_zh="保险消费者权益保护局"
    )
    UserFactory(
        username="reviewer-ci",
        organisation=head_office,
        role=User.Role.REVIEWER,
        email="reviewer@hq.example",
    )
    clerk = UserFactory(username="clerk-ci", organisation=InsurerFactory(code="insurer-ci"))
    campaign = CampaignFactory()
    install_default_table(campaign)
    report = StatisticsReport.objects.create(campaign=campaign, organisation=clerk.organisation)
    service.save_report(
        actor=clerk,
        report=report,
        values=valid_values(report) | {"E12": Decimal(1)},
        notes={"E12-ALERT": "已启动应急预案并妥善处置"},
        expected_version=0,
        **RESPONSIBLE_SAVED,
    )

    service.submit_report(actor=clerk, report=report)

    transition = ReportTransition.objects.get(report=report, action="submit")
    for _ in range(120):
        transition.refresh_from_db()
        if transition.alert_sent_at:
            break
        time.sleep(0.5)
    assert transition.alert_sent_at is not None, "the worker did not send the alert"
    # The alert reached head office's reviewer in the portal, and the worker e-mailed it once.
    notification = Notification.objects.get(recipient__username="reviewer-ci", email=True)
    for _ in range(120):
        notification.refresh_from_db()
        if notification.emailed_at:
            break
        time.sleep(0.5)
    assert notification.emailed_at is not None, "the worker did not e-mail the alert"
