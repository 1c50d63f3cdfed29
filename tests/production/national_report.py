"""What the national report's production-path tests share: a campaign with a submitted
report, made by the test itself (the tables are emptied between tests), and where the
worker writes its files."""

import os
import time
from pathlib import Path

from django.conf import settings

from campaign.models import Organisation
from campaign.services import statistics as statistics_services
from campaign.services.tables import install_default_table

from ..factories import (
    CampaignFactory,
    InsurerFactory,
    UserFactory,
    statistics_report,
    valid_values,
)


def campaign_with_a_submitted_report(code):
    clerk = UserFactory(username=f"clerk-{code}", organisation=InsurerFactory(code=code))
    campaign = CampaignFactory()  # expects every reporting unit, the insurer included
    install_default_table(campaign)
    report = statistics_report(campaign, code)
    statistics_services.save_report(
        actor=clerk, report=report, values=valid_values(report), expected_version=0
    )
    statistics_services.submit_report(actor=clerk, report=report)
    return campaign


def head_office_user(code):
    head_office = Organisation.objects.create(
        code=code, kind=Organisation.Kind.HEAD_OFFICE, name_zh="保险消费者权益保护局"
    )
    return UserFactory(username=f"reviewer-{code}", organisation=head_office)


def worker_media_root():
    """MEDIA_ROOT as the worker sees it (the test's own settings point at a temporary one)."""
    return Path(os.environ.get("MEDIA_ROOT") or settings.VAR_DIR / "media")


def wait_for(condition, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.25)
    return False
