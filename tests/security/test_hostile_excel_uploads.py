"""Excel files built to hurt: they are refused quickly and cleanly (never a server error, never
minutes of work for one small upload), and nothing of the report changes."""

import io
import re
import time
import zipfile

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
        (
            FORM_SHEET,
            lambda xml: (
                '<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">'
                + "".join(
                    f'<!ENTITY {n} "{("&" + p + ";") * 10}">'
                    for p, n in zip("abcdefgh", "bcdefghi", strict=True)
                )
                + "]>"
                + add_rows(
                    xml, '<row r="300"><c r="A300" t="inlineStr"><is><t>&i;</t></is></c></row>'
                )
            ),
        ),
    ],
    ids=["truncated-form", "truncated-identity", "invalid-character", "billion-laughs"],
)
def test_a_damaged_sheet_is_refused_not_a_server_error(
    client, clerk, filled, unchanged, member, patch
):
    result = upload(client, rewrite(filled, member, patch))
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
