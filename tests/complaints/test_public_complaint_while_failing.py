"""Filing a complaint on the web while something behind the portal fails: with the broker
(Redis) down, or a file that cannot be written, the complaint is stored and the consumer gets
its reference (not a 500); what could not be done waits for the sweep or is logged."""

import pytest

from complaints.models import Complaint, Incident
from complaints.views.public import FILED_SESSION_KEY
from portal.models import Notification
from tests.factories import InsurerFactory

from .public_form import filled_in

# Transactional, so the view's own commit runs the on-commit handlers as in production;
# the reference data the migrations loaded is restored afterwards.
pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.postgresql,
]


def test_a_consumer_filing_a_group_complaint_gets_the_reference(client, head_office, broker_down):
    company = InsurerFactory(code="demo-pc")
    client.raise_request_exception = False

    response = client.post("/complaints/new/", filled_in(company, complainant_count="6"))
    page = client.get("/complaints/new/done/")

    assert response.status_code == 302
    assert response["Location"] == "/complaints/new/done/"
    complaint = Complaint.objects.get()
    assert client.session[FILED_SESSION_KEY] == complaint.pk
    assert complaint.reference in page.content.decode()
    assert Incident.objects.filter(complaint=complaint).exists()
    alert = Notification.objects.get(recipient=head_office)
    assert alert.email and alert.emailed_at is None


def test_a_file_that_cannot_be_stored_still_leaves_the_consumer_their_reference(
    client, monkeypatch, caplog
):
    from django.core.files.storage import FileSystemStorage
    from django.core.files.uploadedfile import SimpleUploadedFile

    from complaints.models import ComplaintAttachment

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(FileSystemStorage, "save", disk_full)
    company = InsurerFactory(code="demo-pc")
    upload = SimpleUploadedFile("保单.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    client.raise_request_exception = False

    response = client.post("/complaints/new/", filled_in(company, attachments=[upload]))

    assert response.status_code == 302
    complaint = Complaint.objects.get()
    assert client.session[FILED_SESSION_KEY] == complaint.pk
    # No attachment without its file; the failure is logged for the operators.
    assert not ComplaintAttachment.objects.exists()
    assert any(record.levelname == "ERROR" for record in caplog.records)
