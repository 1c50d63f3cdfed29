"""The national statistics table (全国"3·15"系列活动情况统计表) as an .xlsx workbook.

``build_national_workbook(figures)`` writes one sheet per exporter of ``NATIONAL_SHEETS``,
in that order: the national sheet (全国汇总) that head office reads first, a sheet per
kind of unit (保监局, 保险公司, 行业协会: one row per expected unit and a 合计 row; kinds
are never summed together), the completeness sheet (报送情况), then the complaints sheets
(complaint_sheets.py) and the commitments sheet (commitment_sheets.py). Each exporter is a
``portal.spreadsheets.Exporter`` constructed from the ``NationalFigures`` alone, so a new
sheet is one more class appended to ``NATIONAL_SHEETS``; the others do not change. Their
shared look is table_look.py.

Every total comes from the figures (the database's GROUP BY), each unit's values from
``unit_values`` (one pivot query per kind); the sheets only arrange them, row by row.

The table goes upward in Chinese whatever the interface language of whoever builds it:
its headings are the form's own wording, kept here as Chinese text, and the statuses and
kinds are their Chinese labels.
"""

from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext

from campaign.models import Organisation, StatisticsReport
from portal.spreadsheets import Exporter, Styled, display_width, write_workbook

from ..selectors.figures import unit_values
from .commitment_sheets import COMMITMENT_SHEETS
from .complaint_sheets import COMPLAINT_SHEETS
from .table_look import (
    NUMBER_WIDTH,
    PAGE_WIDTH,
    STYLES,
    campaign_title,
    header,
)

BEIJING = ZoneInfo("Asia/Shanghai")
Kind = Organisation.Kind
KIND_SHEET_TITLES = {Kind.BUREAU: "保监局", Kind.INSURER: "保险公司", Kind.ASSOCIATION: "行业协会"}
COUNTING_RULE = (
    "计入已报送（待审核）和已审核通过的报告；草稿、已退回、已重新打开和未填报的单位不计入"
)


def status_label(status):
    """The report's status as the table shows it (Chinese while building the workbook)."""
    if status is None:
        return gettext("Not started")
    return str(StatisticsReport.Status(status).label)


def kind_label(kind):
    return KIND_SHEET_TITLES[kind]


def value_style(indicator):
    return "money" if indicator.is_money else "whole"


def beijing_time(moment):
    """An aware time as a naive Beijing one: Excel cells have no time zone."""
    return timezone.localtime(moment, BEIJING).replace(tzinfo=None)


def by_section(indicators):
    """[(section, [indicators])] in table order."""
    groups = []
    for indicator in indicators:
        if not groups or groups[-1][0].pk != indicator.section_id:
            groups.append((indicator.section, []))
        groups[-1][1].append(indicator)
    return groups


