"""The public pages while the cache the rate limits count in (Redis) is down: a consumer
still files a complaint and gets its reference; tracking, whose guesses could no longer be
counted, asks them to try later or call 12378 instead of answering."""

import pytest

from complaints.models import Complaint
from complaints.views.public import FILED_SESSION_KEY
from tests.factories import InsurerFactory

from .public_form import filled_in

pytestmark = pytest.mark.django_db


def test_with_the_cache_down_a_consumer_still_files_the_complaint(client, cache_down):
    company = InsurerFactory(code="demo-pc")
    client.raise_request_exception = False

    response = client.post("/complaints/new/", filled_in(company))

    assert response.status_code == 302
    assert client.session[FILED_SESSION_KEY] == Complaint.objects.get().pk


def test_with_the_cache_down_tracking_asks_the_consumer_to_call(client, cache_down):
    client.raise_request_exception = False

    response = client.post(
        "/complaints/track/", {"reference": "12378-2013-00000001", "phone_last_digits": "5678"}
    )

    # Guesses cannot be counted: nothing is looked up, and the page says to call 12378.
    assert response.status_code == 503
    assert "12378" in response.content.decode()
