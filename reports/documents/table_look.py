"""How the national workbook's sheets look: the title, number formats, column widths and
cell styles that the statistics sheets (workbook.py) and the complaints sheets
(complaint_sheets.py) share, so that every sheet of the table reads alike."""

from openpyxl.styles import Alignment, Font, PatternFill

from portal.spreadsheets import BOX, Styled

TITLE = "全国“3·15”系列活动情况统计表"

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


def header(value=None, **options):
    return Styled(value, "header", **options)


def campaign_title(figures, part):
    return f"{figures.campaign.year}年{TITLE}（{part}）"
