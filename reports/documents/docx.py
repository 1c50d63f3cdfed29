"""The summary as a Word document (.docx, python-docx), for head office to edit and forward.

A4 portrait in the look of an official document: the title centred in 宋体, headings in 黑体
and 楷体, the text in 仿宋 (fonts Windows, Word and WPS have; LibreOffice falls back to a CJK
font it has), named through the eastAsia font attribute. The summary's sanitised HTML is
converted element by element with the standard library's parser, then each chart follows
as a picture with its caption and its figures as a table.
"""

import gc
import re
from html.parser import HTMLParser
from io import BytesIO

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from .charts import cjk_font, render_png
from .summary import summary_title

TITLE_FONT = "宋体"
BODY_FONT = "仿宋"
HEADING_FONT = "黑体"
LATIN_FONT = "Times New Roman"
BODY_SIZE = Pt(14)  # 四号, the usual size of a document's body text
# h2 is a section (一、), h3 a part of one (（一）), h4 below that.
HEADING_SIZES = {"h2": Pt(15), "h3": Pt(14), "h4": Pt(14)}
HEADING_FONTS = {"h2": HEADING_FONT, "h3": "楷体", "h4": BODY_FONT}
BOLD_HEADINGS = ("h2", "h4")
TABLE_SIZE = Pt(10.5)
BLOCKS = {"p", "h2", "h3", "h4", "li", "blockquote", "td", "th"}
# Characters XML 1.0 does not allow: python-docx refuses them, and a pasted text may hold some.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Word's limits: a list indents nine levels at most, a table has at most 63 columns. Deeper
# lists stay at the deepest indent, and cells past the last column join it (a pasted text
# past them made python-docx raise, or take minutes).
MAX_LIST_DEPTH = 9
MAX_TABLE_COLUMNS = 63


def build_summary_docx(*, campaign, html, charts):
    """The .docx's bytes: the title, ``html`` (sanitised summary HTML) and ``charts``."""
    document = Document()
    _set_up(document)
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_after = Pt(18)
    _font(title.add_run(summary_title(campaign)), TITLE_FONT, Pt(22), bold=True)
    _HtmlToDocx(document).convert(html)
    if charts:
        heading = document.add_paragraph(style="Heading 2")
        _font(heading.add_run("附图"), HEADING_FONT, HEADING_SIZES["h2"])
    for number, chart in enumerate(charts, 1):
        _add_chart(document, chart, number)
    # A drawn chart leaves matplotlib objects referring to each other, freed only by a full
    # collection: collected now, a worker's memory stays flat from one build to the next.
    gc.collect()
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _set_up(document):
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    # GB/T 9704's margins for official documents, near enough.
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    normal = document.styles["Normal"]
    normal.font.name = LATIN_FONT
    normal.font.size = BODY_SIZE
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    normal.paragraph_format.line_spacing = 1.5
    # The headings' look lives in their styles, so a heading's runs need nothing of their own.
    for level, tag in enumerate(("h2", "h3", "h4"), 1):
        style = document.styles[f"Heading {level}"]
        style.font.color.rgb = None
        style.font.name = LATIN_FONT
        style.font.size = HEADING_SIZES[tag]
        style.font.bold = tag in BOLD_HEADINGS
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(theme), None)  # a theme font would win over the one named
        fonts.set(qn("w:eastAsia"), HEADING_FONTS[tag])


def _font(run, east_asia, size=None, *, bold=None, italic=None):
    run.font.name = LATIN_FONT
    run.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), east_asia)
    if size is not None:
        run.font.size = size
    if bold is not None:
        run.bold = bold
    if italic is not None:
        run.italic = italic
    return run


