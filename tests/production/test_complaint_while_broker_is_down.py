"""Filing a complaint while Redis (the broker) is down: the complaint is stored, the consumer
gets its reference (not a 500), and head office's incident alert waits for the sweep, which
has the worker e-mail it once the broker is back."""

import datetime
import time

import pytest

from campaign.models import Organisation, User
from complaints.models import Complaint, Incident
from complaints.views.public import FILED_SESSION_KEY
from portal.models import Notification
from portal.tasks import send_pending_notification_emails

from ..complaints.public_form import filled_in
from ..factories import InsurerFactory, UserFactory
from .test_submit_while_broker_is_down import reset_broker_connections, wait_for

pytestmark = [pytest.mark.production, pytest.mark.django_db(transaction=True)]

AN_HOUR = datetime.timedelta(hours=1)


def test_a_group_complaint_filed_while_the_broker_is_down_gets_its_reference(
    client, monkeypatch, unreachable_broker, reference_data
):
    UserFactory(
        username="hq-broker-down",
        organisation=Organisation.objects.get(kind=Organisation.Kind.HEAD_OFFICE),
        role=User.Role.STAFF,
        email="staff@hq.example",
    )
    company = InsurerFactory(code="insurer-broker-down")
    client.raise_request_exception = False
    reset_broker_connections()

    started = time.monotonic()
    response = client.post(
        "/complaints/new/", filled_in(company, complainant_count="6"), secure=True
    )
    page = client.get("/complaints/new/done/", secure=True)

    assert response.status_code == 302, response.content.decode()[:500]
    assert response["Location"] == "/complaints/new/done/"
    complaint = Complaint.objects.get()
    assert client.session[FILED_SESSION_KEY] == complaint.pk
    assert page.status_code == 200
    assert complaint.reference in page.content.decode()
    # The alert is in the portal, its e-mail pending for the sweep.
    assert Incident.objects.filter(complaint=complaint).exists()
    alert = Notification.objects.get(recipient__username="hq-broker-down")
    assert alert.email and alert.emailed_at is None
    # Refused connections fail fast: the consumer is not kept waiting for the broker.
    assert time.monotonic() - started < 15

    # The broker is back; the alert is older than the sweep's grace period.
    monkeypatch.undo()
    reset_broker_connections()
    Notification.objects.filter(pk=alert.pk).update(created_at=alert.created_at - AN_HOUR)
    assert send_pending_notification_emails() == [alert.pk]

    def emailed():
        alert.refresh_from_db()
        return alert.emailed_at is not None

    assert wait_for(emailed), "the worker did not e-mail the alert"


def test_with_redis_down_altogether_the_consumer_still_gets_the_reference(
    client, settings, unreachable_broker, reference_data
):
    # The cache (where the public form's rate limit counts) on the same dead Redis.
    settings.CACHES = {"default": settings.CACHES["default"] | {"LOCATION": unreachable_broker}}
    company = InsurerFactory(code="insurer-redis-down")
    client.raise_request_exception = False
    reset_broker_connections()

    response = client.post("/complaints/new/", filled_in(company), secure=True)

    assert response.status_code == 302
    assert client.session[FILED_SESSION_KEY] == Complaint.objects.get().pk
