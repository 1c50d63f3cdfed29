"""Head office builds the national report and watches its progress bar until the files are
ready (issue 12), logged in through the login page, in Chinese at 1366×768.

By default tasks run in-process, inside the request that asks for the build, so the page would
open on a finished build and its progress bar would never move. Here the broker takes the task
and holds it, as a real one does until a worker is free; the test then builds the run itself,
as the worker would, and halts it before the Word document until the page, polling on its own,
shows that stage: queued at 0 %, running at 80 %, then the page reloads itself with the files."""

import pytest
from django.utils import timezone

from campaign.services import statistics as statistics_services
from reports.models import NationalReportRun
from reports.services import runs as run_services
from tests.factories import statistics_report, valid_values

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def broker(monkeypatch):
    """The runs the broker took, in order; none is built until the test builds it."""
    taken = []

    def take(run_id):
        taken.append(run_id)
        NationalReportRun.objects.filter(pk=run_id).update(enqueued_at=timezone.now())
        return True

    monkeypatch.setattr(run_services, "enqueue_run", take)
    return taken


def test_head_office_builds_the_national_report_and_watches_its_progress(
    page_as, campaign, bureau_a, head_office, broker, monkeypatch
):
    from playwright.sync_api import expect  # as conftest: collecting needs no Playwright

    report = statistics_report(campaign, "beijing")
    statistics_services.save_report(
        actor=bureau_a, report=report, values=valid_values(report), expected_version=0
    )
    statistics_services.submit_report(actor=bureau_a, report=report)
    statistics_services.approve_report(actor=head_office, report=report)
    page = page_as(head_office)
    page.click("#portal-nav a[href='/reports/']")
    assert "尚未生成" in page.inner_text("main")
    page.shot("national-report--1-not-built")

    page.click("main button:has-text('生成全国汇总')")
    page.wait_for_url("**/reports/2013/runs/*/")
    assert "已开始生成" in page.inner_text(".portal-messages")
    bar = page.locator("[data-run-bar]")
    assert bar.is_visible() and bar.get_attribute("aria-valuenow") == "0"
    assert "排队中" in page.inner_text(".portal-run-progress")
    page.shot("national-report--2-queued")

    # The worker's turn. Before the Word document, it waits for the page to show that stage
    # (what the page showed is checked after the build, which takes any error for its own).
    build_docx = run_services.build_summary_docx
    running = []

    def build_docx_once_the_page_shows_it(**arguments):
        expect(bar).to_have_attribute("aria-valuenow", "80")
        running.append(page.inner_text(".portal-run-progress"))
        page.shot("national-report--3-running", full_page=False)
        return build_docx(**arguments)

    monkeypatch.setattr(run_services, "build_summary_docx", build_docx_once_the_page_shows_it)
    (run_id,) = broker
    assert run_services.build_run(run_id=run_id).status == "succeeded"
    (progress,) = running
    assert "生成中" in progress and "生成Word文档" in progress and "80%" in progress

    # Finished: the page reloads itself with the files.
    page.locator("#files-heading").wait_for()
    assert bar.get_attribute("aria-valuenow") == "100"
    assert "已完成" in page.inner_text(".portal-run-progress")
    assert page.locator("dt:has-text('计入报表数') + dd").inner_text() == "1"
    page.shot("national-report--4-files-ready")
    with page.expect_download() as download:
        page.click("main a:has-text('下载统计表')")
    assert download.value.suggested_filename.endswith(".xlsx")
