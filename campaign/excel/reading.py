"""Reading a filled-in form back: first whether the file is safe to open, then every cell.

The checks run in this order, and the first that fails refuses the file with its own
message: size, an .xlsx by its content, a zip bomb, whether openpyxl can open it, our
sheet, whose form it is, missing rows, then every value cell (all bad cells are listed).
Accepts what Excel, WPS and LibreOffice leave after saving: numbers stored as text,
12.0 as a float, formulas with their calculated values, sheets in another order.
"""

import unicodedata
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from io import BytesIO

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from openpyxl import load_workbook

from .. import validation
from ..models import Organisation
from .extents import DAMAGED_ZIP, TooLarge, check_extents, too_large_message
from .template import (
    CODE_COLUMN,
    FORMAT,
    IDENTITY_SHEET,
    VALUE_COLUMN,
    form_sheet_title,
    form_sheet_titles,
)

MAX_FILE_SIZE = 5 * 1024 * 1024
# What the zip may unpack to: a filled form is about 50 KB unpacked. This leaves room for
# pictures up to the file limit; openpyxl spends about a second per few MB of sheet XML and
# ~30× its size in memory, so 50 MB of cells packed 400:1 into 110 KB cost a minute and 1.6 GB.
MAX_UNPACKED_SIZE = 10 * 1024 * 1024
# A refused file is kept to be given back marked only when it is small enough to open whole
# (not read-only) again at every download.
MAX_ANNOTATED_SIZE = 2 * 1024 * 1024
MAX_MEMBERS = 1000
# Rows read from the form sheet and the identification sheet: the form has a few dozen, and
# one cell in row 1,048,576 would otherwise make reading walk a million empty rows.
MAX_FORM_ROWS = 2000
MAX_IDENTITY_ROWS = 50
# The identification's numbers (a year, a version) have a few digits; int() of a Decimal
# such as 1E+999999999 would run for days.
MAX_IDENTITY_DIGITS = 18
# Beyond this ratio a large member is a bomb, not a spreadsheet (XML packs ~10-50×).
MAX_RATIO = 1000
RATIO_CHECKED_FROM = 1024 * 1024
ZIP_MAGIC = b"PK\x03\x04"
XLSX_MEMBERS = ("[Content_Types].xml", "xl/workbook.xml")
WHOLE_FILE = ""  # the cell of an error about the file rather than one cell

CODE_INDEX = ord(CODE_COLUMN) - ord("A")
VALUE_INDEX = ord(VALUE_COLUMN) - ord("A")


@dataclass(frozen=True)
class CellError:
    sheet: str
    cell: str  # "D14", or WHOLE_FILE
    code: str
    name: str
    problem: str

    def __str__(self):
        if not self.cell:
            return self.problem
        if not self.code:
            return f"{self.cell}: {self.problem}"
        return _("%(cell)s (%(code)s %(name)s): %(problem)s") % {
            "cell": self.cell,
            "code": self.code,
            "name": self.name,
            "problem": self.problem,
        }

    def as_dict(self):
        return {"sheet": self.sheet, "cell": self.cell, "code": self.code, "message": str(self)}


class WorkbookRefused(Exception):
    """The file cannot be stored; ``str()`` is the user's message.

    ``errors`` are CellErrors to mark in the user's file; ``annotatable`` is False for files
    refused for safety or unreadable, which are neither kept nor given back.
    """

    def __init__(self, message, *, errors=(), annotatable=True):
        super().__init__(message)
        self.errors = list(errors)
        self.annotatable = annotatable


@dataclass
class FilledForm:
    values: dict  # indicator code → Decimal or None, for every indicator the unit fills
    version: int  # the report's version when the form was downloaded
    sheet: str
    cells: dict = field(default_factory=dict)  # indicator code → value cell, e.g. "D14"


def read_limited(fileobj, size):
    """The file's bytes, refusing anything over MAX_FILE_SIZE before reading it."""
    if size is not None and size > MAX_FILE_SIZE:
        raise file_too_large()
    content = fileobj.read(MAX_FILE_SIZE + 1)
    if len(content) > MAX_FILE_SIZE:
        raise file_too_large()
    return content


