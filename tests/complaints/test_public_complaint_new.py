import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from complaints.models import Complaint, ComplaintAttachment
from complaints.views.public import FILED_SESSION_KEY
from tests.factories import InsurerFactory
from tests.html import Element

from .public_form import filled_in

URL = "/complaints/new/"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64 + b"PE\x00\x00"


@pytest.fixture
def company(db):
    return InsurerFactory(code="demo-pc", name_zh="示例财产保险股份有限公司")


def field_error(response, field):
    """The error text shown under ``field``, or ""."""
    errors = Element.by_id(response, f"id_{field}_error")
    return errors.text if errors else ""


def alert(response):
    """The text of the message above the form."""
    return Element.parse(response.content.decode()).first(role="alert").text


def test_anyone_sees_the_form_without_logging_in(client, company):
    response = client.get(URL)

    assert response.status_code == 200
    page = Element.parse(response.content.decode())
    company_choice = page.find("id_company")
    assert [option.text for option in company_choice.find_all("option")][1:] == [
        "示例财产保险股份有限公司"
    ]
    cities = [option.text for option in page.find("id_city").find_all("option")][1:]
    assert cities == ["大连市", "宁波市", "厦门市", "青岛市", "深圳市"]
    groups = [group["label"] for group in page.find("id_product_line").find_all("optgroup")]
    assert len(groups) == 2


def test_the_honeypot_is_hidden_from_people_and_screen_readers(client, company):
    page = Element.parse(client.get(URL).content.decode())

    honeypot = page.find("id_leave_empty")
    assert honeypot["tabindex"] == "-1"
    assert honeypot["autocomplete"] == "off"
    wrapper = next(e for e in page.walk() if honeypot in e.children)
    assert wrapper["aria-hidden"] == "true"
    assert "visually-hidden" in wrapper["class"]


def test_filing_registers_one_web_complaint_routed_to_dalian(client, company):
    response = client.post(URL, filled_in(company))

    assert response.status_code == 302
    assert response["Location"] == "/complaints/new/done/"
    complaint = Complaint.objects.get()
    assert complaint.channel == Complaint.Channel.WEB
    assert complaint.registered_by is None
    assert complaint.bureau.code == "dalian"
    assert complaint.region.name_zh == "大连市"
    assert complaint.company == company
    assert complaint.complainant_phone == "139 1234 5678"
    assert str(complaint.amount_in_dispute) == "8600.00"
    assert client.session[FILED_SESSION_KEY] == complaint.pk


def test_without_a_city_the_provincial_bureau_handles_it(client, company):
    client.post(URL, filled_in(company, city=""))

    assert Complaint.objects.get().bureau.code == "liaoning"


def test_a_city_outside_the_chosen_province_is_refused_next_to_the_city(client, company):
    response = client.post(URL, filled_in(company, province="330000"))  # 浙江, and 大连

    assert response.status_code == 200
    assert "大连市" in field_error(response, "city")
    assert not Complaint.objects.exists()


def test_missing_entries_are_shown_next_to_their_fields_and_nothing_is_stored(client, company):
    data = filled_in(company, complainant_name="", description="", category="")

    response = client.post(URL, data)

    assert response.status_code == 200
    for field in ("complainant_name", "description", "category"):
        assert field_error(response, field)
    assert not field_error(response, "complainant_phone")
    # What was entered comes back, for the consumer to correct and send again.
    assert Element.by_id(response, "id_request").text == "尽快赔付修车费用。"
    assert not Complaint.objects.exists()


def test_the_services_refusal_is_shown_next_to_its_field(client, company):
    response = client.post(URL, filled_in(company, complainant_phone="12-34"))

    assert response.status_code == 200
    assert field_error(response, "complainant_phone")
    assert not Complaint.objects.exists()


def test_a_negative_amount_is_refused(client, company):
    response = client.post(URL, filled_in(company, amount_in_dispute="-1"))

    assert field_error(response, "amount_in_dispute")
    assert not Complaint.objects.exists()


def test_an_inactive_company_cannot_be_chosen(client, company):
    company.is_active = False
    company.save()

    response = client.post(URL, filled_in(company))

    assert field_error(response, "company")
    assert not Complaint.objects.exists()


def test_a_filled_in_honeypot_is_refused_and_nothing_is_stored(client, company):
    response = client.post(URL, filled_in(company, leave_empty="http://spam.example"))

    assert response.status_code == 200
    assert "12378" in alert(response)
    assert Element.by_id(response, "id_leave_empty")["value"] == ""
    assert not Complaint.objects.exists()


@pytest.mark.usefixtures("english")
def test_a_form_sent_within_3_seconds_is_refused_and_kept_filled_in(client, company):
    response = client.post(URL, filled_in(company, seconds_ago=1))

    assert response.status_code == 200
    assert "too quickly" in alert(response)
    assert Element.by_id(response, "id_complainant_name")["value"] == "王小明"
    assert not Complaint.objects.exists()


@pytest.mark.usefixtures("english")
def test_a_form_open_for_more_than_2_hours_is_refused_and_kept_filled_in(client, company):
    response = client.post(URL, filled_in(company, seconds_ago=2 * 60 * 60 + 5))

    assert response.status_code == 200
    assert "more than 2 hours" in alert(response)
    assert Element.by_id(response, "id_complainant_name")["value"] == "王小明"
    assert not Complaint.objects.exists()


