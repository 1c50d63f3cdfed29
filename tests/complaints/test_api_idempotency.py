"""A repeated POST with the same Idempotency-Key registers one complaint (SPEC §4, API)."""

import pytest
from django.conf import settings

from complaints.models import Complaint, IdempotencyKey

from ..factories import UserFactory, organisation
from .api import URL, client_for, payload

pytestmark = [pytest.mark.django_db, pytest.mark.postgresql]


def test_the_same_key_again_answers_with_the_first_complaint(hotline):
    client = client_for(hotline)

    first = client.post(URL, payload(), format="json", HTTP_IDEMPOTENCY_KEY="call-20130315-0042")
    again = client.post(URL, payload(), format="json", HTTP_IDEMPOTENCY_KEY="call-20130315-0042")

    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json()["reference"] == first.json()["reference"]
    assert Complaint.objects.count() == 1
    assert IdempotencyKey.objects.get().complaint == Complaint.objects.get()


def test_a_repeat_with_another_complaint_is_refused_and_stores_nothing(hotline):
    client = client_for(hotline)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    first = client.post(URL, payload(), format="json", HTTP_IDEMPOTENCY_KEY="k1").json()

    again = client.post(
        URL, payload(description="另一段话"), format="json", HTTP_IDEMPOTENCY_KEY="k1"
    )

    assert again.status_code == 400
    assert again.json() == {
        "Idempotency-Key": [
            f"This key was used for complaint {first['reference']}, which is not this one: "
            "send a new key with a new complaint."
        ]
    }
    assert Complaint.objects.get().description == "车险理赔拖延两个月，多次催办无果。"


def test_a_repeat_differing_only_in_spacing_answers_with_the_first_complaint(hotline):
    client = client_for(hotline)
    first = client.post(URL, payload(), format="json", HTTP_IDEMPOTENCY_KEY="k1").json()

    again = client.post(
        URL,
        payload(
            description=" 车险理赔拖延两个月，多次催办无果。\n",
            complainant_phone="138-1234-1234",
            received_at="2013-03-15T01:30:00Z",
        ),
        format="json",
        HTTP_IDEMPOTENCY_KEY="k1",
    )

    assert (again.status_code, again.json()["reference"]) == (201, first["reference"])
    assert Complaint.objects.count() == 1


def test_different_keys_register_different_complaints(hotline):
    client = client_for(hotline)

    first = client.post(URL, payload(), format="json", HTTP_IDEMPOTENCY_KEY="k1").json()
    second = client.post(URL, payload(), format="json", HTTP_IDEMPOTENCY_KEY="k2").json()

    assert first["reference"] != second["reference"]
    assert Complaint.objects.count() == 2


def test_without_a_key_each_post_registers_a_complaint(hotline):
    client = client_for(hotline)

    client.post(URL, payload(), format="json")
    client.post(URL, payload(), format="json")

    assert Complaint.objects.count() == 2
    assert not IdempotencyKey.objects.exists()


def test_another_clients_key_is_its_own(hotline):
    other_seat = UserFactory(
        username="hotline-2", organisation=organisation("hq"), role=hotline.role
    )

    first = client_for(hotline).post(URL, payload(), format="json", HTTP_IDEMPOTENCY_KEY="k1")
    second = client_for(other_seat).post(URL, payload(), format="json", HTTP_IDEMPOTENCY_KEY="k1")

    assert first.json()["reference"] != second.json()["reference"]
    assert Complaint.objects.count() == 2


def test_a_refused_request_keeps_its_key_free(hotline):
    client = client_for(hotline)

    refused = client.post(URL, payload(province="火星"), format="json", HTTP_IDEMPOTENCY_KEY="k1")
    accepted = client.post(URL, payload(), format="json", HTTP_IDEMPOTENCY_KEY="k1")

    assert (refused.status_code, accepted.status_code) == (400, 201)
    assert Complaint.objects.count() == 1


def test_a_key_longer_than_the_model_keeps_is_refused(hotline):
    response = client_for(hotline).post(
        URL, payload(), format="json", HTTP_IDEMPOTENCY_KEY="k" * 201
    )

    assert response.status_code == 400
    assert list(response.json()) == ["Idempotency-Key"]
    assert not Complaint.objects.exists()
