"""Attachments are judged by their content, stored under a name of our own, and served so
that no browser can take one for a page of the portal."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase

from campaign.models import ReportAttachment

from .conftest import PDF

URL = "/statistics/2013/beijing/attachments/"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
HTML = b"<!DOCTYPE html><html><script>alert(document.cookie)</script></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'


@pytest.fixture
def clerk(client, bureau_a, beijing):
    client.force_login(bureau_a)
    return bureau_a


def attach(client, name, content):
    # The file is written once the attachment is committed.
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(
            URL, {"file": SimpleUploadedFile(name, content, content_type="application/pdf")}
        )
    return ReportAttachment.objects.order_by("-pk").first()


@pytest.mark.parametrize(
    ("name", "content"),
    [("page.pdf", HTML), ("page.html", HTML), ("logo.svg", SVG), ("logo.png", SVG)],
)
def test_html_and_svg_are_refused_whatever_their_name(client, clerk, beijing, name, content):
    attach(client, name, content)
    assert beijing.attachments.count() == 1  # only the fixture's PDF


def test_a_pdf_with_html_inside_is_served_as_a_pdf_never_as_a_page(client, clerk, beijing):
    attachment = attach(client, "x.html", PDF + HTML)
    assert attachment.content_type == "application/pdf"
    response = client.get(f"{URL}{attachment.pk}/")
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'self'" in response["Content-Security-Policy"]
    # Saved from the browser, it opens as what it is, not as a web page from the disk.
    assert response["Content-Disposition"].endswith('.html.pdf"')


@pytest.mark.parametrize(
    ("name", "content", "download"),
    [
        ("photo.html", PNG, "photo.html.png"),
        ("scan.PDF", PDF, "scan.PDF"),
        ("photo.jpeg", b"\xff\xd8\xff\xe0" + b"\x00" * 64, "photo.jpeg"),
        ("noextension", PDF, "noextension.pdf"),
    ],
)
def test_the_download_name_ends_as_the_content_is(client, clerk, beijing, name, content, download):
    attachment = attach(client, name, content)
    assert attachment.original_name == download


def test_a_word_document_is_downloaded_never_shown_inline(client, clerk, beijing):
    docx = _docx()
    attachment = attach(client, "总结.docx", docx)
    assert attachment is not None and attachment.content_type.endswith("document")
    response = client.get(f"{URL}{attachment.pk}/")
    assert response["Content-Disposition"].startswith("attachment;")


@pytest.mark.parametrize(
    "name",
    [
        "../../../../etc/passwd.pdf",
        "..\\..\\windows\\win.ini.pdf",
        "/absolute/path.pdf",
        "nul\x00byte.pdf",
        "%2e%2e%2fescape.pdf",
    ],
)
def test_a_path_in_the_file_name_never_leaves_the_reports_folder(
    client, clerk, beijing, settings, name
):
    attachment = attach(client, name, PDF)
    stored = Path(attachment.file.path).resolve()
    folder = (Path(settings.MEDIA_ROOT) / "statistics" / "2013" / "beijing").resolve()
    assert stored.parent == folder
    assert stored.name.startswith("attachment") and stored.suffix == ".pdf"
    assert "/" not in attachment.original_name and "\\" not in attachment.original_name
    assert "\x00" not in attachment.original_name


@pytest.mark.parametrize(
    "name",
    ['a"; filename="evil.html.pdf', "line\r\nSet-Cookie: x=1.pdf", '总结 "报告".pdf', "a;b.pdf"],
)
def test_the_download_header_cannot_be_injected_through_the_file_name(client, clerk, beijing, name):
    attachment = attach(client, name, PDF)
    response = client.get(f"{URL}{attachment.pk}/")
    assert response.status_code == 200
    header = response["Content-Disposition"]
    assert "\r" not in header and "\n" not in header
    assert header.count("filename") == 1
    assert "Set-Cookie" not in response.headers


def test_media_files_are_never_served_by_address(client, clerk, head_office, beijing, settings):
    path = beijing.attachments.get().file.name
    for user in (None, head_office):
        if user:
            client.force_login(user)
        for prefix in ("/media/", f"/{settings.MEDIA_URL.strip('/')}/", "/static/../var/media/"):
            assert client.get(prefix + path).status_code == 404


def _docx():
    from ..campaign.workbooks import zip_of

    return zip_of(
        {
            "[Content_Types].xml": b'<?xml version="1.0"?><Types/>',
            "word/document.xml": b'<?xml version="1.0"?><w:document/>',
            "_rels/.rels": b"<Relationships/>",
        }
    )
