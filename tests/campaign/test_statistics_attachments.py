import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from campaign.models import ReportAttachment
from campaign.services import attachments as attachment_service
from campaign.services import statistics as statistics_service

from ..factories import statistics_report, valid_values

URL = "/statistics/2013/beijing/attachments/"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def report(campaign):
    return statistics_report(campaign, "beijing")


def test_a_pdf_is_attached_and_downloaded_back(
    client, bureau_a, report, django_capture_on_commit_callbacks
):
    client.force_login(bureau_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {"file": SimpleUploadedFile("总结.pdf", PDF)})
    assert response.status_code == 302
    attachment = report.attachments.get()
    assert (attachment.original_name, attachment.content_type) == ("总结.pdf", "application/pdf")
    download = client.get(f"{URL}{attachment.pk}/")
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Type"] == "application/pdf"


def test_the_type_is_checked_by_content_not_by_name(client, bureau_a, report):
    client.force_login(bureau_a)
    client.post(URL, {"file": SimpleUploadedFile("总结.pdf", b"MZ\x90\x00 this is an exe")})
    client.post(URL, {"file": SimpleUploadedFile("photo.jpg", b"<html><script>x</script>")})
    assert not report.attachments.exists()


def test_a_png_named_anything_is_accepted_as_an_image(client, bureau_a, report):
    client.force_login(bureau_a)
    client.post(URL, {"file": SimpleUploadedFile("现场照片", PNG)})
    assert report.attachments.get().content_type == "image/png"


def test_a_file_over_the_limit_is_refused(client, bureau_a, report, monkeypatch):
    monkeypatch.setattr(attachment_service, "MAX_SIZE", 100)
    client.force_login(bureau_a)
    response = client.post(
        URL, {"file": SimpleUploadedFile("big.pdf", PDF + b"0" * 200)}, follow=True
    )
    assert not report.attachments.exists()
    assert "big.pdf" in response.content.decode()


def test_an_attachment_is_removed_with_its_file(
    client, bureau_a, report, django_capture_on_commit_callbacks
):
    client.force_login(bureau_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, {"file": SimpleUploadedFile("a.pdf", PDF)})
    path = Path(report.attachments.get().file.path)
    assert path.read_bytes() == PDF
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{URL}{report.attachments.get().pk}/remove/")
    assert response.status_code == 302
    assert not ReportAttachment.objects.exists()
    assert not path.exists()


def test_another_bureau_cannot_download_or_attach(client, bureau_a, bureau_b, report):
    client.force_login(bureau_a)
    client.post(URL, {"file": SimpleUploadedFile("a.pdf", PDF)})
    attachment = report.attachments.get()
    client.force_login(bureau_b)
    assert client.get(f"{URL}{attachment.pk}/").status_code == 404
    assert client.post(URL, {"file": SimpleUploadedFile("b.pdf", PDF)}).status_code == 404
    assert client.post(f"{URL}{attachment.pk}/remove/").status_code == 404
    assert report.attachments.count() == 1


def test_head_office_may_download_but_not_attach(
    client, bureau_a, head_office, report, django_capture_on_commit_callbacks
):
    client.force_login(bureau_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, {"file": SimpleUploadedFile("a.pdf", PDF)})
    attachment = report.attachments.get()
    client.force_login(head_office)
    assert client.get(f"{URL}{attachment.pk}/").status_code == 200
    assert client.post(URL, {"file": io.BytesIO(PDF)}).status_code == 403


def test_the_service_refuses_attachments_once_the_report_is_submitted(bureau_a, report):
    attachment = attachment_service.add_attachment(
        actor=bureau_a, report=report, upload=SimpleUploadedFile("a.pdf", PDF)
    )
    statistics_service.save_report(
        actor=bureau_a, report=report, values=valid_values(report), expected_version=0
    )
    statistics_service.submit_report(actor=bureau_a, report=report)
    with pytest.raises(attachment_service.AttachmentRefused):
        attachment_service.add_attachment(
            actor=bureau_a, report=report, upload=SimpleUploadedFile("b.pdf", PDF)
        )
    with pytest.raises(attachment_service.AttachmentRefused):
        attachment_service.remove_attachment(actor=bureau_a, attachment=attachment)
    assert [a.original_name for a in report.attachments.all()] == ["a.pdf"]
