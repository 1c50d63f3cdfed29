"""Building a run: once, whatever the number of deliveries; files under the run's own
folder; a failure recorded for head office."""

import os

from django.conf import settings

from campaign.models import StatisticsReport
from reports.models import NationalReportRun, SummaryDraft
from reports.services import runs

from .runs import submitted_report

Status = NationalReportRun.Status


def run_folder(run):
    return settings.MEDIA_ROOT / "national" / str(run.campaign.year) / f"run-{run.pk}"


def test_a_build_writes_its_files_and_records_what_it_saw(campaign, head_office, bureau_a):
    report = submitted_report(campaign, "beijing", bureau_a)
    run = NationalReportRun.objects.create(campaign=campaign, requested_by=head_office)

    run = runs.build_run(run_id=run.pk)

    assert run.status == Status.SUCCEEDED
    assert (run.progress, run.attempts, run.error) == (100, 1, "")
    assert run.started_at <= run.finished_at
    assert run.report_count == 1
    assert run.latest_change == StatisticsReport.objects.get(pk=report.pk).updated_at
    assert run.workbook.name == f"national/2013/run-{run.pk}/workbook.xlsx"
    assert run.summary_docx.name == f"national/2013/run-{run.pk}/summary.docx"
    assert sorted(os.listdir(run_folder(run))) == ["summary.docx", "workbook.xlsx"]
    assert run.workbook.read().startswith(b"PK")  # a zip: the .xlsx
    assert run.summary_html
    assert SummaryDraft.objects.get(campaign=campaign).run == run


def test_a_finished_run_is_left_as_it_is(campaign, head_office):
    run = runs.build_run(run_id=NationalReportRun.objects.create(campaign=campaign).pk)
    workbook = run_folder(run) / "workbook.xlsx"
    written = workbook.stat().st_mtime_ns

    again = runs.build_run(run_id=run.pk)

    assert again.status == Status.SUCCEEDED
    assert again.attempts == 1
    assert again.finished_at == run.finished_at
    assert workbook.stat().st_mtime_ns == written


def test_a_failed_run_is_not_built_again(campaign):
    run = NationalReportRun.objects.create(campaign=campaign, status=Status.FAILED, error="x")

    assert runs.build_run(run_id=run.pk).attempts == 0
    assert not run_folder(run).exists()


def test_a_redelivered_running_run_finishes_once_with_one_set_of_files(campaign):
    """Its worker died mid-build (attempt 1, left running, a half-written file behind)."""
    run = NationalReportRun.objects.create(
        campaign=campaign, status=Status.RUNNING, attempts=1, progress=40
    )
    folder = run_folder(run)
    folder.mkdir(parents=True)
    (folder / ".workbook.xlsx.abc123.part").write_bytes(b"half")

    run = runs.build_run(run_id=run.pk)
    runs.build_run(run_id=run.pk)  # and the message came once more

    run.refresh_from_db()
    assert run.status == Status.SUCCEEDED
    assert run.attempts == 2
    assert sorted(os.listdir(folder)) == ["summary.docx", "workbook.xlsx"]
    assert NationalReportRun.objects.filter(status=Status.SUCCEEDED).count() == 1


def test_a_failing_build_is_marked_failed_with_a_message_for_head_office(
    campaign, monkeypatch, caplog, english
):
    def broken(figures, *, progress=None):
        raise ValueError("the disk is full")

    monkeypatch.setattr(runs, "build_national_workbook", broken)
    run = NationalReportRun.objects.create(campaign=campaign)

    run = runs.build_run(run_id=run.pk)

    assert run.status == Status.FAILED
    assert run.finished_at is not None
    assert run.error.startswith("The build failed.")
    assert "the disk is full" not in run.error
    assert "the disk is full" in caplog.text  # the details are in the log
    assert not run.workbook
    assert not SummaryDraft.objects.exists()


def test_progress_and_stage_are_written_while_the_workbook_is_written(campaign, monkeypatch):
    seen = []
    real = runs.build_national_workbook

    def watched(figures, *, progress=None):
        for fraction in (0.25, 0.5, 1):
            progress(fraction)
            seen.append(NationalReportRun.objects.values_list("status", "progress", "stage").get())
        return real(figures, progress=progress)

    monkeypatch.setattr(runs, "build_national_workbook", watched)

    runs.build_run(run_id=NationalReportRun.objects.create(campaign=campaign).pk)

    assert seen == [
        ("running", 25, "Writing the statistics table"),
        ("running", 40, "Writing the statistics table"),
        ("running", 70, "Writing the statistics table"),
    ]


def test_a_run_interrupted_too_often_is_failed_not_built_again(campaign, english):
    run = NationalReportRun.objects.create(
        campaign=campaign, status=Status.RUNNING, attempts=runs.MAX_ATTEMPTS
    )

    run = runs.build_run(run_id=run.pk)

    assert run.status == Status.FAILED
    assert run.attempts == runs.MAX_ATTEMPTS
    assert run.error.startswith("The build was interrupted several times")
    assert not run_folder(run).exists()