def file_too_large():
    return WorkbookRefused(
        _("The file is larger than %(limit)s MB; a filled-in form is far smaller.")
        % {"limit": MAX_FILE_SIZE // (1024 * 1024)},
        annotatable=False,
    )


def check_container(content):
    """Refuse what is not an .xlsx by its content, zip bombs, macros and files declaring
    more than a form holds, before openpyxl sees it. Returns the file's ``Extents``, for
    ``check_sheet`` before each sheet is read."""
    not_xlsx = WorkbookRefused(
        _(
            "This is not an Excel workbook (.xlsx). Save the form as “Excel Workbook (*.xlsx)” "
            "in Excel, WPS or LibreOffice and upload that; renaming a file does not convert it."
        ),
        annotatable=False,
    )
    if not content.startswith(ZIP_MAGIC):
        raise not_xlsx
    try:
        archive = zipfile.ZipFile(BytesIO(content))
        members = archive.infolist()
    except (zipfile.LargeZipFile, *DAMAGED_ZIP):
        raise not_xlsx from None
    names = {member.filename for member in members}
    if not all(name in names for name in XLSX_MEMBERS):
        raise not_xlsx
    unpacked = unpacked_size(members)
    if (
        len(members) > MAX_MEMBERS
        or unpacked > MAX_UNPACKED_SIZE
        or any(_packed_too_tightly(member) for member in members)
    ):
        # Python's zipfile stops at the declared sizes, so checking them is enough.
        raise WorkbookRefused(
            _("The file unpacks to far more data than a form holds and was refused for safety."),
            annotatable=False,
        )
    if _has_macros(archive, names):
        raise WorkbookRefused(
            _(
                "The workbook contains macros and was refused for safety. Save the form as "
                "“Excel Workbook (*.xlsx)”, not as a macro-enabled workbook (*.xlsm), and "
                "upload that."
            ),
            annotatable=False,
        )
    try:
        return check_extents(archive)
    except TooLarge:
        raise _too_much() from None


def _too_much():
    return WorkbookRefused(too_large_message(), annotatable=False)


def check_sheet(sheet, extents):
    """Refuse a sheet too large to read before reading it (openpyxl parses all its XML)."""
    try:
        # The part's name is kept only privately by openpyxl (pinned in requirements.txt).
        extents.check_read(sheet._worksheet_path)
    except TooLarge:
        raise _too_much() from None


def _has_macros(archive, names):
    """A VBA project inside (by name or content type), or a workbook declared macro-enabled
    (.xlsm, .xltm)."""
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        return True
    try:  # small: its size was bounded with the rest above
        content_types = archive.read("[Content_Types].xml")
    except (KeyError, *DAMAGED_ZIP):
        return False  # openpyxl finds a damaged archive unreadable later
    # A VBA project is found by its content type, whatever its part is named.
    return any(word in content_types.lower() for word in (b"macroenabled", b"vbaproject"))


def unpacked_size(members_or_content):
    """What the zip's directory says it unpacks to, from every member (Python's zipfile
    stops reading a member at its declared size, so the sum bounds what can be read)."""
    members = members_or_content
    if isinstance(members_or_content, bytes):
        members = zipfile.ZipFile(BytesIO(members_or_content)).infolist()
    return sum(member.file_size for member in members)


def _packed_too_tightly(member):
    return member.file_size > RATIO_CHECKED_FROM and member.file_size > MAX_RATIO * max(
        member.compress_size, 1
    )


def _unreadable():
    return WorkbookRefused(
        _(
            "The workbook could not be read; it may be damaged. Open it in Excel, WPS or "
            "LibreOffice, save it again as .xlsx and upload that."
        ),
        annotatable=False,
    )


def open_workbook(content, *, data_only=True):
    try:
        return load_workbook(BytesIO(content), read_only=True, data_only=data_only)
    except Exception:  # openpyxl raises many kinds on a damaged file
        raise _unreadable() from None


def _read_sheets(workbook, read):
    """``read(workbook)``, closing the workbook after. A read-only workbook parses each sheet
    only while it is read, so a damaged sheet shows up here, not when the file is opened."""
    try:
        return read(workbook)
    except WorkbookRefused:
        raise
    except Exception:  # ParseError and the many kinds openpyxl raises on damaged XML
        raise _unreadable() from None
    finally:
        workbook.close()


def read_statistics_workbook(report, content, indicators):
    """The values in a filled-in form of ``report``, or WorkbookRefused with every problem.

    ``indicators`` are the ones the unit fills (``selectors.reports.indicators_for``).
    Rows are found by indicator code in column A, values read from column D.
    """
    extents = check_container(content)
    try:
        return _read_form(report, content, indicators, extents)
    except WorkbookRefused as refusal:
        refusal.annotatable = refusal.annotatable and not extents.damaged
        raise


def _read_form(report, content, indicators, extents):
    def read(workbook):
        sheet = _form_sheet(workbook)
        check_sheet(sheet, extents)
        if IDENTITY_SHEET in workbook.sheetnames:
            check_sheet(workbook[IDENTITY_SHEET], extents)
        version = _check_identity(workbook, report, sheet.title)
        return sheet.title, version, _rows_by_code(sheet, indicators)

    title, version, rows = _read_sheets(open_workbook(content), read)
    form = FilledForm(values={}, version=version, sheet=title)
    errors, unfinished = [], []
    for indicator in indicators:
        row, raw = rows[indicator.code]
        cell = f"{VALUE_COLUMN}{row}"
        form.cells[indicator.code] = cell
        if raw is None:
            unfinished.append(indicator.code)
        try:
            form.values[indicator.code] = validation.parse_value(indicator, _as_shown(raw))
        except validation.InvalidValue as problem:
            errors.append(_cell_error(form, indicator, str(problem)))
    errors += _uncalculated_formulas(content, form, indicators, unfinished)
    if errors:
        raise _cells_refused(errors)
    return form


def _cells_refused(errors):
    return WorkbookRefused(
        ngettext(
            "%(count)s cell needs correcting; nothing has been stored.",
            "%(count)s cells need correcting; nothing has been stored.",
            len(errors),
        )
        % {"count": len(errors)},
        errors=sorted(errors, key=lambda error: _row_of(error.cell)),
    )


def _as_shown(raw):
    # Excel shows and calculates with 15 significant digits: =0.1+0.2 is 0.3 there.
    if isinstance(raw, float):
        return Decimal(f"{raw:.15g}")
    return raw


def _row_of(cell):
    return int("".join(c for c in cell if c.isdigit()) or 0)


def _cell_error(form, indicator, problem):
    return CellError(
        form.sheet, form.cells[indicator.code], indicator.code, indicator.name, problem
    )


def _form_sheet(workbook):
    titles = form_sheet_titles()
    for sheet in workbook.worksheets:  # by name, not position: sheets may have been moved
        if sheet.title in titles:
            return sheet
    message = _(
        "The file has no sheet named “%(name)s”. Upload the form downloaded from this page, "
        "without renaming its sheet."
    ) % {"name": form_sheet_title()}
    first = workbook.sheetnames[0] if workbook.sheetnames else ""
    raise WorkbookRefused(message, errors=[_file_error(first, message)])


def _file_error(sheet, message):
    return CellError(sheet, WHOLE_FILE, "", "", message)


def _check_identity(workbook, report, sheet):
    """The report version the form was downloaded at, after checking it is this unit's form."""
    identity = {}
    if IDENTITY_SHEET in workbook.sheetnames:
        rows = workbook[IDENTITY_SHEET].iter_rows(
            max_row=MAX_IDENTITY_ROWS, max_col=2, values_only=True
        )
        for row in rows:
            if row and row[0] is not None:
                identity[str(row[0]).strip()] = row[1] if len(row) > 1 else None
    year, version = _as_int(identity.get("campaign")), _as_int(identity.get("report_version"))
    unit = str(identity.get("unit") or "").strip()
    if identity.get("format") != FORMAT or year is None or version is None or not unit:
        message = _(
            "The file does not say which unit and campaign it belongs to: its hidden "
            "identification sheet is missing or damaged. Download the form from this page and "
            "copy your figures into it."
        )
        raise WorkbookRefused(message, errors=[_file_error(sheet, message)])
    campaign, organisation = report.campaign, report.organisation
    if year != campaign.year or unit != organisation.code:
        other = Organisation.objects.filter(code=unit).first()
        message = _(
            "This file is the form of %(unit)s for the %(year)s campaign, not of %(own_unit)s "
            "for %(own_year)s. Download the right form from this page."
        ) % {
            "unit": other.name if other else unit,
            "year": year,
            "own_unit": organisation.name,
            "own_year": campaign.year,
        }
        raise WorkbookRefused(message, errors=[_file_error(sheet, message)])
    return version


def _as_int(value):
    if isinstance(value, bool) or value is None:
        return None
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        return None
    if not number.is_finite() or number.adjusted() >= MAX_IDENTITY_DIGITS:
        return None
    return int(number) if number == number.to_integral_value() else None


def normalise_code(value):
    if value is None:
        return ""
    return unicodedata.normalize("NFKC", str(value)).strip().upper()


def _rows_by_code(sheet, indicators):
    """Indicator code → (row number, raw value), refusing duplicated or missing rows."""
    wanted = {indicator.code: indicator for indicator in indicators}
    rows, errors = {}, []
    sheet.reset_dimensions()  # some programs write a wrong <dimension>; read every row
    cells = sheet.iter_rows(max_row=MAX_FORM_ROWS, max_col=VALUE_INDEX + 1, values_only=True)
    for number, row in enumerate(cells, 1):
        code = normalise_code(row[CODE_INDEX]) if row else ""
        if code not in wanted:
            continue
        if code in rows:
            errors.append(
                CellError(
                    sheet.title,
                    f"{CODE_COLUMN}{number}",
                    code,
                    wanted[code].name,
                    _("appears again (first in row %(row)s); keep one row per indicator")
                    % {"row": rows[code][0]},
                )
            )
            continue
        rows[code] = (number, row[VALUE_INDEX] if len(row) > VALUE_INDEX else None)
    missing = [code for code in wanted if code not in rows]
    if missing:
        message = _(
            "Rows are missing for %(codes)s. Put them back, or download the form again and "
            "copy your figures into it."
        ) % {"codes": ", ".join(missing)}
        raise WorkbookRefused(message, errors=[_file_error(sheet.title, message), *errors])
    if errors:
        raise _cells_refused(errors)
    return rows


def _uncalculated_formulas(content, form, indicators, unfinished):
    """Errors for empty-looking value cells that hold a formula never calculated.

    With data_only the file gives each formula's value as last calculated; a file written
    by a program that does not calculate has none. Only then is the file read again.
    """
    if not unfinished:
        return []
    by_code = {indicator.code: indicator for indicator in indicators}
    rows = {_row_of(form.cells[code]): code for code in unfinished}

    def read(workbook):
        sheet = workbook[form.sheet]
        sheet.reset_dimensions()
        errors = []
        for number, row in enumerate(
            sheet.iter_rows(max_row=max(rows), max_col=VALUE_INDEX + 1, values_only=True), 1
        ):
            if number not in rows or len(row) <= VALUE_INDEX:
                continue
            formula = row[VALUE_INDEX]
            if isinstance(formula, str) and formula.startswith("="):
                errors.append(
                    _cell_error(
                        form,
                        by_code[rows[number]],
                        _(
                            "the formula has no calculated value; open the file in Excel or "
                            "WPS and save it again"
                        ),
                    )
                )
        return errors

    return _read_sheets(open_workbook(content, data_only=False), read)
