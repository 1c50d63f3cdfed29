"""Every figure on head office's dashboard equals the national workbook's: both are built
from reports.selectors.figures.national_figures, and this test reads the workbook's cells
(sheet 全国汇总 for the totals, 报送情况 for who reported) to make sure they agree."""

from io import BytesIO

import pytest
from django.utils import translation
from openpyxl import load_workbook

from campaign.models import Organisation, StatisticsReport
from reports.documents.workbook import build_national_workbook
from reports.selectors.dashboards import head_office_dashboard
from reports.selectors.figures import COUNTED, national_figures

from ..html import Element
from .dashboard_units import beijing_time, national_scenario

pytestmark = pytest.mark.postgresql

Status = StatisticsReport.Status
NATIONAL_SHEET = "全国汇总"
COMPLETENESS_SHEET = "报送情况"
KIND_HEADER_ROW = 3
FIRST_INDICATOR_ROW = 5


@pytest.fixture(autouse=True)
def after_the_campaign(time_machine):
    time_machine.move_to(beijing_time(2013, 5, 2, 10))


@pytest.fixture
def workbook_and_dashboard(campaign, head_office):
    national_scenario(campaign, head_office)
    dashboard = head_office_dashboard(campaign)
    content = build_national_workbook(national_figures(campaign))  # the .xlsx's bytes
    return load_workbook(BytesIO(content), data_only=True), dashboard


def empty(cell_value):
    return cell_value is None or cell_value == ""


def same(cell_value, figure, *, scale=1):
    """A workbook cell and a dashboard figure agree: both empty, or the same number."""
    if figure is None:
        return empty(cell_value)
    if empty(cell_value):
        return False
    return abs(float(cell_value) * scale - float(figure)) < 1e-6


def kind_columns(sheet):
    """Kind label (保监局 …) → the first column (1-based) of its four: 本年, 上年, 增减, 增减%."""
    columns = {}
    for cell in sheet[KIND_HEADER_ROW]:
        if isinstance(cell.value, str) and cell.value.strip():
            columns[cell.value.strip()] = cell.column
    return columns


def indicator_rows(sheet):
    """Indicator code → its row's values (a tuple, column A first). A section's row has its
    name in A and nothing in B (merged across); an indicator's has its name in B."""
    rows = {}
    for row in sheet.iter_rows(min_row=FIRST_INDICATOR_ROW, values_only=True):
        if isinstance(row[0], str) and row[0].strip() and not empty(row[1]):
            rows[row[0].strip()] = row
    return rows


def test_every_national_total_on_the_dashboard_is_the_workbooks(workbook_and_dashboard):
    workbook, dashboard = workbook_and_dashboard
    sheet = workbook[NATIONAL_SHEET]
    with translation.override("zh-hans"):
        labels = {kind.kind: str(kind.label) for kind in dashboard.kinds}
    columns = kind_columns(sheet)
    assert set(labels.values()) <= set(columns), columns
    rows = indicator_rows(sheet)
    compared = 0
    for section in dashboard.sections:
        for row in section["rows"]:
            code = row["indicator"].code
            assert code in rows, code
            cells = rows[code]
            for comparison in row["comparisons"]:
                first = columns[labels[comparison.kind]] - 1  # 0-based in the tuple
                this, last, change, percent = cells[first : first + 4]
                where = (code, comparison.kind)
                if not comparison.fills:
                    assert all(empty(value) for value in (this, last, change, percent)), where
                    continue
                assert same(this, comparison.this_year), (where, this, comparison.this_year)
                assert same(last, comparison.last_year), (where, last, comparison.last_year)
                assert same(change, comparison.change), (where, change, comparison.change)
                # The workbook holds a ratio shown as a percentage; the dashboard the percent.
                assert same(percent, comparison.percent, scale=100), (where, percent)
                compared += 1
    # Every indicator in use, for each kind that fills it, was compared.
    assert compared == sum(len(kind.indicators) for kind in dashboard.kinds)
    assert compared > 100


def test_the_rendered_totals_are_the_workbooks(client, head_office, workbook_and_dashboard):
    workbook, dashboard = workbook_and_dashboard
    sheet = workbook[NATIONAL_SHEET]
    columns = kind_columns(sheet)
    rows = indicator_rows(sheet)
    client.force_login(head_office)
    html = Element.parse(client.get("/reports/2013/dashboard/").content.decode())
    with translation.override("zh-hans"):
        labels = {kind.kind: str(kind.label) for kind in dashboard.kinds}
    for code, cells in rows.items():
        row = html.find(f"total-{code}")
        assert row is not None, code
        for cell in row.find_all("td"):
            if cell.get("data-figure") != "this_year":
                continue
            workbook_value = cells[columns[labels[cell["data-kind"]]] - 1]
            shown = float(cell.text.replace(",", ""))
            assert abs(float(workbook_value) - shown) < 0.005 + 1e-9, (code, cell["data-kind"])


def _completeness_columns(sheet):
    """(header row number, unit column, status column, late column), found by their headers
    and by the cells that name units."""
    names = set(Organisation.objects.values_list("name_zh", flat=True))
    for row in sheet.iter_rows(min_row=1, max_row=10):
        texts = {cell.column: str(cell.value or "") for cell in row}
        status = next((c for c, t in texts.items() if "状态" in t), None)
        late = next((c for c, t in texts.items() if "逾期" in t or "按时" in t), None)
        if status:
            unit = next(
                column
                for column in texts
                if any(
                    r[column - 1] in names
                    for r in sheet.iter_rows(min_row=row[0].row + 1, values_only=True)
                )
            )
            return row[0].row, unit, status, late
    raise AssertionError("no header with 状态 in the completeness sheet")


def _is_late(value):
    return value is True or (isinstance(value, str) and value.strip() in ("是", "逾期"))


def test_the_completeness_counts_are_the_workbooks(workbook_and_dashboard):
    workbook, dashboard = workbook_and_dashboard
    sheet = workbook[COMPLETENESS_SHEET]
    header, unit_column, status_column, late_column = _completeness_columns(sheet)
    assert late_column is not None
    kinds = dict(Organisation.objects.values_list("name_zh", "kind"))
    with translation.override("zh-hans"):
        status_of = {str(label): value for value, label in Status.choices}
    counts = {
        kind.kind: dict.fromkeys(["expected", "on_time", "late", "awaiting", "approved"], 0)
        for kind in dashboard.kinds
    }
    for row in sheet.iter_rows(min_row=header + 1, values_only=True):
        name = row[unit_column - 1]
        if name not in kinds:
            continue  # a heading or total row
        count = counts[kinds[name]]
        count["expected"] += 1
        status = status_of.get(str(row[status_column - 1] or "").strip())
        if status in COUNTED:
            count["late" if _is_late(row[late_column - 1]) else "on_time"] += 1
        if status in StatisticsReport.AWAITING_REVIEW:
            count["awaiting"] += 1
        if status == Status.APPROVED:
            count["approved"] += 1
    for kind in dashboard.kinds:
        assert counts[kind.kind] == {
            "expected": kind.expected,
            "on_time": kind.on_time,
            "late": kind.late,
            "awaiting": kind.awaiting,
            "approved": kind.approved,
        }, kind.kind
        assert kind.missing == kind.expected - kind.on_time - kind.late
