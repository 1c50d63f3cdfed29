"""GET /statistics/<year>/<code>/excel/template.xlsx: the unit's form as an Excel file."""

from decimal import Decimal

import pytest

from campaign import excel
from campaign.selectors import reports as selectors
from campaign.services import statistics as service

from ..factories import statistics_report
from . import workbooks

URL = "/statistics/2013/beijing/excel/template.xlsx"


@pytest.fixture
def report(campaign):
    return statistics_report(campaign, "beijing")


@pytest.fixture
def filled(report, bureau_a):
    service.save_report(
        actor=bureau_a,
        report=report,
        values={"A01": Decimal(5), "A02": Decimal("12.50"), "E01": Decimal(40)},
        expected_version=0,
    )
    report.refresh_from_db()
    return report


def download(client):
    response = client.get(URL)
    assert response.status_code == 200
    return workbooks.open_xlsx(response.content)


def test_unit_downloads_its_form_as_an_xlsx_attachment(client, bureau_a, report):
    client.force_login(bureau_a)
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''2013%E5%B9%B4%E5%8C%97%E4%BA%AC%E4%BF%9D%E7%9B%91%E5%B1%80"
        "%E6%83%85%E5%86%B5%E7%BB%9F%E8%AE%A1%E8%A1%A8.xlsx"
    )  # 2013年北京保监局情况统计表.xlsx
    assert response.content.startswith(b"PK\x03\x04")


def test_form_names_the_unit_and_the_campaign(client, bureau_a, report):
    client.force_login(bureau_a)
    sheet = workbooks.form_sheet(download(client))
    assert "2013" in sheet["A1"].value
    assert "北京保监局" in sheet["A2"].value
    assert "保监厅发〔2013〕11号" in sheet["A3"].value
    assert "A1:D1" in sheet.merged_cells


def test_form_has_a_row_per_indicator_the_unit_fills_in_table_order(client, bureau_a, report):
    client.force_login(bureau_a)
    sheet = workbooks.form_sheet(download(client))
    codes = list(workbooks.rows_by_code(sheet))
    assert codes == [indicator.code for indicator in selectors.indicators_for(report)]
    assert {"E06", "F01", "F03"} <= set(codes)  # a bureau's own lines
    row = workbooks.rows_by_code(sheet)["A01"]
    assert [sheet.cell(row, column).value for column in (1, 2, 3)] == [
        "A01",
        "参与活动人员",
        "人次",
    ]


def test_sections_head_their_indicators_as_merged_rows(client, bureau_a, report):
    client.force_login(bureau_a)
    sheet = workbooks.form_sheet(download(client))
    first = workbooks.rows_by_code(sheet)["A01"]
    assert first == 6
    assert sheet.cell(first - 1, 1).value == "一、组织投入"
    assert f"A{first - 1}:D{first - 1}" in sheet.merged_cells
    b01 = workbooks.rows_by_code(sheet)["B01"]
    assert sheet.cell(b01 - 1, 1).value == "二、保险知识普及"


def test_a_company_gets_only_the_lines_of_a_company_system(client, company_x, campaign):
    client.force_login(company_x)
    response = client.get("/statistics/2013/demo-life/excel/template.xlsx")
    sheet = workbooks.form_sheet(workbooks.open_xlsx(response.content))
    codes = set(workbooks.rows_by_code(sheet))
    assert "E06" not in codes and "F01" not in codes
    assert {"A01", "C02", "E01"} <= codes


def test_form_holds_the_current_values_with_number_formats(client, bureau_a, filled):
    client.force_login(bureau_a)
    sheet = workbooks.form_sheet(download(client))
    rows = workbooks.rows_by_code(sheet)
    assert sheet.cell(rows["A01"], 4).value == 5
    assert sheet.cell(rows["A02"], 4).value == 12.5
    assert sheet.cell(rows["B01"], 4).value is None
    assert sheet.cell(rows["A01"], 4).number_format == "0"
    assert sheet.cell(rows["A02"], 4).number_format == "0.00"


def test_only_the_value_cells_are_unlocked_on_a_protected_sheet(client, bureau_a, report):
    client.force_login(bureau_a)
    sheet = workbooks.form_sheet(download(client))
    rows = workbooks.rows_by_code(sheet)
    assert sheet.protection.sheet is True
    for row in rows.values():
        assert sheet.cell(row, 4).protection.locked is False
        assert sheet.cell(row, 1).protection.locked is True
        assert sheet.cell(row, 2).protection.locked is True
    assert sheet["A1"].protection.locked is True


def test_value_cells_refuse_negative_numbers_while_typing(client, bureau_a, report):
    client.force_login(bureau_a)
    sheet = workbooks.form_sheet(download(client))
    rows = workbooks.rows_by_code(sheet)
    kinds = {}
    for validation in sheet.data_validations.dataValidation:
        for code, row in rows.items():
            if f"D{row}" in validation.sqref:
                kinds[code] = (validation.type, validation.operator, validation.formula1)
    assert kinds["A01"] == ("whole", "greaterThanOrEqual", "0")
    assert kinds["A02"] == ("decimal", "greaterThanOrEqual", "0")


def test_form_prints_on_a4_portrait_fitted_to_width_with_its_header(client, bureau_a, report):
    client.force_login(bureau_a)
    sheet = workbooks.form_sheet(download(client))
    assert int(sheet.page_setup.paperSize) == 9  # A4
    assert sheet.page_setup.orientation == "portrait"
    assert sheet.page_setup.fitToWidth == 1
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
    assert sheet.print_title_rows == "$1:$4"
    assert sheet.column_dimensions["B"].width >= 30  # the longest name, two units a character


def test_a_hidden_sheet_identifies_unit_campaign_and_version(client, bureau_a, filled):
    client.force_login(bureau_a)
    workbook = download(client)
    identity = workbook[excel.IDENTITY_SHEET]
    assert identity.sheet_state == "hidden"
    assert identity.protection.sheet is True
    fields = {row[0]: row[1] for row in identity.iter_rows(values_only=True)}
    assert fields["campaign"] == "2013"
    assert fields["unit"] == "beijing"
    assert fields["report_version"] == str(filled.version) == "1"
    assert workbook.active.title == workbooks.form_sheet(workbook).title


def test_english_interface_gets_the_english_names(client, bureau_a, report, settings):
    client.force_login(bureau_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    sheet = workbooks.form_sheet(download(client))
    row = workbooks.rows_by_code(sheet)["A01"]
    assert sheet.title == "Statistics"
    assert sheet.cell(row, 2).value == "Staff taking part"
    assert sheet["A4"].value == "Code"


def test_names_that_look_like_formulas_are_written_as_text(client, bureau_a, campaign):
    campaign.indicators.filter(code="A01").update(name_zh='=HYPERLINK("http://x.example")\x07')
    client.force_login(bureau_a)
    sheet = workbooks.form_sheet(download(client))
    cell = sheet.cell(workbooks.rows_by_code(sheet)["A01"], 2)
    assert cell.data_type == "s"
    assert cell.value == '=HYPERLINK("http://x.example")'
    assert cell.quotePrefix is True


def test_head_office_downloads_a_units_form(client, head_office, report):
    client.force_login(head_office)
    assert client.get(URL).status_code == 200


def test_another_bureau_cannot_download_it(client, bureau_b, report):
    client.force_login(bureau_b)
    assert client.get(URL).status_code == 404


def test_a_company_cannot_download_it(client, company_x, report):
    client.force_login(company_x)
    assert client.get(URL).status_code == 404


def test_anonymous_is_sent_to_log_in(client, report):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