class NationalSheet(Exporter):
    """全国汇总: per indicator, each kind's total beside the previous campaign's (本年, 上年,
    增减, 增减%). Its layout is fixed: the dashboards' tests read it."""

    sheet_title = "全国汇总"
    styles = STYLES
    landscape = True
    print_title_rows = "3:4"
    freeze_panes = "D5"
    COLUMNS_PER_KIND = ("本年", "上年", "增减", "增减%")

    def __init__(self, figures):
        self.figures = figures
        self.kinds = list(figures.kinds.values())
        self.width = 3 + len(self.COLUMNS_PER_KIND) * len(self.kinds)
        self.column_widths = [
            8,
            max([20, *(display_width(i.name_zh) + 2 for i in figures.indicators)]),
            8,
            *[NUMBER_WIDTH] * (self.width - 3),
        ]
        self.row_heights = {1: 26, 2: 48}
        self.row_estimate = 4 + len(figures.indicators) + len(by_section(figures.indicators))

    def subtitle(self):
        campaign, previous = self.figures.campaign, self.figures.previous_campaign
        counted = "，".join(
            f"{kind_label(kind.kind)} {kind.counted}/{kind.expected} 家" for kind in self.kinds
        )
        compared = f"上年为 {previous.year} 年活动。" if previous else "无上年活动可比，上年栏空。"
        text = f"{campaign.year}年“{campaign.theme}”活动。{COUNTING_RULE}：{counted}。{compared}"
        if self.figures.latest_change:
            at = beijing_time(self.figures.latest_change)
            text += f"数据截至 {at:%Y-%m-%d %H:%M}（北京时间）。"
        return text

    def rows(self):
        yield [
            Styled(campaign_title(self.figures, "全国汇总"), "title", merge_across=self.width - 1)
        ]
        yield [Styled(self.subtitle(), "subtitle", merge_across=self.width - 1)]
        yield [
            header(merge_across=2),
            header(),
            header(),
            *[
                cell
                for kind in self.kinds
                for cell in (header(kind_label(kind.kind), merge_across=3), *[header()] * 3)
            ],
        ]
        yield [
            header("指标代码"),
            header("指标名称"),
            header("计量单位"),
            *[header(name) for _kind in self.kinds for name in self.COLUMNS_PER_KIND],
        ]
        filled = {kind.kind: {i.code for i in kind.indicators} for kind in self.kinds}
        for section, indicators in by_section(self.figures.indicators):
            yield [
                Styled(section.name_zh, "section", merge_across=self.width - 1),
                *[Styled(None, "section")] * (self.width - 1),
            ]
            for indicator in indicators:
                cells = [
                    Styled(indicator.code, "centred"),
                    Styled(indicator.name_zh, "text"),
                    Styled(indicator.unit_zh, "centred"),
                ]
                for kind in self.kinds:
                    if indicator.code in filled[kind.kind]:
                        cells += self.comparison(kind, indicator)
                    else:
                        cells += [Styled(None, "not_filled")] * 4
                yield cells

    def comparison(self, kind, indicator):
        style = value_style(indicator)
        this_year = kind.totals.get(indicator.code, Decimal(0))
        last_year = kind.previous_totals.get(indicator.code)
        change = None if last_year is None else this_year - last_year
        # A percentage of nothing means nothing: empty when last year was 0 or absent.
        ratio = float(change / last_year) if last_year else None
        return [
            Styled(this_year, style),
            Styled(last_year, style),
            Styled(change, style),
            Styled(ratio, "percent"),
        ]