def test_a_form_without_a_valid_start_time_is_refused(client, company):
    response = client.post(URL, filled_in(company, started="1700000000"))

    assert response.status_code == 200
    assert not Complaint.objects.exists()


def test_the_sixth_complaint_in_an_hour_from_one_address_is_refused(client, company, settings):
    settings.COMPLAINT_FORM_RATE = "5/h"
    for n in range(5):
        response = client.post(URL, filled_in(company, description=f"第{n + 1}次投诉。"))
        assert response.status_code == 302

    response = client.post(URL, filled_in(company, description="第6次投诉。"))

    assert response.status_code == 429
    assert "12378" in alert(response)
    assert Element.by_id(response, "id_description").text == "第6次投诉。"
    assert Complaint.objects.count() == 5


def test_another_address_is_not_held_back_by_the_first(client, company, settings):
    settings.COMPLAINT_FORM_RATE = "1/h"
    client.post(URL, filled_in(company))

    response = client.post(URL, filled_in(company), REMOTE_ADDR="10.0.0.8")

    assert response.status_code == 302
    assert Complaint.objects.count() == 2


def test_the_addresses_of_one_ipv6_network_count_as_one(client, company, settings):
    settings.COMPLAINT_FORM_RATE = "1/h"
    client.post(URL, filled_in(company), REMOTE_ADDR="2001:db8:12:34::1")

    response = client.post(URL, filled_in(company), REMOTE_ADDR="2001:db8:12:34:ffff::2")

    assert response.status_code == 429
    assert Complaint.objects.count() == 1


def test_behind_the_proxy_a_forged_forwarded_address_does_not_reset_the_rate(
    client, company, settings, monkeypatch
):
    from portal import settings as portal_settings

    monkeypatch.setattr(portal_settings, "TRUSTED_PROXY_COUNT", 1)
    settings.COMPLAINT_FORM_RATE = "1/h"
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    client.post(URL, filled_in(company), HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy)

    forged = client.post(
        URL, filled_in(company), HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.7", **proxy
    )
    colleague = client.post(URL, filled_in(company), HTTP_X_FORWARDED_FOR="203.0.113.8", **proxy)

    assert (forged.status_code, colleague.status_code) == (429, 302)


def test_forms_sent_back_with_errors_do_not_count_against_the_rate(client, company, settings):
    settings.COMPLAINT_FORM_RATE = "1/h"
    client.post(URL, filled_in(company, description=""))

    response = client.post(URL, filled_in(company))

    assert response.status_code == 302


def test_complaints_sent_back_for_their_files_do_not_count_against_the_rate(
    client, company, settings
):
    settings.COMPLAINT_FORM_RATE = "1/h"
    renamed = SimpleUploadedFile("发票.pdf", EXE, content_type="application/pdf")
    client.post(URL, filled_in(company, attachments=[renamed]))

    response = client.post(URL, filled_in(company))

    assert response.status_code == 302
    assert Complaint.objects.count() == 1


def test_a_pdf_is_stored_with_the_complaint(client, company, django_capture_on_commit_callbacks):
    upload = SimpleUploadedFile("保单.pdf", PDF, content_type="application/pdf")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, filled_in(company, attachments=[upload]))

    assert response.status_code == 302
    attachment = ComplaintAttachment.objects.get()
    assert attachment.complaint == Complaint.objects.get()
    assert attachment.name == "保单.pdf"
    assert attachment.content_type == "application/pdf"
    assert attachment.uploaded_by is None
    with attachment.file.open("rb") as stored:
        assert stored.read() == PDF


def test_a_renamed_program_refuses_the_whole_complaint(client, company):
    good = SimpleUploadedFile("保单.pdf", PDF, content_type="application/pdf")
    renamed = SimpleUploadedFile("发票.pdf", EXE, content_type="application/pdf")

    response = client.post(URL, filled_in(company, attachments=[good, renamed]))

    assert response.status_code == 200
    assert "发票.pdf" in field_error(response, "attachments")
    assert not Complaint.objects.exists()
    assert not ComplaintAttachment.objects.exists()


def test_a_file_over_5_mb_is_refused(client, company):
    big = SimpleUploadedFile("扫描件.pdf", PDF + b"0" * (5 * 1024 * 1024), "application/pdf")

    response = client.post(URL, filled_in(company, attachments=[big]))

    assert "扫描件.pdf" in field_error(response, "attachments")
    assert not Complaint.objects.exists()


def test_more_than_3_files_are_refused(client, company):
    files = [SimpleUploadedFile(f"{n}.pdf", PDF, "application/pdf") for n in range(4)]

    response = client.post(URL, filled_in(company, attachments=files))

    assert field_error(response, "attachments")
    assert not Complaint.objects.exists()


def test_the_database_row_holds_no_plaintext_phone(client, company):
    client.post(URL, filled_in(company))

    with connection.cursor() as cursor:
        cursor.execute("SELECT complainant_phone, complainant_name FROM complaints_complaint")
        phone, name = cursor.fetchone()
    assert "5678" not in phone
    assert "王小明" not in name
