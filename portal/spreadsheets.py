"""Writing Excel workbooks (.xlsx): the base every exporter of the portal uses.

An exporter is a small class: ``rows()`` yields the header rows and then the data rows,
and a few attributes say how its sheet is laid out. ``write_workbook`` streams the rows
into openpyxl in write-only mode and makes every text cell safe: characters Excel
rejects are removed, and text that starts like a formula (= + - @) is written as text,
never as a formula. Only an explicit ``Formula`` is written as one.
"""

import unicodedata
from copy import copy
from dataclasses import dataclass
from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Text starting with one of these is a formula to Excel, WPS and LibreOffice when typed,
# and to CSV importers: a name such as "=HYPERLINK(…)" from a user must stay text.
FORMULA_TRIGGERS = ("=", "+", "-", "@")
MAX_CELL_TEXT = 32767
COMMENT_AUTHOR = "3·15"

THIN = Side(style="thin", color="808080")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)

# Presets a cell can name; an exporter may add its own in ``styles``.
STYLES = {
    "title": {"font": Font(bold=True, size=14), "alignment": Alignment(horizontal="center")},
    "note": {"alignment": Alignment(wrap_text=True, vertical="top")},
    "header": {
        "font": Font(bold=True),
        "fill": PatternFill("solid", fgColor="D9D9D9"),
        "border": BOX,
        "alignment": Alignment(horizontal="center", vertical="center", wrap_text=True),
    },
    "section": {
        "font": Font(bold=True),
        "fill": PatternFill("solid", fgColor="EDEDED"),
        "border": BOX,
    },
    "text": {"border": BOX, "alignment": Alignment(vertical="center", wrap_text=True)},
    "centred": {"border": BOX, "alignment": Alignment(horizontal="center", vertical="center")},
    "number": {"border": BOX, "number_format": "0"},
    "money": {"border": BOX, "number_format": "0.00"},
    # A cell the user types into when the sheet is protected.
    "input": {
        "border": BOX,
        "fill": PatternFill("solid", fgColor="FFF2CC"),
        "protection": Protection(locked=False),
    },
}


def sanitise_text(value):
    """Text from a user made fit for a cell: characters Excel rejects removed, length capped."""
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))[:MAX_CELL_TEXT]


def display_width(text):
    """Width in Excel character units, for column widths: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def is_formula_like(text):
    return text.startswith(FORMULA_TRIGGERS)


@dataclass
class Formula:
    """A formula the exporter itself wrote, e.g. ``Formula("=SUM(B2:B9)")``."""

    text: str


@dataclass
class Styled:
    """A value with its look: a preset name (or several, later ones winning) and optional
    overrides, merged with the ``merge_across`` cells to its right and the ``merge_down``
    cells below (a header spanning header rows: the rows below leave the cell's place to
    it, e.g. with a ``Styled(None, "header")`` that keeps the border), a data validation,
    and a comment (a note shown when the cell is pointed at)."""

    value: object
    style: str | tuple = ()
    number_format: str | None = None
    merge_across: int = 0
    merge_down: int = 0
    validation: DataValidation | None = None
    comment: str | None = None


class Exporter:
    """One sheet. Subclasses set the layout attributes (or properties) and ``rows()``."""

    sheet_title = "Sheet1"
    column_widths = ()  # in characters, from column A
    row_heights = {}  # row number → points
    styles = {}  # extra presets by name, beside STYLES
    hidden = False
    protect = False
    landscape = False
    fit_to_width = True
    pages_wide = 1  # with fit_to_width: how many pages the columns are shrunk to fit
    print_title_rows = None  # e.g. "1:4", repeated on every printed page
    print_title_columns = None  # e.g. "A:B", repeated on every page printed across
    freeze_panes = None

    def rows(self):
        """Yield lists of cells: plain values, ``Styled`` or ``Formula``. None leaves a gap."""
        raise NotImplementedError


def write_workbook(exporters, *, progress=None):
    """The exporters' sheets as .xlsx bytes, in order (the first visible one is active).

    ``progress(exporter, rows_written)`` is called every 500 rows and at each sheet's end.
    """
    workbook = Workbook(write_only=True)
    for exporter in exporters:
        sheet = workbook.create_sheet(sanitise_sheet_title(exporter.sheet_title))
        _set_up(sheet, exporter)
        validations = {}
        looks = {}
        count = 0
        for count, row in enumerate(exporter.rows(), 1):
            sheet.append(_cells(sheet, exporter, row, count, validations, looks))
            if progress and count % 500 == 0:
                progress(exporter, count)
        for validation in validations.values():
            sheet.data_validations.append(validation)
        if progress:
            progress(exporter, count)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def sanitise_sheet_title(title):
    """Excel's rules for a sheet name: at most 31 characters, none of []:*?/\\."""
    clean = sanitise_text(title).translate({ord(c): "_" for c in "[]:*?/\\"})
    return clean.strip("'")[:31] or "Sheet"


