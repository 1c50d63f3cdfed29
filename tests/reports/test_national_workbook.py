"""The national statistics table (.xlsx): its cells against sums made by hand from the
values the units entered, its layout for Excel, WPS and print, and its safety."""

import datetime
import io
import os
import subprocess

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from reports.documents.workbook import build_national_workbook
from reports.selectors.figures import national_figures

from ..factories import InsurerFactory, statistics_report
from . import national
from .national import COUNTED_BY_KIND, HOSTILE_NAME, Scenario

pytestmark = pytest.mark.postgresql

KIND_SHEETS = {"bureau": "保监局", "insurer": "保险公司", "association": "行业协会"}
# The national sheet's columns of each kind: 本年, 上年, 增减, 增减%.
KIND_COLUMNS = {"bureau": "DEFG", "insurer": "HIJK", "association": "LMNO"}


@pytest.fixture
def scenario(campaign, head_office, time_machine):
    return Scenario(campaign, head_office, time_machine)


def build(campaign, **options):
    return build_national_workbook(national_figures(campaign), **options)


@pytest.fixture
def content(scenario):
    content = build(scenario.campaign)
    if os.environ.get("NATIONAL_WORKBOOK_OUT"):  # to look at it: soffice, pdftoppm
        with open(os.environ["NATIONAL_WORKBOOK_OUT"], "wb") as out:
            out.write(content)
    return content


@pytest.fixture
def workbook(content):
    return load_workbook(io.BytesIO(content))


def rows_by_first_cell(sheet):
    return {sheet.cell(row, 1).value: row for row in range(1, sheet.max_row + 1)}


def columns_by_code(sheet, row=3):
    """Indicator code → column number, from a kind sheet's code header row."""
    return {sheet.cell(row, column).value: column for column in range(3, sheet.max_column + 1)}


def test_the_sheets_come_in_the_order_head_office_reads_them(workbook):
    assert workbook.sheetnames == [
        "全国汇总",
        "保监局",
        "保险公司",
        "行业协会",
        "报送情况",
        "投诉-地区×渠道",
        "投诉-类别",
        "投诉-公司×险种",
        "投诉-月份×渠道",
        "投诉-超期与突发事件",
        "服务承诺",
    ]
    assert workbook.active.title == "全国汇总"


@pytest.mark.parametrize("kind", KIND_SHEETS)
def test_each_total_row_is_the_sum_of_the_counted_reports_of_its_kind(scenario, workbook, kind):
    sheet = workbook[KIND_SHEETS[kind]]
    total_row = rows_by_first_cell(sheet)["合计"]
    columns = columns_by_code(sheet)
    assert (
        sheet.cell(total_row, 2).value
        == f"计入 {len(COUNTED_BY_KIND[kind])}/"
        + str({"bureau": 36, "insurer": 3, "association": 1}[kind])
        + " 家"
    )
    for code, column in columns.items():
        expected = scenario.total(COUNTED_BY_KIND[kind], code) or 0
        assert sheet.cell(total_row, column).value == expected, code


def test_a_unit_sheet_has_a_row_per_expected_unit_with_its_status(scenario, workbook):
    sheet = workbook["保监局"]
    rows = rows_by_first_cell(sheet)
    columns = columns_by_code(sheet)
    names = [sheet.cell(row, 1).value for row in range(5, rows["合计"])]
    assert len(names) == 36 and names[:3] == ["北京保监局", "天津保监局", "河北保监局"]
    statuses = {
        name: sheet.cell(rows[name], 2).value
        for name in (
            "北京保监局",
            "上海保监局",
            "天津保监局",
            "重庆保监局",
            "广东保监局",
            "河北保监局",
        )
    }
    assert statuses == {
        "北京保监局": "已审核通过",
        "上海保监局": "已报送",
        "天津保监局": "已退回",
        "重庆保监局": "已重新打开",
        "广东保监局": "草稿",
        "河北保监局": "未填报",
    }
    assert sheet.cell(rows["上海保监局"], columns["B01"]).value == 30
    assert sheet.cell(rows["北京保监局"], columns["A02"]).value == 12.5
    for missing in ("天津保监局", "重庆保监局", "广东保监局", "河北保监局"):
        assert {sheet.cell(rows[missing], c).value for c in columns.values()} == {None}


def test_a_unit_no_longer_expected_is_not_listed(workbook):
    names = [row[0].value for row in workbook["保险公司"].iter_rows(min_row=5)]
    assert names == [
        HOSTILE_NAME,
        "甲乙人寿保险股份有限公司",
        "丙丁财产保险股份有限公司",
        "合计",
        names[-1],
    ]


def test_each_kind_has_only_the_indicators_it_fills(workbook):
    assert "E06" in columns_by_code(workbook["保监局"])
    assert "E14" not in columns_by_code(workbook["保监局"])
    assert "C02" not in columns_by_code(workbook["行业协会"])
    assert "F01" not in columns_by_code(workbook["保险公司"])


