"""What an .xlsx says about its own size, read as a stream before anything opens it.

A few bytes of XML can declare a sheet-sized range: openpyxl makes an object for every cell
of a merged range or a hyperlink's range, and keeps every shared string and style in memory,
so a 9 KB file merging A1:XFD1048576 took a web worker to 4.8 GB. Each worksheet, the shared
strings and the styles are parsed here with expat, a chunk at a time, in a few MB whatever
they declare, and a file declaring far more than a form holds is refused for safety.
"""

import re
import zipfile
from xml.parsers import expat

from django.utils.translation import gettext as _

# Excel's own limits: a reference beyond them is not a spreadsheet's.
MAX_ROW = 1_048_576
MAX_COLUMN = 16_384
# Cells covered by merged ranges and hyperlinks in one sheet (openpyxl lays each one out):
# a form merges its title and notes, a few hundred cells.
MAX_MERGED_CELLS = 100_000
# A sheet's declared used range: a whole sheet is 17 billion cells; a long list in a few
# columns is a few million.
MAX_DIMENSION_CELLS = 20_000_000
# Ranges listed in one sheet (merges, conditional formats, validations, selections).
MAX_RANGES = 10_000
MAX_ROWS = 100_000
MAX_CELLS = 1_000_000
MAX_SHARED_STRINGS = 100_000
MAX_STYLES = 20_000  # formats, fonts, fills, borders together
CHUNK = 64 * 1024

# Attributes holding a list of ranges, by element.
RANGE_LISTS = {
    "conditionalFormatting": "sqref",
    "dataValidation": "sqref",
    "selection": "sqref",
    "ignoredError": "sqref",
    "protectedRange": "sqref",
    "autoFilter": "ref",
}
STYLE_ELEMENTS = {"xf", "font", "fill", "border", "numFmt", "dxf", "cellStyle"}
REFERENCE = re.compile(r"\$?([A-Z]{1,3})?\$?([0-9]{1,7})?")


class TooLarge(Exception):  # noqa: N818 (a reason, not an error of the code)
    """The file declares more than a form holds."""


class _Damaged(Exception):  # noqa: N818
    pass


def check_extents(archive):
    """Refuse (TooLarge) a file whose parts declare more than a form holds.

    Every XML part is read, whatever its name: the workbook's relationships and content types
    decide where openpyxl finds sheets and strings, and the user writes those. Returns whether
    some part is not well-formed XML: such a file may still be read if the damage is outside
    the two sheets the form is read from, but it is not given back marked.
    """
    return not all([_parse(archive, member) for member in archive.infolist()])


def _parse(archive, member):
    """Stream ``member`` through the limits; False when it looks like XML but is damaged.
    Every part is parsed, so nothing openpyxl could read as XML escapes the limits."""
    parser = expat.ParserCreate()
    parser.StartElementHandler = _Part().start
    # Office programs write no DTD; one is how entities multiply (billion laughs).
    parser.StartDoctypeDeclHandler = _refuse_dtd
    parser.EntityDeclHandler = _refuse_dtd
    first = b""
    try:
        with archive.open(member) as stream:
            while chunk := stream.read(CHUNK):
                first = first or chunk
                parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except (expat.ExpatError, _Damaged, zipfile.BadZipFile, OSError, EOFError, ValueError):
        return not _looks_like_xml(first)  # a picture or another binary part is no XML
    return True


def _looks_like_xml(start):
    if start[:2] in (b"\xff\xfe", b"\xfe\xff", b"<\x00", b"\x00<"):  # UTF-16
        return True
    return start.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"<"


def _refuse_dtd(*args):
    raise _Damaged


class _Part:
    """The counts of one part, checked as its elements start. Element names are matched
    without their prefix; the names below occur only where a sheet, the shared strings or
    the styles hold them (a drawing's <xdr:row> is counted as a row, harmlessly)."""

    def __init__(self):
        self.rows = self.cells = self.ranges = self.merged = self.strings = self.styles = 0

    def start(self, name, attributes):
        local = name.rpartition(":")[2]
        if local == "c":
            self.cells += 1
            _at_most(self.cells, MAX_CELLS)
        elif local == "row":
            self.rows += 1
            _at_most(self.rows, MAX_ROWS)
        elif local == "si":
            self.strings += 1
            _at_most(self.strings, MAX_SHARED_STRINGS)
        elif local in STYLE_ELEMENTS:
            self.styles += 1
            _at_most(self.styles, MAX_STYLES)
        elif local in ("mergeCell", "hyperlink") and "ref" in attributes:
            self._count_ranges(1)
            self.merged += _area(attributes["ref"])
            _at_most(self.merged, MAX_MERGED_CELLS)
        elif local == "dimension" and "ref" in attributes:
            _at_most(_area(attributes["ref"]), MAX_DIMENSION_CELLS)
        elif local == "col" and ("min" in attributes or "max" in attributes):
            first, last = _int(attributes.get("min")), _int(attributes.get("max"))
            if not 1 <= first <= last <= MAX_COLUMN:
                raise TooLarge
            self._count_ranges(1)
        elif local in RANGE_LISTS and RANGE_LISTS[local] in attributes:
            ranges = attributes[RANGE_LISTS[local]].split()
            self._count_ranges(len(ranges))
            for reference in ranges:
                _area(reference)  # refuses references beyond the sheet

    def _count_ranges(self, count):
        self.ranges += count
        _at_most(self.ranges, MAX_RANGES)


def _at_most(count, limit):
    if count > limit:
        raise TooLarge


def _int(text):
    return int(text) if text and text.isascii() and text.isdigit() and len(text) < 9 else -1


def _area(reference):
    """Cells in a range such as A1:D9, D:D or 3:5 (a whole column counts every row)."""
    first, _sep, last = reference.partition(":")
    top, left = _corner(first)
    bottom, right = _corner(last) if last else (top, left)
    rows = (max(bottom, top) - min(top, bottom) + 1) if top and bottom else MAX_ROW
    columns = (max(left, right) - min(left, right) + 1) if left and right else MAX_COLUMN
    return rows * columns


def _corner(reference):
    """(row, column) of one end of a range, None for a whole row's or column's side."""
    match = REFERENCE.fullmatch(reference.strip())
    if match is None or not any(match.groups()):
        raise TooLarge  # not a reference: nothing office software writes
    letters, digits = match.groups()
    row = int(digits) if digits else None
    column = None
    if letters:
        column = 0
        for letter in letters:
            column = column * 26 + ord(letter) - ord("A") + 1
    if (row is not None and not 1 <= row <= MAX_ROW) or (column or 0) > MAX_COLUMN:
        raise TooLarge
    return row, column


def too_large_message():
    return _(
        "The file declares far more cells, ranges or styles than a form holds and was "
        "refused for safety."
    )
