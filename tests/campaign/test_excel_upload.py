"""POST /statistics/<year>/<code>/excel/: a filled-in Excel form, stored only when all of it is
valid; and the upload page itself."""

import subprocess
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaign.models import IndicatorValue, StatisticsReport, StatisticsUpload
from campaign.selectors import reports as selectors
from campaign.services import statistics as service

from ..factories import UserFactory, organisation, statistics_report, valid_values
from ..html import Element
from . import workbooks

URL = "/statistics/2013/beijing/excel/"


pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def report(campaign):
    return statistics_report(campaign, "beijing")


@pytest.fixture
def clerk(client, bureau_a, report):
    client.force_login(bureau_a)
    client.cookies["django_language"] = "en"
    return bureau_a


@pytest.fixture
def filled(report):
    """The template filled in with a complete, valid set of values, as Excel would type them."""
    return workbooks.fill(
        workbooks.template(report), workbooks.as_stored_values(valid_values(report))
    )


def post(client, content, name="form.xlsx"):
    return client.post(URL, {"file": workbooks.upload_file(content, name)})


def refusal(response):
    assert response.status_code == 200, response.get("Location")
    result = response.context["result"]
    assert result is not None and not result.accepted
    return result.refusal


def cells(refused):
    return [error.cell for error in refused.errors if error.cell]


@pytest.fixture
def unchanged(report):
    """Asserts, after the test, that the report's values and version are as before it."""
    values, version = selectors.values_of(report), report.version
    yield
    report.refresh_from_db()
    assert selectors.values_of(report) == values
    assert report.version == version


# Accepted files.


def test_a_valid_upload_stores_every_value_and_goes_to_the_form(client, clerk, report, filled):
    response = post(client, filled)
    assert response.status_code == 302
    assert response["Location"] == "/statistics/2013/beijing/"
    assert selectors.values_of(report) == valid_values(report)
    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    assert "47 values changed" in message


def test_a_valid_upload_is_one_versioned_change_in_the_history(client, clerk, report, filled):
    history_before = report.history.count()
    post(client, filled)
    report.refresh_from_db()
    assert report.version == 1
    assert report.history.count() == history_before + 1
    assert report.updated_by == clerk
    entries = IndicatorValue.history.filter(report_id=report.pk)
    assert entries.count() == len(valid_values(report))
    assert {entry.history_user_id for entry in entries} == {clerk.pk}


def test_only_the_values_that_changed_get_a_history_entry(client, clerk, report, filled):
    post(client, filled)
    report.refresh_from_db()
    again = workbooks.fill(workbooks.template(report), {"A01": 11, "B01": 12})
    response = post(client, again)
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.version == 2
    changed = IndicatorValue.history.filter(report_id=report.pk, history_type="~")
    assert sorted(entry.indicator.code for entry in changed) == ["A01", "B01"]
    upload = StatisticsUpload.objects.latest("id")
    assert upload.accepted and upload.changed_count == 2


def test_an_emptied_cell_clears_the_stored_value(client, clerk, report, filled):
    post(client, filled)
    report.refresh_from_db()
    response = post(client, workbooks.fill(workbooks.template(report), {"B16": None}))
    assert response.status_code == 302
    assert selectors.values_of(report)["B16"] is None


def test_numbers_stored_as_text_are_accepted(client, clerk, report, filled):
    content = workbooks.fill(
        filled, {"A01": "12", "B01": " 1,200 ", "B02": "１２００", "A02": "3.5"}
    )
    assert post(client, content).status_code == 302
    values = selectors.values_of(report)
    assert values["A01"] == Decimal(12)
    assert values["B01"] == Decimal(1200)
    assert values["B02"] == Decimal(1200)
    assert values["A02"] == Decimal("3.50")


def test_whole_numbers_saved_as_floats_are_accepted(client, clerk, report, filled):
    content = workbooks.fill(filled, {"A01": 12.0, "A02": 7.1})
    assert post(client, content).status_code == 302
    assert selectors.values_of(report)["A01"] == Decimal(12)
    assert selectors.values_of(report)["A02"] == Decimal("7.10")