def test_indicator_headers_are_merged_under_their_sections(workbook):
    sheet = workbook["保监局"]
    merged = {str(cells) for cells in sheet.merged_cells.ranges}
    assert {"A2:A4", "B2:B4", "C2:E2"} <= merged
    assert [sheet["C2"].value, sheet["C3"].value, sheet["C4"].value] == [
        "组织投入",
        "A01",
        "参与活动人员\n（人次）",
    ]
    assert sheet["F2"].value == "保险知识普及" and "F2:U2" in merged
    assert sheet["A2"].value == "单位名称" and sheet["B2"].value == "报送状态"


def test_sheets_are_set_up_for_reading_and_printing(workbook):
    for title, freeze, titles in (
        ("全国汇总", "D5", "$3:$4"),
        ("保监局", "B5", "$1:$4"),
        ("保险公司", "B5", "$1:$4"),
        ("行业协会", "B5", "$1:$4"),
        ("报送情况", "B4", "$1:$3"),
    ):
        sheet = workbook[title]
        assert sheet.freeze_panes == freeze, title
        assert sheet.print_title_rows == titles, title
        assert sheet.page_setup.orientation == "landscape", title
        assert int(sheet.page_setup.paperSize) == 9, title
        assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
    assert workbook["保监局"].print_title_cols == "$A:$A"
    assert int(workbook["保监局"].page_setup.fitToWidth) > 1
    assert int(workbook["全国汇总"].page_setup.fitToWidth) == 1


def test_numbers_are_formatted_as_counts_amounts_and_percentages(workbook):
    sheet = workbook["保监局"]
    columns, total = columns_by_code(sheet), rows_by_first_cell(sheet)["合计"]
    assert sheet.cell(5, columns["A02"]).number_format == "#,##0.00"
    assert sheet.cell(5, columns["B01"]).number_format == "#,##0"
    assert sheet.cell(total, columns["A02"]).number_format == "#,##0.00"
    national_sheet = workbook["全国汇总"]
    rows = rows_by_first_cell(national_sheet)
    assert national_sheet[f"D{rows['A02']}"].number_format == "#,##0.00"
    assert national_sheet[f"D{rows['A01']}"].number_format == "#,##0"
    assert national_sheet[f"G{rows['A01']}"].number_format == "0.0%"


def test_the_national_sheet_sets_each_kinds_totals_beside_last_years(scenario, workbook):
    sheet = workbook["全国汇总"]
    assert sheet["A1"].value == "2013年全国“3·15”系列活动情况统计表（全国汇总）"
    assert "上年为 2012 年活动" in sheet["A2"].value
    assert "保监局 2/36 家" in sheet["A2"].value
    assert [sheet["D3"].value, sheet["H3"].value, sheet["L3"].value] == list(KIND_SHEETS.values())
    merged = {str(cells) for cells in sheet.merged_cells.ranges}
    assert {"D3:G3", "H3:K3", "L3:O3"} <= merged
    assert [cell.value for cell in sheet[4]] == [
        "指标代码",
        "指标名称",
        "计量单位",
        *["本年", "上年", "增减", "增减%"] * 3,
    ]
    rows = rows_by_first_cell(sheet)
    assert sheet[f"A{rows['组织投入']}"].value == "组织投入"
    assert f"A{rows['组织投入']}:O{rows['组织投入']}" in merged
    for kind, (this, last, change, percent) in KIND_COLUMNS.items():
        counted = COUNTED_BY_KIND[kind]
        before = [code for code in counted if code in scenario.last_year]
        for code in ("A01", "A02", "B02", "E01", "G02"):
            row = rows[code]
            now = scenario.total(counted, code)
            then = scenario.total(before, code, scenario.last_year)
            assert sheet[f"{this}{row}"].value == now
            assert sheet[f"{last}{row}"].value == then
            assert sheet[f"{change}{row}"].value == now - then
            assert sheet[f"{percent}{row}"].value == pytest.approx(float((now - then) / then))
    # Beijing's 20 a year ago against Beijing's and Shanghai's 10 + 30 now: +100%.
    assert sheet[f"G{rows['A01']}"].value == pytest.approx(1.0)


def test_a_kind_that_does_not_fill_an_indicator_leaves_its_cells_empty(workbook):
    sheet = workbook["全国汇总"]
    rows = rows_by_first_cell(sheet)
    assert [sheet[f"{c}{rows['E06']}"].value for c in "HIJKLMNO"] == [None] * 8
    assert sheet[f"D{rows['E06']}"].value == 40
    assert [sheet[f"{c}{rows['E14']}"].value for c in "DEFG"] == [None] * 4
    assert [sheet[f"{c}{rows['E10']}"].value for c in "DEFG"] == [0, 0, 0, None]


def test_without_a_previous_campaign_last_year_is_empty(campaign, head_office, time_machine):
    Scenario(campaign, head_office, time_machine, with_previous=False)
    sheet = load_workbook(io.BytesIO(build(campaign)))["全国汇总"]
    assert "无上年活动可比" in sheet["A2"].value
    row = rows_by_first_cell(sheet)["A01"]
    assert [sheet[f"{c}{row}"].value for c in "DEFG"] == [40, None, None, None]


