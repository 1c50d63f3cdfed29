"""Excel files built to hurt: they are refused quickly and cleanly (never a server error, never
minutes of work for one small upload), and nothing of the report changes."""

import io
import re
import time
import tracemalloc
import zipfile
import zlib

import pytest

from campaign.excel import reading
from campaign.models import StatisticsUpload
from campaign.selectors import reports as selectors

from ..campaign import workbooks
from ..factories import valid_values

URL = "/statistics/2013/beijing/excel/"
FORM_SHEET = "xl/worksheets/sheet1.xml"
IDENTITY_SHEET = "xl/worksheets/sheet2.xml"
MB = 1024 * 1024


@pytest.fixture
def filled(beijing):
    return workbooks.fill(
        workbooks.template(beijing), workbooks.as_stored_values(valid_values(beijing))
    )


@pytest.fixture
def unchanged(beijing):
    values, version = selectors.values_of(beijing), beijing.version
    yield
    beijing.refresh_from_db()
    assert selectors.values_of(beijing) == values
    assert beijing.version == version


def rewrite(content, name, patch):
    """``content`` with the zip member ``name`` (text) passed through ``patch``."""
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == name:
                data = patch(data.decode()).encode()
            target.writestr(item, data, compresslevel=9)
    return buffer.getvalue()


def add_rows(xml, rows):
    return xml.replace("</sheetData>", rows + "</sheetData>")


def billion_laughs(xml):
    """``xml`` with a cell whose text is an entity that expands to 10⁹ characters."""
    entities = "".join(
        f'<!ENTITY {n} "{("&" + p + ";") * 10}">'
        for p, n in zip("abcdefgh", "bcdefghi", strict=True)
    )
    cell = '<row r="300"><c r="A300" t="inlineStr"><is><t>&i;</t></is></c></row>'
    return f'<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">{entities}]>' + add_rows(xml, cell)