class _HtmlToDocx(HTMLParser):
    """Walks the sanitised HTML: blocks become paragraphs (headings, list items with their
    number or bullet, indented quotes, table cells), inline tags become bold or italic runs.
    Nothing in it is ever evaluated; unknown tags only contribute their text."""

    def __init__(self, document):
        super().__init__(convert_charrefs=True)
        self.document = document
        self.paragraph = None
        self.block = None
        self.bold = self.italic = self.underline = 0
        self.lists = []  # ["ol" or "ul", items so far]
        self.quote = 0
        self.table = None
        self.row = None  # the cells of the table's current row so far
        self.table_row = None  # that row (python-docx's): table.rows[-1] walks every row
        self.cell = None

    def convert(self, html):
        self.feed(html or "")
        self.close()

    # Blocks

    def _new_paragraph(self, tag):
        if self.cell is not None:
            paragraph = self.cell.paragraphs[-1]
            if paragraph.text:
                paragraph = self.cell.add_paragraph()
            self.paragraph, self.block = paragraph, tag
            return paragraph
        if tag in HEADING_SIZES:
            level = {"h2": 1, "h3": 2, "h4": 3}[tag]
            paragraph = self.document.add_paragraph(style=f"Heading {level}")
        else:
            paragraph = self.document.add_paragraph()
            if tag == "p" and not self.quote:
                paragraph.paragraph_format.first_line_indent = Pt(28)  # two characters
        if self.quote:
            paragraph.paragraph_format.left_indent = Cm(1)
            paragraph.paragraph_format.right_indent = Cm(1)
        self.paragraph, self.block = paragraph, tag
        if tag == "li" and self.lists:
            kind, items = self.lists[-1]
            self.lists[-1][1] = items + 1
            depth = min(len(self.lists), MAX_LIST_DEPTH)
            paragraph.paragraph_format.left_indent = Cm(0.75 * depth)
            paragraph.paragraph_format.first_line_indent = Cm(-0.6)
            marker = f"{items + 1}. " if kind == "ol" else "• "
            self._run(marker)
        return paragraph

    def handle_starttag(self, tag, attrs):
        if tag in ("strong", "b"):
            self.bold += 1
        elif tag in ("em", "i"):
            self.italic += 1
        elif tag == "u":
            self.underline += 1
        elif tag == "br":
            if self.paragraph is not None:
                self.paragraph.add_run().add_break()
        elif tag in ("ul", "ol"):
            self.lists.append([tag, 0])
            self.paragraph = None
        elif tag == "blockquote":
            self.quote += 1
            self.paragraph = None
        elif tag == "table":
            self.table = self.document.add_table(rows=0, cols=0)
            self.table.style = "Table Grid"
            self.table.alignment = WD_TABLE_ALIGNMENT.CENTER
        elif tag == "tr" and self.table is not None:
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.cell = self._cell(len(self.row))
            self.row.append(self.cell)
            self.paragraph = None
            if tag == "th":
                self.bold += 1
        elif tag in BLOCKS:
            self._new_paragraph(tag)

    def handle_endtag(self, tag):
        if tag in ("strong", "b"):
            self.bold = max(self.bold - 1, 0)
        elif tag in ("em", "i"):
            self.italic = max(self.italic - 1, 0)
        elif tag == "u":
            self.underline = max(self.underline - 1, 0)
        elif tag in ("ul", "ol") and self.lists:
            self.lists.pop()
            self.paragraph = None
        elif tag == "blockquote":
            self.quote = max(self.quote - 1, 0)
            self.paragraph = None
        elif tag == "table":
            self.table = self.row = self.table_row = self.cell = None
            self.paragraph = None
        elif tag == "tr":
            self.row = None
        elif tag in ("td", "th"):
            if tag == "th":
                self.bold = max(self.bold - 1, 0)
            self.cell = None
            self.paragraph = None
        elif tag in BLOCKS:
            self.paragraph = None

    def _cell(self, index):
        """The cell ``index`` of the table's current row, adding the row and columns needed."""
        table = self.table
        index = min(index, MAX_TABLE_COLUMNS - 1)
        if not self.row:
            if not table.columns:
                table.add_column(Cm(3))
            self.table_row = table.add_row()
        while len(table.columns) <= index:
            table.add_column(Cm(3))
        return self.table_row.cells[index]

    def handle_data(self, data):
        if self.paragraph is None:
            if not data.strip():
                return
            if self.table is not None and self.cell is None:
                return  # text between cells
            # Text outside a block (a quote without <p>, loose text): a paragraph of its own.
            self._new_paragraph("blockquote" if self.quote else "p")
        self._run(data)

    def _run(self, text):
        """A run of text; its font and size come from its paragraph's style (body text or
        a heading), so only what differs is set on the run."""
        run = self.paragraph.add_run(NOT_XML.sub("", text))
        if self.cell is not None:
            run.font.size = TABLE_SIZE
        if self.bold:
            run.bold = True
        if self.italic:
            run.italic = True
        if self.underline:
            run.underline = True
        return run


def _add_chart(document, chart, number):
    picture = document.add_paragraph()
    picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
    picture.paragraph_format.keep_with_next = True
    picture.add_run().add_picture(BytesIO(render_png(chart)), width=Cm(15))
    caption = document.add_paragraph()
    caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption.paragraph_format.keep_with_next = True
    title = f"图{number}　{chart.title}" + (f"（单位：{chart.unit}）" if chart.unit else "")
    _font(caption.add_run(title), HEADING_FONT, Pt(12))
    _add_chart_table(document, chart)


def _add_chart_table(document, chart):
    """The chart's figures: its labels down, its series across (numbered when the image,
    without a Chinese font, shows numbers for the labels)."""
    table = document.add_table(rows=1, cols=len(chart.series) + 1)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    header = table.rows[0].cells
    _cell_text(header[0], "项目", bold=True)
    for index, series in enumerate(chart.series, 1):
        _cell_text(header[index], series.name, bold=True, right=True)
    numbered = cjk_font() is None
    for row_number, (label, values) in enumerate(chart.rows, 1):
        cells = table.add_row().cells
        _cell_text(cells[0], f"{row_number}. {label}" if numbered else str(label))
        for index, value in enumerate(values, 1):
            _cell_text(cells[index], "—" if value is None else _figure(value), right=True)
    document.add_paragraph()


def _figure(value):
    value = float(value)
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"


def _cell_text(cell, text, *, bold=False, right=False):
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.first_line_indent = None
    paragraph.paragraph_format.line_spacing = 1.0
    if right:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _font(paragraph.add_run(NOT_XML.sub("", text)), BODY_FONT, TABLE_SIZE, bold=bold or None)
