"""`manage.py build_national_report`: the same build, synchronously, files copied out."""

import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from reports.models import NationalReportRun

from .runs import submitted_report


def test_it_builds_the_report_and_writes_both_files(campaign, bureau_a, tmp_path):
    submitted_report(campaign, "beijing", bureau_a)
    out = io.StringIO()

    call_command("build_national_report", campaign=2013, output=str(tmp_path), stdout=out)

    workbook = tmp_path / "2013年全国“3·15”系列活动情况统计表.xlsx"
    summary = tmp_path / "2013年全国保险消费者权益保护“3·15”系列活动总结.docx"
    assert out.getvalue().splitlines() == [str(workbook), str(summary)]
    assert openpyxl.load_workbook(workbook).sheetnames
    assert summary.read_bytes().startswith(b"PK")
    run = NationalReportRun.objects.get()
    assert (run.status, run.requested_by, run.report_count) == ("succeeded", None, 1)


def test_it_builds_a_run_already_queued(campaign, tmp_path):
    queued = NationalReportRun.objects.create(campaign=campaign)

    call_command(
        "build_national_report",
        campaign=2013,
        output=str(tmp_path),
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )

    queued.refresh_from_db()
    assert queued.status == "succeeded"
    assert NationalReportRun.objects.count() == 1


def test_an_unknown_campaign_is_an_error(campaign, tmp_path):
    with pytest.raises(CommandError, match="There is no 2099 campaign."):
        call_command("build_national_report", campaign=2099, output=str(tmp_path))
    assert not NationalReportRun.objects.exists()


def test_a_missing_folder_is_an_error(campaign, tmp_path):
    with pytest.raises(CommandError, match="no such folder"):
        call_command("build_national_report", campaign=2013, output=str(tmp_path / "nope"))
    assert not NationalReportRun.objects.exists()


def test_an_unwritable_folder_is_an_error(campaign):
    # /proc: a folder where nobody, root included (as CI runs), may create a file.
    with pytest.raises(CommandError, match="/proc: cannot write there"):
        call_command("build_national_report", campaign=2013, output="/proc")
    assert not NationalReportRun.objects.exists()


def test_a_failing_build_is_an_error(campaign, tmp_path, monkeypatch):
    from reports.services import runs

    def broken(figures, *, progress=None):
        raise ValueError("boom")

    monkeypatch.setattr(runs, "build_national_workbook", broken)

    with pytest.raises(CommandError, match="failed"):
        call_command("build_national_report", campaign=2013, output=str(tmp_path))
    assert NationalReportRun.objects.get().status == "failed"
