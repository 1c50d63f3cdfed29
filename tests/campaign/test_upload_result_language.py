"""A refused Excel upload's result is stored in both languages: the upload list and the
marked file speak the language of whoever opens them, not the uploader's (issue 7, item 6)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from campaign import excel
from campaign.excel import uploads
from campaign.models import StatisticsUpload
from campaign.services import statistics as service

from ..factories import statistics_report, valid_values
from . import workbooks

URL = "/statistics/2013/beijing/excel/"


@pytest.fixture
def report(campaign):
    return statistics_report(campaign, "beijing")


@pytest.fixture
def refused_in_english(client, bureau_a, report):
    """Beijing's clerk, reading in English, uploads a form with a negative A01."""
    filled = workbooks.fill(
        workbooks.template(report), workbooks.as_stored_values(valid_values(report))
    )
    client.force_login(bureau_a)
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        client.post(URL, {"file": workbooks.upload_file(workbooks.fill(filled, {"A01": -1}))})
    client.logout()
    return StatisticsUpload.objects.get()


def upload_row(response):
    return response.content.decode().split('id="uploads-heading"')[1].split("</table>")[0]


def test_head_office_reads_in_chinese_a_refusal_uploaded_in_english(
    client, head_office, refused_in_english
):
    client.force_login(head_office)
    row = upload_row(client.get(URL))
    assert "有1个单元格需要更正" in row
    assert "cell needs correcting" not in row
    assert "Refused" not in row


def test_the_uploader_reads_it_in_english(client, bureau_a, refused_in_english):
    client.force_login(bureau_a)
    client.cookies["django_language"] = "en"
    row = upload_row(client.get(URL))
    assert "1 cell needs correcting; nothing has been stored." in row
    assert "需要更正" not in row


def test_the_marked_file_is_commented_in_the_readers_language(
    client, head_office, report, refused_in_english
):
    client.force_login(head_office)
    response = client.get(f"{URL}uploads/{refused_in_english.pk}/annotated.xlsx")
    sheet = workbooks.form_sheet(workbooks.open_xlsx(response.content))
    comment = sheet[workbooks.value_cell(workbooks.template(report), "A01")].comment.text
    assert "必须为非负整数" in comment
    assert "non-negative" not in comment


def test_an_upload_stored_before_both_languages_were_kept_still_shows_its_result(
    client, bureau_a, refused_in_english
):
    StatisticsUpload.objects.update(message="旧的结果", message_en="")
    client.force_login(bureau_a)
    client.cookies["django_language"] = "en"
    assert "旧的结果" in upload_row(client.get(URL))


def test_a_file_for_a_submitted_report_is_refused_in_both_languages(bureau_a, report):
    filled = workbooks.fill(
        workbooks.template(report), workbooks.as_stored_values(valid_values(report))
    )
    service.save_report(
        actor=bureau_a, report=report, values=valid_values(report), expected_version=0
    )
    service.submit_report(actor=bureau_a, report=report)
    report.refresh_from_db()
    with translation.override("en"):
        result = excel.upload_statistics(
            actor=bureau_a,
            report=report,
            file=SimpleUploadedFile("form.xlsx", filled),
            name="form.xlsx",
            size=len(filled),
            expected_version=report.version,
        )
    assert not result.accepted
    assert result.upload.message_en == "This report is Submitted and can no longer be changed."
    assert result.upload.message == "此报表状态为“已报送”，不能再修改。"


def test_a_refusal_whose_other_language_cannot_be_written_is_still_stored(
    monkeypatch, bureau_a, report
):
    # A slip in one catalogue (a placeholder the Chinese lacks) must not lose the upload: the
    # refusal is kept in the language it was raised in.
    filled = workbooks.fill(
        workbooks.template(report), workbooks.as_stored_values(valid_values(report))
    )
    broken = workbooks.fill(filled, {"A01": -1})

    def other_language_fails(report, content):
        raise KeyError("value")

    monkeypatch.setattr(uploads, "_refusal_of", other_language_fails)
    with translation.override("en"):
        result = excel.upload_statistics(
            actor=bureau_a,
            report=report,
            file=SimpleUploadedFile("form.xlsx", broken),
            name="form.xlsx",
            size=len(broken),
        )
    assert not result.accepted
    stored = StatisticsUpload.objects.get()
    assert stored.message_en and stored.message == stored.message_en
    assert [error["cell"] for error in stored.errors] == ["D6"]
