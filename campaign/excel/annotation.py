"""A refused upload given back with each problem marked where it is: the bad cell filled in
red, with the reason in a cell comment, so the clerk fixes it in place and uploads it again.

The copy is a new workbook written by the portal's safe writer (portal/spreadsheets.py) from
the values read out of the user's file, as read-only streams: the form sheet, the hidden
identification sheet and any sheet a problem is on, each up to the rows and columns a form
uses. Nothing of the user's file is laid out again: formulas come back as their calculated
values, text that starts like a formula stays text, and merges, links, styles and other sheets
are left behind, so a hostile file can make the copy neither dangerous nor large.
"""

from openpyxl.styles import PatternFill
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

from portal.spreadsheets import Exporter, Styled, write_workbook

from ..models.bilingual import localized
from .reading import MAX_FORM_ROWS, check_container, check_sheet, open_workbook
from .template import IDENTITY_SHEET, form_sheet_titles

# Excel's own "bad" colour, as its conditional formatting uses it.
HIGHLIGHT = PatternFill("solid", fgColor="FFC7CE")
# The form uses columns A–D; notes typed beside it come back too.
MARKED_COLUMNS = 26
FORM_COLUMN_WIDTHS = (8, 40, 10, 14)


def annotate_workbook(content, errors):
    """A copy of ``content`` (the user's .xlsx bytes) with ``errors`` marked: dicts with the
    sheet, the cell ("" for the file as a whole, marked on A1) and the message, as an upload
    stores them. Raises WorkbookRefused for a file that may not be opened."""
    extents = check_container(content)
    workbook = open_workbook(content)
    try:
        titles = _sheets_to_copy(workbook, errors)
        for title in titles:
            check_sheet(workbook[title], extents)
        marks = _marks(errors, titles)
        return write_workbook(
            [_CopiedSheet(workbook[title], marks.get(title, {})) for title in titles]
        )
    finally:
        workbook.close()


def _sheets_to_copy(workbook, errors):
    wanted = form_sheet_titles() | {IDENTITY_SHEET} | {error.get("sheet") for error in errors}
    titles = [title for title in workbook.sheetnames if title in wanted]
    return titles or workbook.sheetnames[:1]


def _marks(errors, titles):
    """Sheet title → {(row, column): message}; a problem on a sheet not copied goes on the
    first one copied."""
    marks = {}
    for error in errors:
        sheet = error.get("sheet") if error.get("sheet") in titles else titles[0]
        letters, row = coordinate_from_string(error.get("cell") or "A1")
        cell = (row, column_index_from_string(letters))
        cells = marks.setdefault(sheet, {})
        text = localized(error["message"], error.get("message_en", ""))
        cells[cell] = f"{cells[cell]}\n{text}" if cell in cells else text
    return marks


class _CopiedSheet(Exporter):
    styles = {"marked": {"fill": HIGHLIGHT}}
    fit_to_width = False

    def __init__(self, sheet, marks):
        self.sheet = sheet
        self.marks = marks
        self.sheet_title = sheet.title
        self.hidden = self.protect = sheet.title == IDENTITY_SHEET
        if sheet.title in form_sheet_titles():
            self.column_widths = FORM_COLUMN_WIDTHS

    def rows(self):
        self.sheet.reset_dimensions()  # a declared size is not trusted; read what is there
        copied = 0
        rows = self.sheet.iter_rows(max_row=MAX_FORM_ROWS, max_col=MARKED_COLUMNS, values_only=True)
        for copied, values in enumerate(rows, 1):
            yield self._row(copied, values)
        last_marked = max((row for row, _column in self.marks), default=0)
        for number in range(copied + 1, last_marked + 1):
            yield self._row(number, ())

    def _row(self, number, values):
        marked = [column for row, column in self.marks if row == number]
        cells = list(values) + [None] * (max(marked, default=0) - len(values))
        for column in marked:
            cells[column - 1] = Styled(
                cells[column - 1], "marked", comment=self.marks[(number, column)]
            )
        return cells
