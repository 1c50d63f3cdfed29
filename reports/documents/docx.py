"""The summary as a Word document (.docx, python-docx), for head office to edit and forward."""

from io import BytesIO

from django.utils.html import strip_tags
from docx import Document


def build_summary_docx(*, campaign, html, charts):
    document = Document()
    document.add_heading(f"{campaign.year}年全国保险消费者权益保护“3·15”系列活动总结", level=1)
    document.add_paragraph(strip_tags(html))
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
