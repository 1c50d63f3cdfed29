"""What an .xlsx says about its own size, read as a stream before anything opens it.

A few bytes of XML can declare a sheet-sized range: openpyxl makes an object for every cell
of a merged range or a hyperlink's range, and keeps every shared string and style in memory,
so a 9 KB file merging A1:XFD1048576 took a web worker to 4.8 GB. Every XML part is parsed
here with expat, a chunk at a time, in a few MB whatever it declares, and a file declaring
far more than a form holds is refused for safety.
"""

import re
import zipfile
import zlib
from dataclasses import dataclass
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
MAX_SHARED_STRINGS = 50_000
MAX_STYLES = 20_000  # formats, fonts, fills, borders together
# Tags ("<") in the whole file, counted at C speed before any part is parsed: this bounds
# the parse below to a fraction of a second, and cells and rows with it. A form has a few
# thousand; 10 MB of the smallest cells would be 2.5 million.
MAX_TAGS = 1_500_000
# Tags in a part openpyxl reads whole: the workbook, shared strings, styles, and the sheets
# the form is read from. It spends microseconds on each; a form sheet has a few thousand.
MAX_READ_TAGS = 100_000
# Root elements of the parts openpyxl always reads whole.
READ_WHOLE = {"workbook", "sst", "styleSheet", "Types", "Relationships"}
CHUNK = 64 * 1024
# What reading a damaged member raises: a bad CRC, a short file, a broken deflate stream
# (zlib.error, which is no OSError), and flags a damaged header may set: encryption
# (RuntimeError), a zip version or compression Python does not read (NotImplementedError).
DAMAGED_ZIP = (
    zipfile.BadZipFile,
    OSError,
    EOFError,
    ValueError,
    zlib.error,
    RuntimeError,
    NotImplementedError,
)

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


@dataclass(frozen=True)
class Extents:
    damaged: bool  # some part is not well-formed XML
    tags: dict  # part name → how many tags it holds

    def check_read(self, part):
        """Refuse (TooLarge) before openpyxl reads ``part`` whole."""
        _at_most(self.tags.get(part, 0), MAX_READ_TAGS)


def check_extents(archive):
    """Refuse (TooLarge) a file whose parts declare more than a form holds.

    Every XML part is read, whatever its name: the workbook's relationships and content types
    decide where openpyxl finds sheets and strings, and the user writes those. A file with a
    damaged part may still be read if the damage is outside the sheets the form is read
    from, but it is not given back marked.
    """
    members = archive.infolist()
    tags = {}
    for member in members:
        tags[member.filename] = _count_tags(archive, member)
        _at_most(sum(tags.values()), MAX_TAGS)
    damaged = not all([_parse(archive, member, tags[member.filename]) for member in members])
    return Extents(damaged=damaged, tags=tags)


def _count_tags(archive, member):
    """How many "<" the part holds (an upper bound on its elements, in any encoding)."""
    count = 0
    try:
        with archive.open(member) as stream:
            while chunk := stream.read(CHUNK):
                count += chunk.count(b"<")
    except DAMAGED_ZIP:
        pass  # a damaged part: the parse below says so
    return count


def _parse(archive, member, tags):
    """Stream ``member`` through the limits; False when it looks like XML but is damaged.
    Every part is parsed, so nothing openpyxl could read as XML escapes the limits."""
    parser = expat.ParserCreate()
    parser.StartElementHandler = _Part(tags).start
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
    except (expat.ExpatError, _Damaged, *DAMAGED_ZIP):
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
    the styles hold them. Cells and rows are bounded by MAX_TAGS; the handler returns at
    once for them, as it is called for every element."""

    def __init__(self, tags):
        self.tags = tags
        self.root = True
        self.ranges = self.merged = self.strings = self.styles = 0
        self.checks = {
            "mergeCell": self._merged,
            "hyperlink": self._merged,
            "dimension": self._dimension,
            "col": self._columns,
            "si": self._string,
            **dict.fromkeys(STYLE_ELEMENTS, self._style),
            **{element: self._range_list for element in RANGE_LISTS},
        }

    def start(self, name, attributes):
        if ":" in name:
            name = name.rpartition(":")[2]
        if self.root:
            self.root = False
            if name in READ_WHOLE:
                _at_most(self.tags, MAX_READ_TAGS)
        check = self.checks.get(name)
        if check is not None:
            check(name, attributes)

    def _merged(self, name, attributes):
        if "ref" in attributes:
            self._count_ranges(1)
            self.merged += _area(attributes["ref"])
            _at_most(self.merged, MAX_MERGED_CELLS)

    def _dimension(self, name, attributes):
        if "ref" in attributes:
            _at_most(_area(attributes["ref"]), MAX_DIMENSION_CELLS)

    def _columns(self, name, attributes):
        if "min" in attributes or "max" in attributes:  # a drawing's <xdr:col> has neither
            first, last = _int(attributes.get("min")), _int(attributes.get("max"))
            if not 1 <= first <= last <= MAX_COLUMN:
                raise TooLarge
            self._count_ranges(1)

    def _range_list(self, name, attributes):
        ranges = attributes.get(RANGE_LISTS[name], "").split()
        self._count_ranges(len(ranges))
        for reference in ranges:
            _area(reference)  # refuses references beyond the sheet

    def _string(self, name, attributes):
        self.strings += 1
        _at_most(self.strings, MAX_SHARED_STRINGS)

    def _style(self, name, attributes):
        self.styles += 1
        _at_most(self.styles, MAX_STYLES)

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
