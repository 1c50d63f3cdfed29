"""GET /complaints/<reference>/attachments/<token>/: the file, to whoever sees the complaint,
as a download under its original name."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from complaints.models import ComplaintAttachment
from tests.factories import complaint as register_complaint


@pytest.fixture
def attachment(company_x):
    complaint = register_complaint(company=company_x.organisation, province="北京")
    return ComplaintAttachment.objects.create(
        complaint=complaint,
        token="a1b2c3d4e5",
        file=SimpleUploadedFile("x", b"%PDF-1.4\n%%EOF\n"),
        name="保单 复印件.pdf",
        size=15,
        content_type="application/pdf",
    )


def url(attachment, token=None):
    return f"/complaints/{attachment.complaint.reference}/attachments/{token or attachment.token}/"


def test_it_downloads_the_file_under_its_original_name(client, as_persona, attachment):
    as_persona("bureau_a")
    response = client.get(url(attachment))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4\n%%EOF\n"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''%E4%BF%9D%E5%8D%95" in response["Content-Disposition"]
    assert response["Content-Type"] == "application/pdf"


def test_the_page_links_the_attachment(client, as_persona, attachment):
    as_persona("bureau_a")
    page = client.get(f"/complaints/{attachment.complaint.reference}/").content.decode()
    assert f'href="{url(attachment)}"' in page
    assert "保单 复印件.pdf" in page


def test_a_token_that_does_not_exist_is_not_found(client, as_persona, attachment):
    as_persona("bureau_a")
    assert client.get(url(attachment, token="nope")).status_code == 404


@pytest.mark.parametrize("persona", ["bureau_b", "company_x", "company_y", "association"])
def test_those_who_do_not_see_the_complaint_do_not_get_its_files(
    persona, client, as_persona, attachment
):
    as_persona(persona)
    assert client.get(url(attachment)).status_code == 404


def test_it_rejects_post(client, as_persona, attachment):
    as_persona("bureau_a")
    assert client.post(url(attachment)).status_code == 405
