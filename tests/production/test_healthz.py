"""/healthz/ under production settings, against the real PostgreSQL, Redis and worker."""

import pytest

from portal.tasks import record_worker_heartbeat

pytestmark = [pytest.mark.production, pytest.mark.django_db(transaction=True)]


def test_it_reports_postgresql_the_broker_and_the_worker(client):
    hostname = record_worker_heartbeat.delay().get(timeout=60)

    response = client.get("/healthz/")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == {"ok": True, "vendor": "postgresql"}
    assert body["broker"] == {"ok": True, "used": True}
    assert hostname in [worker["hostname"] for worker in body["workers"]]


def test_it_answers_load_balancers_over_plain_http_while_pages_redirect_to_https(client):
    assert client.get("/healthz/").status_code == 200

    response = client.get("/accounts/login/")

    assert response.status_code == 301
    assert response["Location"].startswith("https://")


def test_it_is_unavailable_when_the_broker_is_unreachable(client, unreachable_broker):
    response = client.get("/healthz/")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["database"] == {"ok": True, "vendor": "postgresql"}
    assert body["broker"]["ok"] is False
    assert body["broker"]["used"] is True