def _set_up(sheet, exporter):
    # In write-only mode the sheet's layout must be set before its first row.
    for index, width in enumerate(exporter.column_widths, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for row, height in exporter.row_heights.items():
        sheet.row_dimensions[row].height = height
    if exporter.hidden:
        sheet.sheet_state = "hidden"
    if exporter.protect:
        sheet.protection.sheet = True
        # Locked cells stay locked; widening a column or a row to read it stays allowed.
        sheet.protection.formatColumns = False
        sheet.protection.formatRows = False
    setup = sheet.page_setup
    setup.paperSize = Worksheet.PAPERSIZE_A4
    setup.orientation = "landscape" if exporter.landscape else "portrait"
    if exporter.fit_to_width:
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        setup.fitToWidth = exporter.pages_wide
        setup.fitToHeight = 0
    if exporter.print_title_rows:
        sheet.print_title_rows = exporter.print_title_rows
    if exporter.print_title_columns:
        sheet.print_title_cols = exporter.print_title_columns
    if exporter.freeze_panes:
        sheet.freeze_panes = exporter.freeze_panes


def _cells(sheet, exporter, row, row_number, validations, looks):
    cells = []
    for column, item in enumerate(row, 1):
        if item is None:
            cells.append(None)
            continue
        styled = item if isinstance(item, Styled) else Styled(item)
        cell = safe_cell(sheet, styled.value)
        _apply_look(cell, exporter, styled, looks)
        coordinate = f"{get_column_letter(column)}{row_number}"
        if styled.merge_across or styled.merge_down:
            end = get_column_letter(column + styled.merge_across)
            sheet.merged_cells.add(f"{coordinate}:{end}{row_number + styled.merge_down}")
        if styled.validation is not None:
            validations.setdefault(id(styled.validation), styled.validation).add(coordinate)
        if styled.comment:
            cell.comment = Comment(
                sanitise_text(styled.comment), COMMENT_AUTHOR, width=320, height=120
            )
        cells.append(cell)
    return cells


def _apply_look(cell, exporter, styled, looks):
    """Give ``cell`` the presets and number format ``styled`` names. Setting a style makes
    openpyxl hash it against the workbook's style tables, which dominates the time of a
    large sheet: each look is made once per sheet and then copied (openpyxl's own idiom)."""
    names = (styled.style,) if isinstance(styled.style, str) else tuple(styled.style)
    key = (names, styled.number_format)
    look = looks.get(key)
    if look is not None:
        quote_prefix = cell.quotePrefix  # the content's, not the look's
        cell._style = copy(look)
        cell.quotePrefix = quote_prefix
        return
    for name in names:
        preset = exporter.styles.get(name) or STYLES[name]
        for attribute, value in preset.items():
            setattr(cell, attribute, value)
    if styled.number_format:
        cell.number_format = styled.number_format
    if cell.has_style:
        looks[key] = copy(cell._style)
        looks[key].quotePrefix = False


def safe_cell(sheet, value):
    """A write-only cell holding ``value``; text is sanitised and never becomes a formula."""
    cell = WriteOnlyCell(sheet)
    if isinstance(value, Formula):
        cell.value = value.text
        return cell
    if isinstance(value, str):
        text = sanitise_text(value)
        cell.value = text
        # openpyxl reads "=…" as a formula; these are written as plain text, and the quote
        # prefix keeps them text when someone edits the cell in Excel.
        cell.data_type = "s"
        if is_formula_like(text):
            cell.quotePrefix = True
        return cell
    cell.value = value
    return cell
