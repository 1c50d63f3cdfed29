"""Excel files for the round-trip tests: our own template, then changed the way office
software and people change it (values typed as text, formulas, moved sheets, deleted rows)."""

import io
import re
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from campaign import excel
from campaign.excel.template import form_sheet_titles


def template(report):
    return excel.build_statistics_workbook(report)


def open_xlsx(content, **options):
    return load_workbook(io.BytesIO(content), **options)


def save(workbook):
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def form_sheet(workbook):
    return next(sheet for sheet in workbook.worksheets if sheet.title in form_sheet_titles())


def rows_by_code(sheet):
    """Indicator code → row number, read from column A."""
    return {
        sheet.cell(row, 1).value: row
        for row in range(1, sheet.max_row + 1)
        if isinstance(sheet.cell(row, 1).value, str)
        and re.fullmatch(r"[A-Z]\d\d", sheet.cell(row, 1).value)
    }


def value_cell(content, code):
    """The address of ``code``'s value cell in a template, e.g. "D14"."""
    return f"D{rows_by_code(form_sheet(open_xlsx(content)))[code]}"


def fill(content, values):
    """``content`` with the value cells of ``values`` (code → anything openpyxl can write)."""
    workbook = open_xlsx(content)
    sheet = form_sheet(workbook)
    rows = rows_by_code(sheet)
    for code, value in values.items():
        sheet.cell(rows[code], 4).value = value
    return save(workbook)


def as_stored_values(values):
    """Decimals as a clerk types them into Excel: whole numbers as int, amounts as float."""
    return {
        code: (None if value is None else int(value) if value == int(value) else float(value))
        for code, value in values.items()
    }


def change(content, edit):
    """``content`` after ``edit(workbook)`` and a save, as office software saves a file."""
    workbook = open_xlsx(content)
    edit(workbook)
    return save(workbook)


def set_identity(content, **fields):
    def edit(workbook):
        sheet = workbook[excel.IDENTITY_SHEET]
        for row in sheet.iter_rows():
            if row[0].value in fields:
                row[1].value = fields[row[0].value]

    return change(content, edit)


def with_cached_formula(content, code, formula, cached):
    """The value cell of ``code`` holding ``formula`` with ``cached`` as its last calculated
    value, as Excel saves it (<f>…</f><v>…</v>); openpyxl alone writes no cached value."""
    cell = value_cell(content, code)
    written = fill(content, {code: formula})
    return _patch_sheet_xml(
        written,
        lambda xml: re.sub(
            rf'<c r="{cell}"([^>]*)><f>(.*?)</f>(?:<v\s*/>|<v></v>)?</c>',
            rf'<c r="{cell}"\1><f>\2</f><v>{cached}</v></c>',
            xml,
        ),
    )


def _patch_sheet_xml(content, patch):
    source = zipfile.ZipFile(io.BytesIO(content))
    target_buffer = io.BytesIO()
    with zipfile.ZipFile(target_buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                patched = patch(data.decode())
                data = patched.encode()
            target.writestr(item, data)
    return target_buffer.getvalue()


def zip_of(members):
    """A zip archive of name → bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def docx():
    """A minimal Word document: a zip, with [Content_Types].xml, but no workbook."""
    return zip_of(
        {
            "[Content_Types].xml": b'<?xml version="1.0"?><Types/>',
            "word/document.xml": b'<?xml version="1.0"?><w:document/>',
        }
    )


def zip_bomb(unpacked=60 * 1024 * 1024):
    """Looks like an .xlsx and is small on disk; one member unpacks to ``unpacked`` bytes."""
    return zip_of(
        {
            "[Content_Types].xml": b'<?xml version="1.0"?><Types/>',
            "xl/workbook.xml": b'<?xml version="1.0"?><workbook/>',
            "xl/worksheets/sheet1.xml": b"\0" * unpacked,
        }
    )


def upload_file(content, name="form.xlsx"):
    return SimpleUploadedFile(
        name,
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
