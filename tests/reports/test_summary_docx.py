"""The summary's Word file and its chart images."""

import io
import subprocess
import warnings

import pytest
from docx import Document
from docx.shared import Cm

from reports.documents import charts as chart_images
from reports.documents.charts import Chart, Series, render_png
from reports.documents.docx import MAX_LIST_DEPTH, MAX_TABLE_COLUMNS, build_summary_docx
from reports.documents.summary import generate_summary_html, sanitise_summary, summary_charts
from reports.selectors.figures import national_figures

from .summary_data import INCIDENT, submit

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def figures(campaign):
    submit(campaign, "beijing", values=INCIDENT, summary="<p>北京保监局开展保险进社区活动。</p>")
    submit(campaign, "shanghai", late=True)
    return national_figures(campaign)


@pytest.fixture
def docx(campaign, figures):
    html = generate_summary_html(figures)
    html += "<table><tr><th>地区</th><th>场次</th></tr><tr><td>北京</td><td>12</td></tr></table>"
    html += "<ol><li>第一条<em>说明</em></li><li>第二条</li></ol>"
    return build_summary_docx(campaign=campaign, html=html, charts=summary_charts(figures))


def test_the_document_opens_with_its_title_headings_and_text(docx):
    document = Document(io.BytesIO(docx))
    paragraphs = [p.text for p in document.paragraphs]

    assert paragraphs[0] == "2013年全国保险消费者权益保护“3·15”系列活动总结"
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:3] == ["一、总体情况", "（一）保监局", "（二）保险公司"]
    assert "五、需要关注的问题" in headings
    text = "\n".join(paragraphs)
    assert "逾期报送的单位：保监局：上海保监局。" in text
    assert "北京保监局：群访群诉事件2起，启动重大投诉应急预案1次。" in text
    assert "1. 第一条说明" in text
    section = document.sections[0]
    assert (round(section.page_width.cm), round(section.page_height.cm)) == (21, 30)


def test_bold_and_italic_become_runs(docx):
    document = Document(io.BytesIO(docx))
    runs = [run for p in document.paragraphs for run in p.runs]

    assert any(run.bold and run.text == "北京保监局" for run in runs)
    assert any(run.italic and run.text == "说明" for run in runs)
    east_asia = runs[0].element.rPr.rFonts.get(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia"
    )
    assert east_asia == "宋体"


def test_every_chart_is_a_picture_with_its_caption_and_its_figures(docx, figures):
    document = Document(io.BytesIO(docx))
    charts = summary_charts(figures)

    assert len(document.inline_shapes) == len(charts)
    captions = [p.text for p in document.paragraphs if p.text.startswith("图")]
    assert captions[0] == "图1　各类单位报送情况（单位：家）"
    assert len(captions) == len(charts)
    # The HTML's own table, then one table of figures per chart.
    assert len(document.tables) == 1 + len(charts)
    assert document.tables[0].cell(1, 0).text == "北京"
    completeness = document.tables[1]
    assert [c.text for c in completeness.rows[0].cells] == [
        "项目",
        "按时报送",
        "逾期报送",
        "尚未报送",
    ]
    assert [c.text for c in completeness.rows[1].cells] == ["保监局", "1", "1", "34"]


def test_a_chart_renders_as_a_png():
    chart = Chart(
        key="k",
        title="接收投诉",
        labels=["保监局", "保险公司"],
        series=[Series("2013年", [1200, 3400.5]), Series("2012年", [None, 3000])],
        unit="件",
    )

    image = render_png(chart)

    assert image.startswith(PNG)
    assert len(image) > 2000


def test_without_a_chinese_font_the_image_shows_codes_and_numbers(monkeypatch):
    monkeypatch.setattr(chart_images, "cjk_font", lambda: None)

    assert chart_images.image_label("B02 进学校受众", 0) == "B02"
    assert chart_images.image_label("2013年", 0) == "2013"
    assert chart_images.image_label("保监局", 1) == "2"
    chart = Chart(
        key="k", title="图", labels=["保监局"], series=[Series("本年", [3]), Series("上年", [2])]
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no "glyph missing" for the Chinese it left out
        assert render_png(chart).startswith(PNG)


@pytest.mark.libreoffice
def test_libreoffice_converts_the_document_to_pdf(docx, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "summary.docx").write_bytes(docx)
    subprocess.run(  # noqa: S603 (a fixed program on files the test wrote)
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path / "out")]
        + [str(tmp_path / "in" / "summary.docx")],
        check=True,
        capture_output=True,
        timeout=180,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    pdf = (tmp_path / "out" / "summary.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    assert len(pdf) > 10_000


def test_characters_word_does_not_allow_are_dropped(campaign):
    html = "<p>正文\x0b带控制字符\x01。</p><h2>标题&lt;script&gt;</h2>"

    document = Document(io.BytesIO(build_summary_docx(campaign=campaign, html=html, charts=[])))

    texts = [p.text for p in document.paragraphs]
    assert "正文带控制字符。" in texts and "标题<script>" in texts


def test_lists_nested_deeper_than_word_shows_stay_at_its_deepest_indent(campaign):
    html = sanitise_summary("<ul><li>层" * 2000)

    document = Document(io.BytesIO(build_summary_docx(campaign=campaign, html=html, charts=[])))

    indents = {p.paragraph_format.left_indent for p in document.paragraphs if p.text}
    assert len([p for p in document.paragraphs if p.text == "• 层"]) == 2000
    deepest = max(i for i in indents if i is not None)
    assert abs(deepest - Cm(0.75 * MAX_LIST_DEPTH)) < Cm(0.01)


def test_a_table_wider_than_word_allows_keeps_its_text_in_its_last_column(campaign):
    cells = "".join(f"<td>{n}</td>" for n in range(100))
    html = f"<table><tr>{cells}</tr><tr><td>下一行</td></tr></table>"

    document = Document(io.BytesIO(build_summary_docx(campaign=campaign, html=html, charts=[])))

    [table] = document.tables
    assert len(table.columns) == MAX_TABLE_COLUMNS
    assert table.rows[0].cells[0].text == "0"
    assert table.rows[0].cells[-1].text.split() == [str(n) for n in range(62, 100)]
    assert table.rows[1].cells[0].text == "下一行"
