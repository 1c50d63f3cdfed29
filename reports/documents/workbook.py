"""The national statistics table (全国"3·15"系列活动情况统计表) as an .xlsx workbook.

``build_national_workbook(figures)`` writes one sheet per exporter of ``NATIONAL_SHEETS``,
in that order: the national sheet (全国汇总) that head office reads first, a sheet per
kind of unit (保监局, 保险公司, 行业协会: one row per expected unit and a 合计 row; kinds
are never summed together), and the completeness sheet (报送情况). Each exporter is a
``portal.spreadsheets.Exporter`` constructed from the ``NationalFigures`` alone, so a new
sheet (complaints, commitments) is one more class appended to ``NATIONAL_SHEETS``; the
others do not change.

Every total comes from the figures (the database's GROUP BY), each unit's values from
``unit_values`` (one pivot query per kind); the sheets only arrange them, row by row.

The table goes upward in Chinese whatever the interface language of whoever builds it:
its headings are the form's own wording, kept here as Chinese text, and the statuses and
kinds are their Chinese labels.
"""

from collections import Counter
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext
from openpyxl.styles import Alignment, Font, PatternFill

from campaign.models import Organisation, StatisticsReport
from portal.spreadsheets import BOX, Exporter, Styled, display_width, write_workbook

from ..selectors.figures import unit_values

BEIJING = ZoneInfo("Asia/Shanghai")
TITLE = "全国“3·15”系列活动情况统计表"
Kind = Organisation.Kind
KIND_SHEET_TITLES = {Kind.BUREAU: "保监局", Kind.INSURER: "保险公司", Kind.ASSOCIATION: "行业协会"}
COUNTING_RULE = (
    "计入已报送（待审核）和已审核通过的报告；草稿、已退回、已重新打开和未填报的单位不计入"
)

WHOLE_FORMAT = "#,##0"
MONEY_FORMAT = "#,##0.00"
PERCENT_FORMAT = "0.0%"
DATE_TIME_FORMAT = "yyyy-mm-dd hh:mm"

NUMBER_WIDTH = 11
# About what one A4 landscape page holds at a readable scale, in Excel character widths.
PAGE_WIDTH = 170

STYLES = {
    "whole": {"border": BOX, "number_format": WHOLE_FORMAT},
    "money": {"border": BOX, "number_format": MONEY_FORMAT},
    "percent": {"border": BOX, "number_format": PERCENT_FORMAT},
    "date_time": {
        "border": BOX,
        "number_format": DATE_TIME_FORMAT,
        "alignment": Alignment(horizontal="center"),
    },
    "subtitle": {"alignment": Alignment(wrap_text=True, vertical="center")},
    # Left, so that a section spread over two printed pages keeps its name on the first.
    "section_header": {"alignment": Alignment(horizontal="left", vertical="center", indent=1)},
    "total": {"font": Font(bold=True), "fill": PatternFill("solid", fgColor="FFF2CC")},
    # A unit whose report does not count, and a kind's cells for an indicator it does not fill.
    "missing": {"font": Font(color="9C0006")},
    "not_filled": {"border": BOX, "fill": PatternFill("solid", fgColor="F2F2F2")},
}


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


def header(value=None, **options):
    return Styled(value, "header", **options)


def campaign_title(figures, part):
    return f"{figures.campaign.year}年{TITLE}（{part}）"


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


# The complaints sheets' headings, in the table's Chinese whatever the builder's language.
CHANNEL_HEADINGS = {"letter": "信件", "visit": "来访", "phone": "电话（12378）", "web": "网络"}
BRANCH_HEADINGS = {"property": "财产险", "life": "人身险"}
INCIDENT_HEADINGS = {"group": "群访群诉", "petition": "越级上访", "major": "启动应急预案"}
COMPLAINTS_RULE = (
    "按收到日期（北京时间）计入该年收到的12378投诉（信、访、电、网），仅为汇总数，不含投诉人信息"
)


def complaint_incidents_line(statistics):
    """12378投诉系统记录的突发事件: how many of each kind the complaint records opened in the
    year; counted apart from the units' own E10–E12 figures, never added to them."""
    counts = {kind: statistics.incidents_of_kind(kind) for kind in INCIDENT_HEADINGS}
    return (
        f"12378投诉系统记录的突发事件：群访群诉 {counts['group']} 起，"
        f"越级上访 {counts['petition']} 起，启动应急预案 {counts['major']} 次"
    )