class UnitKindSheet(Exporter):
    """One kind of unit: a row per expected unit (name, status, values), then 合计.

    Header rows: title, section names merged over their indicators, codes, names with
    their units. A unit whose report does not count shows its status and no values.
    """

    kind = None
    styles = STYLES
    landscape = True
    print_title_rows = "1:4"
    print_title_columns = "A:A"
    freeze_panes = "B5"
    HEADER_ROWS = 4

    def __init__(self, figures):
        self.figures = figures
        self.kind_figures = figures.kinds[self.kind]
        self.indicators = self.kind_figures.indicators
        self.units = figures.units_of(self.kind)
        self.sheet_title = KIND_SHEET_TITLES[self.kind]
        self.width = 2 + len(self.indicators)
        name_width = min(max([16, *(display_width(u.name_zh) + 2 for u in self.units)]), 40)
        self.column_widths = [name_width, 12, *[NUMBER_WIDTH] * len(self.indicators)]
        # Wide sheets print across several pages, the unit names repeated on each.
        self.pages_wide = -(-sum(self.column_widths) // PAGE_WIDTH)
        # Names wrap in their narrow columns, their units on a line of their own below.
        lines = max(
            [1, *(-(-display_width(i.name_zh) // (NUMBER_WIDTH - 2)) for i in self.indicators)]
        )
        self.row_heights = {1: 22, 4: 14 * (lines + 1) + 4}
        self.row_estimate = self.HEADER_ROWS + len(self.units) + 2

    def rows(self):
        yield [
            Styled(
                campaign_title(self.figures, self.sheet_title),
                "title",
                merge_across=min(7, self.width - 1),
            )
        ]
        yield from self.header_rows()
        values = unit_values(self.figures.campaign, self.kind, self.indicators)
        for unit in self.units:
            counted = values.get(unit.organisation_id, {}) if unit.is_counted else {}
            look = () if unit.is_counted else ("missing",)
            yield [
                Styled(unit.name_zh, ("text", *look)),
                Styled(status_label(unit.status), ("centred", *look)),
                *[Styled(counted.get(i.code), value_style(i)) for i in self.indicators],
            ]
        kind = self.kind_figures
        yield [
            Styled("合计", ("centred", "total")),
            Styled(f"计入 {kind.counted}/{kind.expected} 家", ("centred", "total")),
            *[Styled(kind.totals[i.code], (value_style(i), "total")) for i in self.indicators],
        ]
        yield [Styled(f"注：{COUNTING_RULE}。", "note", merge_across=min(7, self.width - 1))]

    def header_rows(self):
        sections = [header("单位名称", merge_down=2), header("报送状态", merge_down=2)]
        for section, indicators in by_section(self.indicators):
            sections += [
                Styled(
                    section.name_zh, ("header", "section_header"), merge_across=len(indicators) - 1
                )
            ]
            sections += [header()] * (len(indicators) - 1)
        yield sections
        yield [header(), header(), *[header(i.code) for i in self.indicators]]
        yield [
            header(),
            header(),
            *[header(f"{i.name_zh}\n（{i.unit_zh}）") for i in self.indicators],
        ]


class BureauSheet(UnitKindSheet):
    kind = Kind.BUREAU


class InsurerSheet(UnitKindSheet):
    kind = Kind.INSURER


class AssociationSheet(UnitKindSheet):
    kind = Kind.ASSOCIATION


class CompletenessSheet(Exporter):
    """报送情况: every expected unit, whether its report counts, when it came, who filled it."""

    sheet_title = "报送情况"
    styles = STYLES
    landscape = True
    print_title_rows = "1:3"
    freeze_panes = "B4"
    HEADERS = ("单位", "类别", "报送状态", "报送时间（北京时间）", "是否逾期", "填报人", "联系电话")

    def __init__(self, figures):
        self.figures = figures
        name_width = min(max([16, *(display_width(u.name_zh) + 2 for u in figures.units)]), 40)
        self.column_widths = [name_width, 10, 14, 20, 10, 14, 18]
        self.row_heights = {1: 26, 2: 32}
        self.row_estimate = 3 + len(figures.units)

    def summary(self):
        return (
            "；".join(
                f"{kind_label(kind.kind)}应报 {kind.expected} 家，已报送 {kind.counted} 家"
                f"（按时 {kind.on_time}，逾期 {kind.late}），未报送 {kind.missing} 家"
                for kind in self.figures.kinds.values()
            )
            + f"。{COUNTING_RULE}。"
        )

    def rows(self):
        width = len(self.HEADERS)
        yield [Styled(campaign_title(self.figures, "报送情况"), "title", merge_across=width - 1)]
        yield [Styled(self.summary(), "subtitle", merge_across=width - 1)]
        yield [header(name) for name in self.HEADERS]
        for unit in self.figures.units:
            look = () if unit.is_counted else ("missing",)
            submitted = unit.is_counted and unit.submitted_at
            yield [
                Styled(unit.name_zh, ("text", *look)),
                Styled(kind_label(unit.kind), "centred"),
                Styled(status_label(unit.status), ("centred", *look)),
                Styled(beijing_time(unit.submitted_at) if submitted else None, "date_time"),
                Styled(("是" if unit.is_late else "否") if unit.is_counted else None, "centred"),
                Styled(unit.filled_by, "text"),
                Styled(unit.contact_phone, "text"),
            ]


# The workbook's sheets, in the order head office reads them; each is built from the
# NationalFigures alone.
NATIONAL_SHEETS = [
    NationalSheet,
    BureauSheet,
    InsurerSheet,
    AssociationSheet,
    CompletenessSheet,
    *COMPLAINT_SHEETS,
    *COMMITMENT_SHEETS,
]


def build_national_workbook(figures, *, progress=None):
    """The workbook's bytes; ``progress(fraction)`` is told how far it is (0 to 1), sheet
    by sheet and every 500 rows of a long one."""
    with translation.override(settings.LANGUAGE_CODE):
        sheets = [sheet(figures) for sheet in NATIONAL_SHEETS]
        positions = {id(sheet): index for index, sheet in enumerate(sheets)}

        def report(sheet, rows):
            done = min(rows / max(getattr(sheet, "row_estimate", rows), 1), 1)
            progress((positions[id(sheet)] + done) / len(sheets))

        return write_workbook(sheets, progress=report if progress else None)
