"""The national workbook's commitments sheet (服务承诺): per insurer, whether it has published
its service commitments for the campaign, its published items per stage, and how they changed
since the previous campaign, from ``figures.commitments`` (commitments.selectors.statistics,
which applies the year-over-year page's rules), and how often it kept its promises in the
year's complaints (PromiseRecord). In Chinese whatever the builder's language, like every
sheet of the table.
"""

from commitments.models import Stage
from commitments.promises import share_kept
from commitments.selectors.year_over_year import Change
from portal.spreadsheets import Exporter, Styled, display_width

from .table_look import NUMBER_WIDTH, STYLES, campaign_title, header

STAGE_HEADINGS = {Stage.SALES: "销售", Stage.AFTER_SALES: "售后", Stage.CLAIMS: "理赔"}
# Loosened counts what is longer on some days only too (working days against days).
CHANGE_HEADINGS = {
    "较上年收紧": (Change.TIGHTENED,),
    "较上年放宽": (Change.LOOSENED, Change.PARTLY_LOOSENED),
    "新增": (Change.NEW,),
    "取消": (Change.DROPPED,),
}


class CommitmentsSheet(Exporter):
    """服务承诺: a row per insurer the campaign expects (or that published for it), a 合计 row."""

    sheet_title = "服务承诺"
    styles = STYLES
    print_title_rows = "1:4"
    freeze_panes = "C5"

    def __init__(self, figures):
        self.figures = figures
        self.companies = figures.commitments
        self.kinds = figures.promise_kinds
        self.counted = 1 + len(STAGE_HEADINGS) + len(CHANGE_HEADINGS)
        self.width = 2 + self.counted + len(self.kinds)
        self.column_widths = [
            min(max([16, *(display_width(c.name_zh) + 2 for c in self.companies)]), 40),
            12,
            *[NUMBER_WIDTH] * self.counted,
            *[max(NUMBER_WIDTH, display_width(kind.name_zh) + 2) for kind in self.kinds],
        ]
        self.row_heights = {1: 26, 2: 48}
        self.row_estimate = 5 + len(self.companies)

    def subtitle(self):
        campaign, previous = self.figures.campaign, self.figures.previous_campaign
        text = f"按公司统计{campaign.year}年活动已公开（现行版本）的服务承诺条数。"
        if previous is None:
            text += "无上年活动可比，与上年比较各栏计为新增。"
        else:
            text += (
                f"与上年比较按承诺时限计算，不看文字：上年为{previous.year}年活动在该年末有效的"
                "承诺，按承诺类别、险种和地区对应；工作日与自然日按本年节假日安排比较，"
                "部分日期长于上年的计入放宽。"
            )
        if self.kinds:
            text += (
                f"承诺兑现率：{campaign.year}年受理的投诉中记载了起止时间的，公司在当时有效的"
                "本公司承诺时限内办理的比例（向下取至0.1%），空白为无可计量的投诉。"
            )
        return text

    def rows(self):
        yield [
            Styled(campaign_title(self.figures, "服务承诺"), "title", merge_across=self.width - 1)
        ]
        yield [Styled(self.subtitle(), "subtitle", merge_across=self.width - 1)]
        yield [
            header("保险公司", merge_down=1),
            header("是否已公开", merge_down=1),
            header("已公开承诺（条）", merge_across=len(STAGE_HEADINGS)),
            *[header()] * len(STAGE_HEADINGS),
            header("与上年比较（条）", merge_across=len(CHANGE_HEADINGS) - 1),
            *[header()] * (len(CHANGE_HEADINGS) - 1),
            *self.kept_header(),
        ]
        yield [
            header(),
            header(),
            *[header(name) for name in STAGE_HEADINGS.values()],
            header("合计"),
            *[header(name) for name in CHANGE_HEADINGS],
            *[header(kind.name_zh) for kind in self.kinds],
        ]
        totals = [0] * self.counted
        kept_totals = {kind.pk: [0, 0] for kind in self.kinds}
        published = 0
        for company in self.companies:
            counts = self.counts(company)
            totals = [total + count for total, count in zip(totals, counts, strict=True)]
            for kind_id, (kept, measured) in company.promises_kept.items():
                if kind_id in kept_totals:
                    kept_totals[kind_id][0] += kept
                    kept_totals[kind_id][1] += measured
            published += bool(company.published)
            yield [
                Styled(company.name_zh, "text"),
                Styled("已公开" if company.published else "未公开", ("centred",)),
                *[Styled(count, "whole") for count in counts],
                *[
                    Styled(share(company.promises_kept.get(kind.pk)), "percent")
                    for kind in self.kinds
                ],
            ]
        yield [
            Styled("合计", ("centred", "total")),
            Styled(f"{published}/{len(self.companies)} 家", ("centred", "total")),
            *[Styled(count, ("whole", "total")) for count in totals],
            *[Styled(share(kept_totals[kind.pk]), ("percent", "total")) for kind in self.kinds],
        ]

    def kept_header(self):
        if not self.kinds:
            return []
        return [
            header("承诺兑现率（按本公司承诺）", merge_across=len(self.kinds) - 1),
            *[header()] * (len(self.kinds) - 1),
        ]

    def counts(self, company):
        stages = [company.by_stage[stage] for stage in STAGE_HEADINGS]
        changes = [sum(company.changes[c] for c in kinds) for kinds in CHANGE_HEADINGS.values()]
        return [*stages, company.published, *changes]


def share(counts):
    """The share kept of (kept, measured), as the public pages show it; empty without any."""
    return share_kept(*(counts or (0, 0)))


COMMITMENT_SHEETS = [CommitmentsSheet]