def dense_cells(size):
    """Rows of 16,000 identical cells without addresses: ~``size`` bytes of sheet XML that
    packs about 400:1, under the ratio a zip-bomb check looks for."""
    row = "<row>" + "<c><v>1</v></c>" * 16000 + "</row>"
    return row * (size // len(row))


def upload(client, content):
    response = client.post(URL, {"file": workbooks.upload_file(content)})
    assert response.status_code == 200, "a hostile file must be refused on the page"
    result = response.context["result"]
    assert result is not None and not result.accepted
    return result


@pytest.fixture
def clerk(client, bureau_a, beijing):
    client.force_login(bureau_a)
    client.cookies["django_language"] = "en"
    return bureau_a


def test_a_huge_number_in_the_identity_sheet_is_refused_as_damage(client, clerk, filled, unchanged):
    # int(Decimal("1E+999999999")) would take days; 1E+100000 still costs a quarter second.
    for value in ("1E+100000", "1E+999999999", "99999999999999999999999"):
        content = workbooks.set_identity(filled, report_version=value)
        started = time.perf_counter()
        result = upload(client, content)
        assert time.perf_counter() - started < 2
        assert "identification" in str(result.refusal), value


def test_a_huge_campaign_year_in_the_identity_sheet_is_refused_as_damage(
    client, clerk, filled, unchanged
):
    result = upload(client, workbooks.set_identity(filled, campaign="2.013E+100000"))
    assert "identification" in str(result.refusal)


@pytest.mark.parametrize(
    ("member", "patch"),
    [
        (FORM_SHEET, lambda xml: xml[: len(xml) // 2]),
        (IDENTITY_SHEET, lambda xml: xml[: len(xml) // 2]),
        (FORM_SHEET, lambda xml: add_rows(xml, '<row r="300"><c r="A300"><v>&#0;</v></c></row>')),
        (FORM_SHEET, billion_laughs),
    ],
    ids=["truncated-form", "truncated-identity", "invalid-character", "billion-laughs"],
)
def test_a_damaged_sheet_is_refused_not_a_server_error(
    client, clerk, filled, unchanged, member, patch
):
    result = upload(client, rewrite(filled, member, patch))
    assert "could not be read" in str(result.refusal)
    assert not result.upload.can_be_annotated


def with_damaged_stream(content, name):
    """``content`` with a byte of member ``name``'s compressed data changed so that inflating
    it fails (zlib.error), as a disk or a transfer damages a file."""
    info = zipfile.ZipFile(io.BytesIO(content)).getinfo(name)
    header = content[info.header_offset : info.header_offset + 30]
    start = info.header_offset + 30 + int.from_bytes(header[26:28], "little")
    start += int.from_bytes(header[28:30], "little")
    for position in range(start, start + info.compress_size):
        damaged = bytearray(content)
        damaged[position] ^= 0xFF
        stream = bytes(damaged[start : start + info.compress_size])
        try:
            zlib.decompressobj(-15).decompress(stream)
        except zlib.error:
            return bytes(damaged)
    raise AssertionError(f"no byte of {name} breaks its stream")


def with_flags(content, name, flags):
    """``content`` with the general-purpose ``flags`` set on member ``name`` in the zip's
    directory, as a damaged header may have them (bit 0: encrypted; bit 6: strong
    encryption)."""
    damaged = bytearray(content)
    entry = content.index(b"PK\x01\x02")
    while True:
        length = int.from_bytes(content[entry + 28 : entry + 30], "little")
        if content[entry + 46 : entry + 46 + length] == name.encode():
            damaged[entry + 8] |= flags
            return bytes(damaged)
        entry = content.index(b"PK\x01\x02", entry + 46)


@pytest.mark.parametrize(
    "damage",
    [
        lambda content: with_damaged_stream(content, "[Content_Types].xml"),
        lambda content: with_damaged_stream(content, FORM_SHEET),
        lambda content: with_damaged_stream(content, "xl/styles.xml"),
        lambda content: with_flags(content, FORM_SHEET, 0b1),
        lambda content: with_flags(content, "xl/styles.xml", 0b100_0000),
    ],
    ids=["content-types", "form-sheet", "styles", "encrypted-flag", "strong-encryption-flag"],
)
def test_a_damaged_compressed_member_is_refused_not_a_server_error(
    client, clerk, filled, unchanged, damage
):
    result = upload(client, damage(filled))
    assert "could not be read" in str(result.refusal)
    assert not result.upload.can_be_annotated


def test_a_small_file_that_unpacks_to_millions_of_cells_is_refused_for_safety(
    client, clerk, filled, unchanged
):
    bomb = rewrite(filled, FORM_SHEET, lambda xml: add_rows(xml, dense_cells(12 * MB)))
    assert len(bomb) < 100 * 1024
    started = time.perf_counter()
    result = upload(client, bomb)
    assert time.perf_counter() - started < 1
    assert "refused for safety" in str(result.refusal)
    assert not StatisticsUpload.objects.get().file


def test_a_small_file_that_styles_a_million_cells_is_refused_for_safety(
    client, clerk, filled, unchanged
):
    xf = '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    bomb = rewrite(
        filled,
        "xl/styles.xml",
        lambda xml: re.sub(r"(<cellXfs[^>]*>)", lambda m: m.group(1) + xf * 200_000, xml, count=1),
    )
    assert len(bomb) < 200 * 1024
    assert "refused for safety" in str(upload(client, bomb).refusal)


def test_reading_stops_long_before_the_last_row_of_a_sheet(client, clerk, filled, unchanged):
    """One cell in row 1,048,576 made reading walk a million empty rows; a form's rows are
    near the top, and a row that far down is not looked for."""

    def move_g02_to_the_last_row(xml):
        row = re.search(r'<row r="(\d+)"[^>]*>(?:(?!</row>).)*>G02<(?:(?!</row>).)*</row>', xml)
        if row is None:  # codes are inline strings in our template
            raise AssertionError("G02 not found")
        moved = re.sub(r'r="([A-Z]+)\d+"', r'r="\g<1>1048576"', row.group(0))
        moved = re.sub(r'<row r="\d+"', '<row r="1048576"', moved)
        return xml.replace(row.group(0), "").replace("</sheetData>", moved + "</sheetData>")

    content = rewrite(filled, FORM_SHEET, move_g02_to_the_last_row)
    started = time.perf_counter()
    result = upload(client, content)
    assert time.perf_counter() - started < 1.5
    assert "Rows are missing for G02" in str(result.refusal)


def test_a_large_refused_file_is_not_kept_to_be_opened_again_and_again(
    client, clerk, filled, unchanged
):
    """Marking a refused file opens all of it (not read-only): only files small enough for
    that are kept to be given back; the page still lists every bad cell."""
    bad = workbooks.fill(filled, {"A01": -1})
    big = _with_extra_sheet(bad, dense_cells(4 * MB))
    result = upload(client, big)
    assert [error.cell for error in result.refusal.errors if error.code == "A01"]
    assert not result.upload.file
    assert not result.upload.can_be_annotated


def test_a_file_that_cannot_be_opened_whole_is_not_offered_back(client, clerk, filled, unchanged):
    """A damaged extra sheet is never read when checking the form, but would break the
    marked copy: such a file is refused without a copy to download."""
    bad = workbooks.fill(filled, {"A01": -1})
    broken = _with_extra_sheet(bad, '<row r="1"><c r="A1"><v>1</v></c></row>', damaged=True)
    result = upload(client, broken)
    assert result.refusal.errors
    assert not result.upload.can_be_annotated


def _with_extra_sheet(content, rows, *, damaged=False):
    """``content`` with one more worksheet holding ``rows``; ``damaged`` leaves its XML
    unclosed."""
    xml = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{rows}</sheetData>" + ("" if damaged else "</worksheet>")
    )
    content = rewrite(
        content,
        "xl/workbook.xml",
        lambda x: x.replace(
            "</sheets>",
            '<sheet xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
            ' name="Extra" sheetId="99" r:id="rIdExtra"/></sheets>',
        ),
    )
    content = rewrite(
        content,
        "xl/_rels/workbook.xml.rels",
        lambda x: x.replace(
            "</Relationships>",
            '<Relationship Id="rIdExtra" Target="worksheets/extra.xml" Type="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships/worksheet"/></Relationships>',
        ),
    )
    content = rewrite(
        content,
        "[Content_Types].xml",
        lambda x: x.replace(
            "</Types>",
            '<Override PartName="/xl/worksheets/extra.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        ),
    )
    buffer = io.BytesIO(content)
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("xl/worksheets/extra.xml", xml)
    return buffer.getvalue()


def test_many_small_members_adding_up_past_the_limit_are_refused():
    """No member is large or tightly packed, but together they unpack to 15 MB."""
    members = {
        "[Content_Types].xml": b"<Types/>",
        "xl/workbook.xml": b"<workbook/>",
        **{f"xl/media/{n}.bin": b"\0" * (512 * 1024) for n in range(30)},
    }
    with pytest.raises(reading.WorkbookRefused, match="refused for safety"):
        reading.check_container(workbooks.zip_of(members))


def test_too_many_members_are_refused():
    members = {"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}
    members |= {f"xl/x/{n}.xml": b"" for n in range(reading.MAX_MEMBERS + 1)}
    with pytest.raises(reading.WorkbookRefused, match="refused for safety"):
        reading.check_container(workbooks.zip_of(members))


# Macro-enabled workbooks (issue 6 item 17).


def with_macros(content):
    """``content`` with a VBA project inside, as Excel saves an .xlsm."""
    buffer = io.BytesIO(content)
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    return buffer.getvalue()


def declared_macro_enabled(content):
    """``content`` whose workbook is declared macro-enabled, without the VBA part itself."""
    return rewrite(
        content,
        "[Content_Types].xml",
        lambda xml: xml.replace(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
            "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
        ),
    )


def with_renamed_macros(content):
    """``content`` with a VBA project under another name: Excel finds it by its content type
    and relationship, not by its name."""
    buffer = io.BytesIO(
        rewrite(
            content,
            "[Content_Types].xml",
            lambda xml: xml.replace(
                "</Types>",
                '<Override PartName="/xl/project.bin" '
                'ContentType="application/vnd.ms-office.vbaProject"/></Types>',
            ),
        )
    )
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/project.bin", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "make",
    [with_macros, declared_macro_enabled, with_renamed_macros],
    ids=["vba", "xlsm", "vba-renamed"],
)
def test_a_macro_enabled_workbook_is_refused_and_not_kept(client, clerk, filled, unchanged, make):
    content = make(workbooks.fill(filled, {"A01": -1}))
    result = upload(client, content)
    assert "macros" in str(result.refusal)
    assert not result.upload.file
    assert not result.upload.can_be_annotated


# Files that declare far more than they hold (issue 6 item 12): openpyxl makes an object for
# every cell of a merged range, so a 9 KB file merging A1:XFD1048576 took 4.8 GB.


def measured(work):
    """(seconds, peak MB of Python allocations, result) of ``work()``: its CPU time on its own
    (not the wall clock, which other work on a shared machine stretches), then run again
    under tracemalloc for the memory (tracing slows Python several times)."""
    started = time.process_time()
    work()
    seconds = time.process_time() - started
    tracemalloc.start()
    try:
        result = work()
        peak = tracemalloc.get_traced_memory()[1] / MB
    finally:
        tracemalloc.stop()
    return seconds, peak, result


def in_worksheet(element):
    """A patch adding ``element`` where the schema puts it: after <sheetData>."""
    return lambda xml: xml.replace("</sheetData>", "</sheetData>" + element, 1)


def many_shared_strings(xml):
    return xml.replace("</sst>", "<si><t/></si>" * 200_000 + "</sst>")


DECLARED = {
    "merged-whole-sheet": (
        FORM_SHEET,
        in_worksheet('<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>'),
    ),
    "merged-a-million-cells": (
        FORM_SHEET,
        in_worksheet('<mergeCells count="1"><mergeCell ref="A1:J100000"/></mergeCells>'),
    ),
    "merged-in-identity": (
        IDENTITY_SHEET,
        in_worksheet('<mergeCells count="1"><mergeCell ref="C1:XFD1048576"/></mergeCells>'),
    ),
    "dimension": (
        FORM_SHEET,
        lambda xml: re.sub(r'<dimension ref="[^"]*"', '<dimension ref="A1:XFD1048576"', xml),
    ),
    "hyperlink-range": (
        FORM_SHEET,
        lambda xml: xml.replace(
            "</worksheet>",
            '<hyperlinks><hyperlink ref="A1:XFD1048576" location="A1"/></hyperlinks></worksheet>',
        ),
    ),
    "merged-by-character-reference": (
        FORM_SHEET,
        in_worksheet('<mergeCells count="1"><mergeCell ref="A1:XFD&#49;048576"/></mergeCells>'),
    ),
    "many-ranges": (
        FORM_SHEET,
        in_worksheet(
            '<conditionalFormatting sqref="'
            + " ".join(f"F{row}" for row in range(1, 20_001))
            + '"><cfRule type="expression" priority="1"><formula>1</formula></cfRule>'
            "</conditionalFormatting>"
        ),
    ),
    "column-beyond-xfd": (
        FORM_SHEET,
        lambda xml: re.sub(
            r"<cols>", '<cols><col min="1" max="99999999" width="9"/>', xml, count=1
        ),
    ),
    "shared-strings": ("xl/sharedStrings.xml", many_shared_strings),
    "many-elements": (FORM_SHEET, in_worksheet("<extLst>" + "<ext/>" * 300_000 + "</extLst>")),
}


def with_shared_strings(content):
    """``content`` with a shared-strings part, as Excel writes one (openpyxl writes its
    strings inline), for the hostile variants to inflate."""
    main = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    content = rewrite(
        content,
        "xl/_rels/workbook.xml.rels",
        lambda xml: xml.replace(
            "</Relationships>",
            f'<Relationship Id="rIdStrings" Type="{main}/sharedStrings" '
            'Target="sharedStrings.xml"/></Relationships>',
        ),
    )
    content = rewrite(
        content,
        "[Content_Types].xml",
        lambda xml: xml.replace(
            "</Types>",
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
        ),
    )
    buffer = io.BytesIO(content)
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr(
            "xl/sharedStrings.xml",
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
            'uniqueCount="1"><si><t>note</t></si></sst>',
        )
    return buffer.getvalue()


@pytest.mark.parametrize("declared", list(DECLARED))
def test_a_file_declaring_more_than_a_form_holds_is_refused_at_once(
    client, clerk, filled, unchanged, declared
):
    member, patch = DECLARED[declared]
    content = with_shared_strings(workbooks.fill(filled, {"A01": -1}))
    if member == "xl/worksheets/sheet1.xml" and "<cols>" not in _member(content, member):
        raise AssertionError("the template has no <cols>")
    hostile = rewrite(content, member, patch)
    assert hostile != content and len(hostile) < 200 * 1024
    client.get(URL)  # the page's first rendering is not the file's cost
    seconds, peak, result = measured(lambda: upload(client, hostile))
    assert "refused for safety" in str(result.refusal)
    assert seconds < 1, f"{seconds:.1f} s"
    assert peak < 50, f"{peak:.0f} MB"
    assert not result.upload.file and not result.upload.can_be_annotated


def _member(content, name):
    return zipfile.ZipFile(io.BytesIO(content)).read(name).decode()


def test_a_merged_form_is_refused_and_marked_without_expanding_it(client, clerk, filled, unchanged):
    """Merges a form may have (titles, notes) are fine: the bad value is marked in a fresh
    copy, fast, and nothing of the user's merges is laid out again."""
    content = with_shared_strings(workbooks.fill(filled, {"A01": -1}))
    merged = rewrite(
        content,
        FORM_SHEET,
        in_worksheet('<mergeCells count="1"><mergeCell ref="F1:Z2000"/></mergeCells>'),
    )
    client.get(URL)  # the page's first rendering is not the file's cost
    seconds, peak, result = measured(lambda: upload(client, merged))
    assert [error.code for error in result.refusal.errors] == ["A01"]
    assert seconds < 1 and peak < 50
    url = f"{URL}uploads/{result.upload.pk}/annotated.xlsx"
    seconds, peak, response = measured(lambda: client.get(url))
    assert response.status_code == 200
    assert seconds < 1 and peak < 50
    assert "mergeCell" not in _member(response.content, FORM_SHEET)


# The corpus, as a unit in Chinese meets it: each file refused with a message in Chinese,
# nothing of the report changed, and no file kept that could hurt when opened again.
HOSTILE = {
    "zip-bomb": lambda filled: workbooks.zip_bomb(),
    "billion-laughs": lambda filled: rewrite(filled, FORM_SHEET, billion_laughs),
    "xlsm-renamed-xlsx": lambda filled: declared_macro_enabled(filled),
    "vba-project": lambda filled: with_macros(filled),
    "word-renamed-xlsx": lambda filled: workbooks.docx(),
    "text-renamed-xlsx": lambda filled: "代码,数值\nA01,12\n".encode(),
    "png-renamed-xlsx": lambda filled: b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,
    "damaged-stream": lambda filled: with_damaged_stream(filled, FORM_SHEET),
    "huge-cell": lambda filled: workbooks.fill(filled, {"A01": "一" * 32767}),  # Excel's most
    "huge-number": lambda filled: workbooks.fill(filled, {"A01": "9" * 1000}),
    "formula-never-calculated": lambda filled: workbooks.fill(filled, {"A01": "=WEBSERVICE(1)"}),
}


@pytest.mark.parametrize("make", list(HOSTILE.values()), ids=list(HOSTILE))
def test_each_hostile_file_is_refused_in_chinese_and_nothing_is_stored(
    client, bureau_a, beijing, filled, unchanged, make
):
    client.force_login(bureau_a)
    result = upload(client, make(filled))
    message = result.upload.message
    assert re.search(r"[\u4e00-\u9fff]{4}", message), message
    assert not StatisticsUpload.objects.filter(accepted=True).exists()
    if not result.upload.can_be_annotated:
        assert not result.upload.file
