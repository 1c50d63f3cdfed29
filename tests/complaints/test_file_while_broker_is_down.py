"""Filing a complaint while Redis (the broker) is down: the complaint is stored, the consumer
gets its reference (not a 500), and head office's incident alert waits for the sweep."""

import pytest

from complaints.models import Complaint, Incident
from complaints.views.public import FILED_SESSION_KEY
from portal.models import Notification
from tests.factories import InsurerFactory

from .public_form import filled_in

# Transactional, so the view's own commit runs the on-commit handlers as in production;
# the reference data the migrations loaded is restored afterwards.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


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
