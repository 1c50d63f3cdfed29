"""A build's files: downloaded with their Chinese names, by head office only, once built."""

import io
from datetime import date

import openpyxl
import pytest
from docx import Document

from reports.models import NationalReportRun
from reports.services import runs

from ..factories import CampaignFactory

Status = NationalReportRun.Status


@pytest.fixture
def built(campaign):
    return runs.build_run(run_id=NationalReportRun.objects.create(campaign=campaign).pk)


def test_head_office_downloads_the_statistics_table(client, head_office, built):
    client.force_login(head_office)

    response = client.get(f"/reports/2013/runs/{built.pk}/workbook/")

    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    # 2013年全国“3·15”系列活动情况统计表.xlsx
    assert response["Content-Disposition"].startswith("attachment; filename*=utf-8''2013%E5%B9%B4")
    assert response["Content-Disposition"].endswith(".xlsx")
    assert response["Cache-Control"] == "private, no-store"
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert workbook.sheetnames


def test_head_office_downloads_the_summary(client, head_office, built):
    client.force_login(head_office)

    response = client.get(f"/reports/2013/runs/{built.pk}/summary/")

    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(".docx")
    assert "%E6%80%BB%E7%BB%93" in response["Content-Disposition"]  # 总结
    document = Document(io.BytesIO(b"".join(response.streaming_content)))
    assert "2013" in document.paragraphs[0].text


def test_an_unfinished_build_has_no_files(client, campaign, head_office):
    run = NationalReportRun.objects.create(campaign=campaign, status=Status.RUNNING)
    client.force_login(head_office)

    assert client.get(f"/reports/2013/runs/{run.pk}/workbook/").status_code == 404


def test_an_unknown_kind_of_file_is_not_found(client, head_office, built):
    client.force_login(head_office)

    assert client.get(f"/reports/2013/runs/{built.pk}/minutes/").status_code == 404


def test_a_missing_file_is_not_found(client, head_office, built):
    built.workbook.storage.delete(built.workbook.name)
    client.force_login(head_office)

    assert client.get(f"/reports/2013/runs/{built.pk}/workbook/").status_code == 404


@pytest.mark.parametrize("persona", ["bureau_a", "company_x", "association", "hotline"])
def test_nobody_but_head_office_downloads_them(client, as_persona, persona, built):
    as_persona(persona)

    assert client.get(f"/reports/2013/runs/{built.pk}/workbook/").status_code == 404
    assert client.get(f"/reports/2013/runs/{built.pk}/summary/").status_code == 404


def test_a_run_of_another_campaign_is_not_found_under_this_ones_year(client, head_office, campaign):
    later = CampaignFactory(
        year=2027,
        period_start=date(2027, 3, 1),
        period_end=date(2027, 3, 31),
        deadline=date(2027, 4, 10),
    )
    run = runs.build_run(run_id=NationalReportRun.objects.create(campaign=later).pk)
    client.force_login(head_office)
    assert client.get(f"/reports/2027/runs/{run.pk}/workbook/").status_code == 200

    for page in ("", "progress/", "workbook/", "summary/"):
        assert client.get(f"/reports/2013/runs/{run.pk}/{page}").status_code == 404
