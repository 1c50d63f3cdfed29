"""portal.spreadsheets: the base every Excel export writes through."""

import io

from openpyxl import load_workbook
from openpyxl.worksheet.datavalidation import DataValidation

from portal.spreadsheets import Exporter, Formula, Styled, sanitise_text, write_workbook


class People(Exporter):
    sheet_title = "People: [2013]"
    column_widths = (10, 30)
    print_title_rows = "1:1"

    def __init__(self, rows):
        self._rows = rows

    def rows(self):
        yield [Styled("Name", "header"), Styled("Remark", "header")]
        yield from self._rows


def written(*exporters, **options):
    return load_workbook(io.BytesIO(write_workbook(exporters, **options)))


def test_characters_excel_rejects_are_stripped():
    assert sanitise_text("北京\x00\x07保监局\x1f") == "北京保监局"
    assert sanitise_text("line\nbreak\ttab") == "line\nbreak\ttab"


def test_text_from_users_that_looks_like_a_formula_stays_text():
    sheet = written(People([["=1+1", "+86 10"], ["-5", "@SUM(A1)"]])).active
    for coordinate, text in (("A2", "=1+1"), ("B2", "+86 10"), ("A3", "-5"), ("B3", "@SUM(A1)")):
        assert sheet[coordinate].value == text
        assert sheet[coordinate].data_type == "s"
        assert sheet[coordinate].quotePrefix is True


def test_only_an_explicit_formula_is_written_as_one():
    sheet = written(People([[1, 2], [Formula("=SUM(A2:B2)")]])).active
    assert sheet["A3"].value == "=SUM(A2:B2)"
    assert sheet["A3"].data_type == "f"


def test_illegal_characters_in_user_text_do_not_break_the_file():
    sheet = written(People([["张三\x0b", "备注\x02"]])).active
    assert [sheet["A2"].value, sheet["B2"].value] == ["张三", "备注"]


def test_layout_styles_merges_and_validations_are_applied():
    check = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0")
    rows = [[Styled("Title", "title", merge_across=1)], [Styled(3, "input", validation=check)]]
    sheet = written(People(rows)).active
    assert sheet.title == "People_ _2013_"
    assert "A2:B2" in sheet.merged_cells
    assert sheet["A1"].font.bold is True
    assert sheet["A3"].protection.locked is False
    assert "A3" in sheet.data_validations.dataValidation[0].sqref
    assert sheet.column_dimensions["B"].width == 30
    assert sheet.print_title_rows == "$1:$1"
    assert int(sheet.page_setup.paperSize) == 9


def test_hidden_and_protected_sheets():
    class Secret(People):
        sheet_title = "_secret"
        hidden = True
        protect = True

    workbook = written(People([]), Secret([]))
    assert workbook["_secret"].sheet_state == "hidden"
    assert workbook["_secret"].protection.sheet is True
    assert workbook.active.title.startswith("People")


def test_progress_is_reported_per_sheet():
    calls = []
    write_workbook([People([[n, n] for n in range(1200)])], progress=lambda e, n: calls.append(n))
    assert calls == [500, 1000, 1201]


def test_a_header_merges_down_over_the_header_rows_below():
    rows = [
        [Styled("Unit", "header", merge_down=2), Styled("Section", "header", merge_across=1)],
        [Styled(None, "header"), "A01", "A02"],
        [Styled(None, "header"), "Staff", "Funds"],
    ]
    sheet = written(People(rows)).active
    assert {"A2:A4", "B2:C2"} <= {str(cells) for cells in sheet.merged_cells.ranges}
    assert sheet["A2"].value == "Unit"
    assert sheet["A3"].border.left.style == "thin"


def test_a_wide_sheet_prints_across_pages_with_its_title_columns_repeated():
    class Wide(People):
        print_title_columns = "A:A"
        pages_wide = 3

    sheet = written(Wide([])).active
    assert sheet.print_title_cols == "$A:$A"
    assert (int(sheet.page_setup.fitToWidth), int(sheet.page_setup.fitToHeight)) == (3, 0)


def test_cells_sharing_a_look_keep_their_own_quote_prefix():
    rows = [[Styled(text, "text") for text in ("张三", "=1+1", "李四", "-5")]]
    sheet = written(People(rows)).active
    assert [sheet.cell(2, column).quotePrefix for column in range(1, 5)] == [
        False,
        True,
        False,
        True,
    ]
    assert {sheet.cell(2, column).border.left.style for column in range(1, 5)} == {"thin"}


def test_a_preset_an_exporter_redefines_applies_to_its_own_sheet_only():
    class Thousands(People):
        sheet_title = "Thousands"
        styles = {"number": {"number_format": "#,##0"}}

    rows = [[Styled(1234, "number")]]
    workbook = written(People(rows), Thousands(rows))
    assert workbook["People_ _2013_"]["A2"].number_format == "0"
    assert workbook["Thousands"]["A2"].number_format == "#,##0"
