"""Shared set-up for the hostile-input tests: a submitted Beijing report with an attachment."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase

from campaign.models import User
from campaign.services import attachments as attachment_services
from campaign.services import statistics as statistics_services

from ..factories import UserFactory, organisation, statistics_report, valid_values


@pytest.fixture(autouse=True)
def _in_english(english):
    """Hostile-input tests assert the messages in English."""


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def head_office_staff(db):
    """Head office, but not a reviewer: sees reports, may not decide on them."""
    return UserFactory(username="hq-staff", organisation=organisation("hq"), role=User.Role.STAFF)


@pytest.fixture
def beijing(campaign, bureau_a):
    """Beijing's 2013 report: valid values saved, one PDF attached, still a draft."""
    report = statistics_report(campaign, "beijing")
    statistics_services.save_report(
        actor=bureau_a, report=report, values=valid_values(report), expected_version=0
    )
    # The file is written once the attachment is committed.
    with TestCase.captureOnCommitCallbacks(execute=True):
        attachment_services.add_attachment(
            actor=bureau_a, report=report, upload=SimpleUploadedFile("summary.pdf", PDF)
        )
    report.refresh_from_db()
    return report


@pytest.fixture
def beijing_submitted(beijing, bureau_a):
    return statistics_services.submit_report(actor=bureau_a, report=beijing)


@pytest.fixture
def shanghai(campaign, bureau_b):
    return statistics_report(campaign, "shanghai")
