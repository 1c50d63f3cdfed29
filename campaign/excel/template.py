"""The unit's statistics form as an .xlsx file: what the download and `statistics_template` give.

The file is the regulator's form, so it is written in Chinese; only a user working in the
English interface gets it in English (labels and the indicators' English names). Codes,
layout and the hidden identification sheet are the same in both, and an upload is read
by indicator code, whatever the language of the file.
"""

from django.conf import settings
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl.worksheet.datavalidation import DataValidation

from portal.spreadsheets import Exporter, Styled, display_width, write_workbook

from ..selectors.reports import indicators_for, rows_by_section, values_of

# The hidden sheet that says whose form the file is and which version it was made from.
IDENTITY_SHEET = "_portal"
FORMAT = "portal-315-statistics"
FORMAT_VERSION = "1"

# Title, unit, campaign, then the column headers; indicator rows follow, by section.
HEADER_ROWS = 4
CODE_COLUMN = "A"
VALUE_COLUMN = "D"
COLUMNS = 4

CHINESE_DIGITS = "零一二三四五六七八九"


def form_sheet_title():
    # A context of its own: a file is found by this name, so it must not change with a
    # translation of "Statistics" elsewhere.
    return pgettext("Excel sheet name", "Statistics")


def form_sheet_titles():
    """The form sheet's name in every language of the portal: an upload looks for these."""
    titles = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            titles.add(form_sheet_title())
    return titles


def workbook_language(language):
    """English for an English interface; otherwise the form's own language, Chinese."""
    return "en" if (language or "").startswith("en") else settings.LANGUAGE_CODE


def template_filename(report):
    """A name a clerk recognises in a folder: 2013年北京保监局情况统计表.xlsx."""
    name = _("%(year)s %(unit)s statistics") % {
        "year": report.campaign.year,
        "unit": report.organisation.name,
    }
    return f"{_file_safe(name)}.xlsx"


def _file_safe(name):
    # Organisation names are free text: keep them out of directories and device names.
    return "".join("_" if char in '\\/:*?"<>|' else char for char in name).strip(". ")


def build_statistics_workbook(report, *, language=None):
    """The .xlsx bytes of ``report``'s form with its current values and version."""
    with translation.override(workbook_language(language)):
        sheet = StatisticsFormSheet(report, indicators_for(report), values_of(report))
        return write_workbook([sheet, IdentitySheet(report)])


def chinese_numeral(number):
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (section numbers go no higher)."""
    tens, ones = divmod(number, 10)
    if tens == 0:
        return CHINESE_DIGITS[ones]
    return (
        (CHINESE_DIGITS[tens] if tens > 1 else "") + "十" + (CHINESE_DIGITS[ones] if ones else "")
    )


def section_label(number, name):
    if translation.get_language().startswith("zh"):
        return f"{chinese_numeral(number)}、{name}"
    return f"{number}. {name}"


class StatisticsFormSheet(Exporter):
    """The form: title, unit, campaign, column headers, then a row per indicator by section.

    Only the value cells are unlocked; the sheet is protected without a password, against
    accidental edits rather than against the determined.
    """

    protect = True
    print_title_rows = f"1:{HEADER_ROWS}"
    freeze_panes = f"A{HEADER_ROWS + 1}"

    def __init__(self, report, indicators, values):
        self.report = report
        self.indicators = indicators
        self.values = values
        self.sheet_title = form_sheet_title()
        sections = len({indicator.section_id for indicator in indicators})
        self.notes_start = HEADER_ROWS + sections + len(indicators) + 2
        # Merged cells do not grow with wrapped text: room for the two longer notes.
        self.row_heights = {1: 28, self.notes_start + 1: 30, self.notes_start + 2: 45}
        self.column_widths = [
            8,
            min(max([24, *(display_width(i.name) + 4 for i in indicators)]), 60),
            max([8, *(display_width(i.unit) + 4 for i in indicators)]),
            16,
        ]
        self.whole = DataValidation(
            type="whole",
            operator="greaterThanOrEqual",
            formula1="0",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=_("Whole number"),
            error=_("Enter a whole number, 0 or more."),
        )
        self.money = DataValidation(
            type="decimal",
            operator="greaterThanOrEqual",
            formula1="0",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=_("Amount"),
            error=_("Enter an amount of 0 or more, with at most 2 decimals."),
        )

    def rows(self):
        campaign, gap = self.report.campaign, (None,) * (COLUMNS - 1)
        yield [
            Styled(
                _("%(year)s 3·15 campaign statistics table") % {"year": campaign.year},
                "title",
                merge_across=COLUMNS - 1,
            )
        ]
        yield [
            Styled(
                _("Reporting unit: %(unit)s") % {"unit": self.report.organisation.name},
                merge_across=COLUMNS - 1,
            )
        ]
        yield [
            Styled(
                _("Campaign: %(campaign)s (%(notice)s); due by %(deadline)s")
                % {
                    "campaign": campaign,
                    "notice": campaign.notice_reference,
                    "deadline": date_format(campaign.deadline, "DATE_FORMAT"),
                },
                merge_across=COLUMNS - 1,
            )
        ]
        yield [
            Styled(label, "header") for label in (_("Code"), _("Indicator"), _("Unit"), _("Value"))
        ]
        sections = rows_by_section(self.indicators, lambda indicator: indicator)
        for number, block in enumerate(sections, start=1):
            yield [
                Styled(
                    section_label(number, block["section"].name),
                    "section",
                    merge_across=COLUMNS - 1,
                ),
                *(Styled(None, "section") for _column in gap),
            ]
            for indicator in block["rows"]:
                yield self._indicator_row(indicator)
        yield []
        yield from self._notes()

    def _indicator_row(self, indicator):
        value = self.values.get(indicator.code)
        if value is not None and not indicator.is_money:
            value = int(value)
        return [
            Styled(indicator.code, "centred"),
            Styled(indicator.name, "text"),
            Styled(indicator.unit, "centred"),
            Styled(
                value,
                ("money" if indicator.is_money else "number", "input"),
                validation=self.money if indicator.is_money else self.whole,
            ),
        ]

    def _notes(self):
        for text in (
            _("Notes: fill in the Value column only; the other cells are locked."),
            _(
                "Counts are whole numbers, 0 or more; amounts in 10,000 yuan have at most "
                "2 decimals. Enter 0 where there was nothing."
            ),
            _(
                "Upload this file on the Excel page of your form in the portal. Do not delete "
                "its hidden sheet: it tells the portal which unit, campaign and version the "
                "file belongs to."
            ),
        ):
            yield [Styled(text, "note", merge_across=COLUMNS - 1)]


class IdentitySheet(Exporter):
    """Hidden: campaign year, unit code and the report's version when the file was made.

    Excel, WPS and LibreOffice keep hidden sheets when they save. Values are text so that
    no office program turns 2013 into 2013.0.
    """

    sheet_title = IDENTITY_SHEET
    hidden = True
    protect = True
    fit_to_width = False

    def __init__(self, report):
        self.report = report

    def rows(self):
        yield ["format", FORMAT]
        yield ["format_version", FORMAT_VERSION]
        yield ["campaign", str(self.report.campaign.year)]
        yield ["unit", self.report.organisation.code]
        yield ["report_version", str(self.report.version)]