class ComplaintSheet(Exporter):
    """One table of the complaints received in the campaign's year: a row per item, a
    column per heading, a 合计 column and row. Counts only, from ``figures.complaints``
    (one pass of the database shared by every complaints sheet)."""

    styles = STYLES
    print_title_rows = "1:3"
    freeze_panes = "B4"
    label_heading = ""
    total_column = True

    def __init__(self, figures):
        self.figures = figures
        self.statistics = figures.complaints
        self.width = 1 + len(self.headings()) + (1 if self.total_column else 0)
        self.column_widths = [24, *[NUMBER_WIDTH + 2] * (self.width - 1)]
        self.row_heights = {1: 26, 2: 32}

    def headings(self):
        raise NotImplementedError

    def items(self):
        """(label, [count under each heading])."""
        raise NotImplementedError

    def subtitle(self):
        return f"{COMPLAINTS_RULE}。"

    def rows(self):
        yield [
            Styled(
                campaign_title(self.figures, self.sheet_title), "title", merge_across=self.width - 1
            )
        ]
        yield [Styled(self.subtitle(), "subtitle", merge_across=self.width - 1)]
        yield [
            header(self.label_heading),
            *[header(name) for name in self.headings()],
            *([header("合计")] if self.total_column else []),
        ]
        totals = [0] * len(self.headings())
        for label, counts in self.items():
            totals = [total + count for total, count in zip(totals, counts, strict=True)]
            yield [Styled(label, "text"), *self.counts(counts, ())]
        yield [Styled("合计", ("centred", "total")), *self.counts(totals, ("total",))]

    def counts(self, counts, look):
        if self.total_column:
            counts = [*counts, sum(counts)]
        return [Styled(count, ("whole", *look)) for count in counts]


class ComplaintsByRegionSheet(ComplaintSheet):
    """投诉-地区×渠道: a row per bureau (the region it covers), a column per channel."""

    sheet_title = "投诉-地区×渠道"
    label_heading = "保监局（地区）"

    def headings(self):
        return list(CHANNEL_HEADINGS.values())

    def items(self):
        counts = self.statistics.counts.by_bureau_channel
        for bureau in self.statistics.bureaus:
            yield bureau.name_zh, [counts[bureau.pk, channel] for channel in CHANNEL_HEADINGS]


class ComplaintsByCategorySheet(ComplaintSheet):
    """投诉-类别: a row per category, a column per channel."""

    sheet_title = "投诉-类别"
    label_heading = "投诉类别"

    def headings(self):
        return list(CHANNEL_HEADINGS.values())

    def items(self):
        counts = self.statistics.counts.by_category_channel
        for category in self.statistics.categories:
            yield category.name_zh, [counts[category.pk, channel] for channel in CHANNEL_HEADINGS]


class ComplaintsByCompanySheet(ComplaintSheet):
    """投诉-公司×险种: a row per company complained about, a column per branch."""

    sheet_title = "投诉-公司×险种"
    label_heading = "保险公司"

    def __init__(self, figures):
        super().__init__(figures)
        self.column_widths[0] = min(
            max([16, *(display_width(c.name_zh) + 2 for c in self.statistics.companies)]), 40
        )

    def headings(self):
        return list(BRANCH_HEADINGS.values())

    def items(self):
        counts = self.statistics.by_company_branch
        for company in self.statistics.companies:
            yield company.name_zh, [counts[company.pk, branch] for branch in BRANCH_HEADINGS]


class ComplaintsByMonthSheet(ComplaintSheet):
    """投诉-月份×渠道: a row per month of the year, a column per channel."""

    sheet_title = "投诉-月份×渠道"
    label_heading = "月份"

    def headings(self):
        return list(CHANNEL_HEADINGS.values())

    def items(self):
        counts = self.statistics.counts.by_month_channel
        for month in range(1, 13):
            yield f"{month}月", [counts[month, channel] for channel in CHANNEL_HEADINGS]


class ComplaintsOverdueSheet(ComplaintSheet):
    """投诉-超期与突发事件: per bureau, complaints received, those open past their limit on
    the day of the build, and the incidents opened in the year by kind and still open."""

    sheet_title = "投诉-超期与突发事件"
    label_heading = "保监局（地区）"
    total_column = False

    def headings(self):
        return [
            "收到投诉",
            "超期未办结",
            *[f"突发事件：{name}" for name in INCIDENT_HEADINGS.values()],
            "突发事件尚未处置完毕",
        ]

    def subtitle(self):
        today = self.statistics.today
        return (
            f"{COMPLAINTS_RULE}。超期未办结：截至 {today:%Y-%m-%d} 仍未办结"
            "且已过当前环节办理时限的投诉。"
            f"{complaint_incidents_line(self.statistics)}（与各单位统计表E10–E12分列，不相加）。"
        )

    def items(self):
        statistics = self.statistics
        received = Counter()
        for (bureau, _channel), count in statistics.counts.by_bureau_channel.items():
            received[bureau] += count
        for bureau in statistics.bureaus:
            incidents = [statistics.incidents[bureau.pk, kind] for kind in INCIDENT_HEADINGS]
            still_open = sum(
                statistics.open_incidents[bureau.pk, kind] for kind in INCIDENT_HEADINGS
            )
            yield (
                bureau.name_zh,
                [
                    received[bureau.pk],
                    statistics.counts.overdue_by_bureau[bureau.pk],
                    *incidents,
                    still_open,
                ],
            )


COMPLAINT_SHEETS = [
    ComplaintsByRegionSheet,
    ComplaintsByCategorySheet,
    ComplaintsByCompanySheet,
    ComplaintsByMonthSheet,
    ComplaintsOverdueSheet,
]

# The workbook's sheets, in the order head office reads them; each is built from the
# NationalFigures alone. Commitments sheets join here.
NATIONAL_SHEETS = [
    NationalSheet,
    BureauSheet,
    InsurerSheet,
    AssociationSheet,
    CompletenessSheet,
    *COMPLAINT_SHEETS,
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
