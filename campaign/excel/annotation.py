"""A refused upload given back as the user's own workbook, each problem marked where it is:
the bad cell filled in red, with the reason in a cell comment, so the clerk fixes it in place."""

from io import BytesIO

from openpyxl import load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill

# Excel's own "bad" colour, as its conditional formatting uses it.
HIGHLIGHT = PatternFill("solid", fgColor="FFC7CE")
COMMENT_AUTHOR = "3·15"


def annotate_workbook(content, errors):
    """``content`` (the user's .xlsx bytes) with ``errors`` marked: dicts with the sheet, the
    cell ("" for the file as a whole, marked on A1) and the message, as an upload stores them.
    """
    # Links to other workbooks are dropped: the copy may be opened at head office, and such a
    # link makes Excel reach for a file or share the uploader chose.
    workbook = load_workbook(BytesIO(content), rich_text=True, keep_links=False)
    for error in errors:
        sheet_name = error.get("sheet")
        sheet = (
            workbook[sheet_name] if sheet_name in workbook.sheetnames else workbook.worksheets[0]
        )
        cell = _writable_cell(sheet, error.get("cell") or "A1")
        cell.fill = HIGHLIGHT
        text = error["message"]
        if cell.comment is not None and cell.comment.text and text not in cell.comment.text:
            text = f"{cell.comment.text}\n{text}"
        cell.comment = Comment(text, COMMENT_AUTHOR, width=320, height=120)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _writable_cell(sheet, coordinate):
    """The cell itself, or the first cell of the merged range it lies in."""
    for merged in sheet.merged_cells.ranges:
        if coordinate in merged:
            return sheet.cell(merged.min_row, merged.min_col)
    return sheet[coordinate]