def test_the_completeness_sheet_lists_every_expected_unit(scenario, workbook):
    sheet = workbook["报送情况"]
    assert [cell.value for cell in sheet[3]] == [
        "单位",
        "类别",
        "报送状态",
        "报送时间（北京时间）",
        "是否逾期",
        "填报人",
        "联系电话",
    ]
    rows = {row[0]: row for row in sheet.iter_rows(min_row=4, values_only=True)}
    assert len(rows) == 36 + 3 + 1
    assert rows["北京保监局"] == (
        "北京保监局",
        "保监局",
        "已审核通过",
        datetime.datetime(2013, 4, 8, 9, 0),
        "否",
        "王伟",
        "010-55550101",
    )
    assert rows["上海保监局"][2:5] == ("已报送", datetime.datetime(2013, 4, 11, 10, 30), "是")
    assert rows["天津保监局"][2:5] == ("已退回", None, None)
    assert rows["河北保监局"][1:] == ("保监局", "未填报", None, None, None, None)
    assert rows["中国保险行业协会"][1:3] == ("行业协会", "已报送")
    assert "戊己人寿保险股份有限公司" not in rows
    assert "保监局应报 36 家，已报送 2 家（按时 1，逾期 1），未报送 34 家" in sheet["A2"].value
    assert sheet["D4"].number_format == "yyyy-mm-dd hh:mm"


def test_text_that_looks_like_a_formula_stays_text(workbook):
    names = workbook["保险公司"]["A5"]
    assert (names.value, names.data_type) == (HOSTILE_NAME, "s")
    row = next(r for r in workbook["报送情况"].iter_rows(min_row=4) if r[0].value == HOSTILE_NAME)
    assert [(cell.value, cell.data_type) for cell in (row[0], row[5], row[6])] == [
        (HOSTILE_NAME, "s"),
        ("=1+1", "s"),
        ("+86 10 5555", "s"),
    ]


def test_the_workbook_is_chinese_whatever_the_language_of_who_builds_it(scenario, english):
    workbook = load_workbook(io.BytesIO(build(scenario.campaign)))
    assert workbook["保监局"]["B5"].value == "已审核通过"
    assert workbook["报送情况"]["B4"].value == "保监局"


def test_progress_climbs_sheet_by_sheet_to_the_end(scenario):
    fractions = []
    build(scenario.campaign, progress=fractions.append)
    assert fractions == sorted(fractions)
    assert fractions[0] > 0 and fractions[-1] == 1
    assert len(fractions) >= 5


def workbook_queries(campaign):
    figures = national_figures(campaign)
    with CaptureQueriesContext(connection) as queries:
        build_national_workbook(figures)
    return len(queries)


def test_the_workbook_takes_the_same_queries_for_few_or_many_units(
    campaign, head_office, time_machine
):
    def add_insurers(number):
        for n in range(number):
            insurer = InsurerFactory(code=f"many-{number}-{n}")
            report = statistics_report(campaign, insurer.code)
            national.submit(report, 1, head_office, time_machine, national.ON_TIME)

    add_insurers(3)
    few = workbook_queries(campaign)
    add_insurers(9)
    # One pivot per kind; the complaints: two passes, the incidents, organisations, categories;
    # the commitments: the companies' counts, the previous campaign (none), the calendar,
    # this year's commitments, the kinds whose keeping is measured and the year's records.
    assert workbook_queries(campaign) == few == 14


@pytest.mark.libreoffice
def test_a_copy_saved_again_by_libreoffice_reads_the_same(scenario, content, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "national.xlsx").write_bytes(content)
    subprocess.run(  # noqa: S603 (a fixed program on files the test wrote)
        ["soffice", "--headless", "--convert-to", "xlsx", "--outdir", str(tmp_path / "out")]
        + [str(tmp_path / "in" / "national.xlsx")],
        check=True,
        capture_output=True,
        timeout=180,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    resaved = (tmp_path / "out" / "national.xlsx").read_bytes()
    assert resaved != content
    ours, theirs = (load_workbook(io.BytesIO(c), data_only=True) for c in (content, resaved))
    for title in ("保监局", "保险公司", "行业协会"):
        total = rows_by_first_cell(ours[title])["合计"]
        assert [c.value for c in theirs[title][total]] == [c.value for c in ours[title][total]]
        assert theirs[title]["A5"].value == ours[title]["A5"].value
    for row in range(1, ours["全国汇总"].max_row + 1):
        for column in range(1, 16):
            mine, resaved_value = (s["全国汇总"].cell(row, column).value for s in (ours, theirs))
            if isinstance(mine, float):
                assert resaved_value == pytest.approx(mine)
            else:
                assert resaved_value == mine, (row, column)
    bureaus = theirs["保监局"]
    total = rows_by_first_cell(bureaus)["合计"]
    for code, column in columns_by_code(bureaus).items():
        assert bureaus.cell(total, column).value == (scenario.total(national.BUREAUS, code) or 0)
    hostile = load_workbook(io.BytesIO(resaved))["保险公司"]["A5"]
    assert (hostile.value, hostile.data_type) == (HOSTILE_NAME, "s")
