"""The national report is built end to end by the real worker: asked for through the
service head office's button calls, enqueued after the commit, its files written where
every process sees them."""

import openpyxl
import pytest
from docx import Document

from reports.models import NationalReportRun
from reports.services import runs

from .national_report import (
    campaign_with_a_submitted_report,
    head_office_user,
    wait_for,
    worker_media_root,
)

pytestmark = [pytest.mark.production, pytest.mark.django_db(transaction=True)]


def test_the_worker_builds_the_report_and_writes_its_files():
    campaign = campaign_with_a_submitted_report("insurer-report")
    reviewer = head_office_user("hq-report")

    run, created = runs.request_run(actor=reviewer, campaign=campaign)

    assert created
    run.refresh_from_db()
    assert run.enqueued_at is not None  # the broker took it after the commit

    def finished():
        run.refresh_from_db()
        return run.is_finished

    assert wait_for(finished), f"the worker did not finish the run: {run.status}"
    assert run.status == NationalReportRun.Status.SUCCEEDED, run.error
    assert (run.attempts, run.progress, run.report_count) == (1, 100, 1)
    folder = worker_media_root() / f"national/{campaign.year}/run-{run.pk}"
    assert sorted(path.name for path in folder.iterdir()) == ["summary.docx", "workbook.xlsx"]
    assert openpyxl.load_workbook(folder / "workbook.xlsx", read_only=True).sheetnames
    assert str(campaign.year) in Document(str(folder / "summary.docx")).paragraphs[0].text
