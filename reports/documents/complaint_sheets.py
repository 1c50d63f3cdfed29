"""The national workbook's complaints sheets: the 12378 complaints received in the campaign's
year, counted by region and channel, category, company and branch, month and channel, and
overdue complaints and incidents per bureau. Counts only, never a complainant's details,
all from ``figures.complaints`` (complaints.selectors.statistics: one grouped pass of the
database shared by every sheet). Like the statistics sheets, they are written in Chinese
whatever the builder's language.
"""

from collections import Counter

from complaints.models import Incident
from portal.spreadsheets import Exporter, Styled, display_width

from .table_look import NUMBER_WIDTH, STYLES, campaign_title, header

# Headings in the table's Chinese whatever the builder's language.
CHANNEL_HEADINGS = {"letter": "信件", "visit": "来访", "phone": "电话（12378）", "web": "网络"}
BRANCH_HEADINGS = {"property": "财产险", "life": "人身险"}
INCIDENT_HEADINGS = {"group": "群访群诉", "petition": "越级上访", "major": "启动应急预案"}
COMPLAINTS_RULE = (
    "按收到日期（北京时间）计入该年收到的12378投诉（信、访、电、网），仅为汇总数，不含投诉人信息"
)


def complaint_incidents_line(statistics):
    """12378投诉系统记录的突发事件: the incidents of the year's complaints, by kind; counted
    apart from the units' own E10–E12 figures, never added to them."""
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
    the day of the build, and the incidents of the year's complaints by kind (the statistics
    table's E10–E12) and still open."""

    sheet_title = "投诉-超期与突发事件"
    label_heading = "保监局（地区）"
    total_column = False

    def __init__(self, figures):
        super().__init__(figures)
        # The incidents' headings wrap over three lines in their number-wide columns.
        self.row_heights = {**self.row_heights, 2: 48, 3: 48}

    def headings(self):
        return [
            "收到投诉",
            "超期未办结",
            *[
                f"突发事件：{name}（{Incident.INDICATOR[kind]}）"
                for kind, name in INCIDENT_HEADINGS.items()
            ],
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