def test_a_formula_counts_with_its_calculated_value(client, clerk, report, filled):
    rows = workbooks.rows_by_code(workbooks.form_sheet(workbooks.open_xlsx(filled)))
    formula = f"=SUM(D{rows['E02']}:D{rows['E13']})"
    content = workbooks.with_cached_formula(filled, "E01", formula, 50)
    assert post(client, content).status_code == 302
    assert selectors.values_of(report)["E01"] == Decimal(50)


def test_a_sum_with_float_noise_counts_as_excel_shows_it(client, clerk, report, filled):
    content = workbooks.with_cached_formula(filled, "A02", "=0.1+0.2", "0.30000000000000004")
    assert post(client, content).status_code == 302
    assert selectors.values_of(report)["A02"] == Decimal("0.30")


def test_sheets_moved_and_added_are_accepted(client, clerk, report, filled):
    def reorder(workbook):
        workbook.create_sheet("草稿", 0)
        workbook.move_sheet(workbook["_portal"], offset=-1)

    content = workbooks.change(filled, reorder)
    assert workbooks.open_xlsx(content).sheetnames[0] == "草稿"
    assert post(client, content).status_code == 302
    assert selectors.values_of(report) == valid_values(report)


@pytest.mark.libreoffice
def test_a_file_saved_again_by_libreoffice_is_accepted(client, clerk, report, filled, tmp_path):
    content = workbooks.fill(filled, {"B01": "12"})
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "form.xlsx").write_bytes(content)
    subprocess.run(  # noqa: S603 (a fixed program on files the test wrote)
        ["soffice", "--headless", "--convert-to", "xlsx", "--outdir", str(tmp_path / "out")]
        + [str(tmp_path / "in" / "form.xlsx")],
        check=True,
        capture_output=True,
        timeout=180,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    resaved = (tmp_path / "out" / "form.xlsx").read_bytes()
    assert resaved != content
    assert post(client, resaved).status_code == 302
    assert selectors.values_of(report)["B01"] == Decimal(12)


# Refused files: nothing stored, a clear reason.


def test_another_units_file_is_refused(client, clerk, report, campaign, unchanged):
    shanghai = statistics_report(campaign, "shanghai")
    refused = refusal(post(client, workbooks.template(shanghai)))
    assert str(refused).startswith(
        "This file is the form of CIRC Shanghai Bureau for the 2013 campaign, "
        "not of CIRC Beijing Bureau for 2013."
    )


def test_another_campaigns_file_is_refused(client, clerk, filled, unchanged):
    refused = refusal(post(client, workbooks.set_identity(filled, campaign="2012")))
    assert "2012" in str(refused) and "2013" in str(refused)


def test_a_file_without_its_identification_is_refused(client, clerk, filled, unchanged):
    content = workbooks.change(filled, lambda workbook: workbook.remove(workbook["_portal"]))
    assert "identification" in str(refusal(post(client, content)))


def test_a_file_without_the_form_sheet_is_refused(client, clerk, filled, unchanged):
    def rename(workbook):
        workbooks.form_sheet(workbook).title = "Sheet1"

    assert "no sheet named" in str(refusal(post(client, workbooks.change(filled, rename))))


def test_a_word_document_renamed_xlsx_is_refused(client, clerk, report, unchanged):
    refused = refusal(post(client, workbooks.docx()))
    assert "not an Excel workbook" in str(refused)
    upload = StatisticsUpload.objects.get()
    assert not upload.accepted and not upload.file and not upload.can_be_annotated


def test_a_text_file_renamed_xlsx_is_refused(client, clerk, unchanged):
    refused = refusal(post(client, "代码,数值\nA01,12\n".encode()))
    assert "not an Excel workbook" in str(refused)


def test_a_file_over_5_mb_is_refused_unread(client, clerk, unchanged):
    refused = refusal(post(client, b"PK\x03\x04" + b"\0" * (5 * 1024 * 1024)))
    assert "larger than 5 MB" in str(refused)
    assert not StatisticsUpload.objects.get().file


def test_a_zip_bomb_is_refused_before_it_is_unpacked(client, clerk, unchanged):
    bomb = workbooks.zip_bomb()
    assert len(bomb) < 1024 * 1024
    refused = refusal(post(client, bomb))
    assert "refused for safety" in str(refused)
    assert not refused.annotatable


def test_a_damaged_workbook_is_refused(client, clerk, filled, unchanged):
    damaged = workbooks.zip_of(
        {"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<not-closed"}
    )
    assert "could not be read" in str(refusal(post(client, damaged)))


def test_missing_rows_are_refused_by_code(client, clerk, filled, unchanged):
    def delete_rows(workbook):
        sheet = workbooks.form_sheet(workbook)
        rows = workbooks.rows_by_code(sheet)
        sheet.delete_rows(rows["E07"])
        sheet.delete_rows(rows["E06"])

    refused = refusal(post(client, workbooks.change(filled, delete_rows)))
    assert "Rows are missing for E06, E07" in str(refused)


def test_rows_are_found_by_code_wherever_they_are(client, clerk, report, filled):
    def insert_row(workbook):
        sheet = workbooks.form_sheet(workbook)
        sheet.insert_rows(workbooks.rows_by_code(sheet)["B01"])

    assert post(client, workbooks.change(filled, insert_row)).status_code == 302
    assert selectors.values_of(report) == valid_values(report)


def test_bad_values_are_refused_with_their_cell_addresses(client, clerk, filled, unchanged):
    content = workbooks.fill(filled, {"A01": -1, "B01": 2.5, "A02": 1.234, "B02": "many"})
    refused = refusal(post(client, content))
    addresses = {code: workbooks.value_cell(filled, code) for code in ("A01", "A02", "B01", "B02")}
    assert cells(refused) == [addresses[code] for code in ("A01", "A02", "B01", "B02")]
    messages = [str(error) for error in refused.errors]
    assert (
        messages[0]
        == f"{addresses['A01']} (A01 Staff taking part): must be a non-negative whole number"
    )
    assert "A02" in messages[1] and "2 decimals" in messages[1]
    assert str(refused) == "4 cells need correcting; nothing has been stored."


def test_figures_typed_with_a_decimal_comma_are_refused_as_on_the_web_form(
    client, clerk, filled, unchanged
):
    """Text "0,25" was stored as 25.00, "1,2,3" as 123 and "10²" as 102."""
    content = workbooks.fill(filled, {"A02": "0,25", "B01": "1,2,3", "B02": "10²"})
    refused = refusal(post(client, content))
    problems = {error.code: error.problem for error in refused.errors}
    assert set(problems) == {"A02", "B01", "B02"}
    assert "use a decimal point, not a comma" in problems["A02"]
    assert "use a decimal point, not a comma" in problems["B01"]
    assert problems["B02"] == "must be a non-negative whole number"


def test_a_formula_never_calculated_is_refused_on_its_cell(client, clerk, filled, unchanged):
    content = workbooks.fill(filled, {"E01": "=SUM(D1:D2)"})
    refused = refusal(post(client, content))
    assert cells(refused) == [workbooks.value_cell(filled, "E01")]
    assert "no calculated value" in refused.errors[0].problem


def test_a_repeated_row_is_refused(client, clerk, filled, unchanged):
    def copy_row(workbook):
        sheet = workbooks.form_sheet(workbook)
        sheet.append(["A01", "参与活动人员", "人次", 3])

    refused = refusal(post(client, workbooks.change(filled, copy_row)))
    assert refused.errors[0].code == "A01" and refused.errors[0].cell.startswith("A")


# The refused file, given back with its problems marked.


def test_a_refused_file_comes_back_with_each_bad_cell_marked(client, clerk, filled):
    post(client, workbooks.fill(filled, {"A01": -1}))
    upload = StatisticsUpload.objects.get()
    response = client.get(f"{URL}uploads/{upload.pk}/annotated.xlsx")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    sheet = workbooks.form_sheet(workbooks.open_xlsx(response.content))
    cell = sheet[workbooks.value_cell(filled, "A01")]
    assert cell.value == -1  # the user's own input, kept
    assert "A01" in cell.comment.text and "non-negative whole number" in cell.comment.text
    assert cell.fill.fgColor.rgb.endswith("FFC7CE")
    other = sheet[workbooks.value_cell(filled, "A03")]
    assert other.comment is None and not other.fill.fgColor.rgb.endswith("FFC7CE")


def test_the_marked_copy_corrected_in_place_is_accepted(client, clerk, report, filled):
    post(client, workbooks.fill(filled, {"A01": -1}))
    upload = StatisticsUpload.objects.get()
    marked = client.get(f"{URL}uploads/{upload.pk}/annotated.xlsx").content
    corrected = workbooks.fill(marked, {"A01": 7})
    assert post(client, corrected).status_code == 302
    assert selectors.values_of(report)["A01"] == Decimal(7)


def test_a_file_refused_as_a_whole_comes_back_with_the_reason_on_a1(client, clerk, filled):
    post(client, workbooks.set_identity(filled, unit="shanghai"))
    upload = StatisticsUpload.objects.get()
    response = client.get(f"{URL}uploads/{upload.pk}/annotated.xlsx")
    sheet = workbooks.form_sheet(workbooks.open_xlsx(response.content))
    assert "CIRC Shanghai Bureau" in sheet["A1"].comment.text
    assert sheet["A1"].fill.fgColor.rgb.endswith("FFC7CE")


def test_a_file_refused_for_safety_cannot_be_fetched_back(client, clerk):
    post(client, workbooks.docx())
    upload = StatisticsUpload.objects.get()
    assert client.get(f"{URL}uploads/{upload.pk}/annotated.xlsx").status_code == 404


def test_an_accepted_file_has_no_annotated_copy(client, clerk, filled):
    post(client, filled)
    upload = StatisticsUpload.objects.get()
    assert client.get(f"{URL}uploads/{upload.pk}/annotated.xlsx").status_code == 404


def test_another_bureau_cannot_fetch_the_annotated_file(client, clerk, bureau_b, filled):
    post(client, workbooks.fill(filled, {"A01": -1}))
    upload = StatisticsUpload.objects.get()
    client.force_login(bureau_b)
    assert client.get(f"{URL}uploads/{upload.pk}/annotated.xlsx").status_code == 404


def test_head_office_can_fetch_the_annotated_file(client, clerk, head_office, filled):
    post(client, workbooks.fill(filled, {"A01": -1}))
    upload = StatisticsUpload.objects.get()
    client.force_login(head_office)
    assert client.get(f"{URL}uploads/{upload.pk}/annotated.xlsx").status_code == 200


def test_an_upload_of_another_report_is_not_found_under_this_one(client, clerk, bureau_b, campaign):
    shanghai = statistics_report(campaign, "shanghai")
    client.force_login(bureau_b)
    content = workbooks.fill(workbooks.template(shanghai), {"A01": -1})
    client.post("/statistics/2013/shanghai/excel/", {"file": workbooks.upload_file(content)})
    upload = StatisticsUpload.objects.get(report=shanghai)
    client.force_login(clerk)
    assert client.get(f"{URL}uploads/{upload.pk}/annotated.xlsx").status_code == 404


# Someone else saved since the download.


def test_a_file_from_an_older_version_is_refused_with_what_changed(client, clerk, report, filled):
    colleague = UserFactory(username="beijing2", organisation=organisation("beijing"))
    service.save_report(
        actor=colleague, report=report, values={"A01": Decimal(99)}, expected_version=0
    )
    response = post(client, filled)  # downloaded at version 0
    assert response.status_code == 200
    conflict = response.context["result"].conflict
    assert [(c.code, c.value, c.by) for c in conflict.changes] == [("A01", "99", "beijing2")]
    assert "A01" in response.content.decode() and "beijing2" in response.content.decode()
    report.refresh_from_db()
    assert report.version == 1
    assert selectors.values_of(report) == {"A01": Decimal(99)}
    assert not StatisticsUpload.objects.get().accepted


def conflict_rows(response):
    """The cells' text of each row of the refusal's table of what changed."""
    rows = Element.by_id(response, "conflict").first("tbody").find_all("tr")
    return [[cell.text for cell in row.find_all("td")] for row in rows]


def test_the_refusal_lists_each_value_changed_since_the_download(
    client, clerk, report, filled, english
):
    colleague = UserFactory(username="beijing2", organisation=organisation("beijing"))
    service.save_report(
        actor=colleague, report=report, values={"A01": Decimal(99)}, expected_version=0
    )
    response = post(client, filled)
    [row] = conflict_rows(response)
    assert [row[0], row[2], row[3]] == ["A01", "99", "beijing2"]
    assert Element.by_id(response, "conflict").links == []


def test_the_refusal_says_so_when_only_other_parts_changed(client, clerk, report, filled, english):
    colleague = UserFactory(username="beijing2", organisation=organisation("beijing"))
    service.save_report(
        actor=colleague, report=report, values={}, summary="另述", expected_version=0
    )
    assert conflict_rows(post(client, filled)) == [
        ["the written summary, the notes on warnings or the report's status"]
    ]


# Who may upload.


def test_a_submitted_report_cannot_be_changed_by_upload(client, clerk, report, filled):
    service.save_report(actor=clerk, report=report, values=valid_values(report), expected_version=0)
    service.submit_report(actor=clerk, report=report)
    assert post(client, filled).status_code == 403
    assert client.get(URL).context["may_upload"] is False
    report.refresh_from_db()
    assert report.status == StatisticsReport.Status.SUBMITTED


def test_head_office_sees_the_page_but_cannot_upload(client, head_office, report, filled):
    client.force_login(head_office)
    response = client.get(URL)
    assert response.status_code == 200
    assert response.context["may_upload"] is False
    assert b'type="file"' not in response.content
    assert post(client, filled).status_code == 403
    assert not StatisticsUpload.objects.exists()


def test_another_bureau_cannot_upload_to_it(client, bureau_b, report, filled):
    client.force_login(bureau_b)
    assert post(client, filled).status_code == 404
    assert client.get(URL).status_code == 404


def test_a_company_cannot_see_the_page(client, company_x, report):
    client.force_login(company_x)
    assert client.get(URL).status_code == 404


def test_anonymous_is_sent_to_log_in(client, report, filled):
    response = post(client, filled)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not StatisticsUpload.objects.exists()


# The page.


def test_page_offers_the_download_and_the_upload_form(client, clerk, report):
    response = client.get(URL)
    assert response.status_code == 200
    content = response.content.decode()
    assert "/statistics/2013/beijing/excel/template.xlsx" in content
    assert 'enctype="multipart/form-data"' in content
    assert response.context["may_upload"] is True


def test_posting_no_file_shows_the_form_error(client, clerk, report, unchanged):
    response = client.post(URL, {})
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not StatisticsUpload.objects.exists()


def test_page_lists_recent_uploads_with_their_results(client, clerk, filled):
    post(client, workbooks.fill(filled, {"A01": -1}), name="第一次.xlsx")
    post(client, filled, name="第二次.xlsx")
    response = client.get(URL)
    uploads = response.context["uploads"]
    assert [(u.original_name, u.accepted) for u in uploads] == [
        ("第二次.xlsx", True),
        ("第一次.xlsx", False),
    ]
    content = response.content.decode()
    assert f"uploads/{uploads[1].pk}/annotated.xlsx" in content
    assert f"uploads/{uploads[0].pk}/annotated.xlsx" not in content


def test_page_runs_a_fixed_number_of_queries_however_many_uploads(client, clerk, report):
    def add_uploads(count):
        StatisticsUpload.objects.bulk_create(
            StatisticsUpload(
                report=report, uploaded_by=clerk, original_name=f"{i}.xlsx", size=1, message="x"
            )
            for i in range(count)
        )

    def queries():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(URL)
        assert response.status_code == 200
        return len(captured), len(response.context["uploads"])

    add_uploads(2)
    few = queries()
    add_uploads(10)
    assert queries() == (few[0], 10)
