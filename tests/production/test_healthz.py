"""/healthz/ under production settings, against the real PostgreSQL, Redis and worker."""

import pytest

from portal.tasks import record_worker_heartbeat

pytestmark = [pytest.mark.production, pytest.mark.django_db(transaction=True)]

TOKEN = "monitor-token-for-the-tests"  # noqa: S105


@pytest.fixture
def monitor(settings):
    """What an operator's monitor sends to see the details."""
    settings.HEALTHZ_TOKEN = TOKEN
    return {"Authorization": f"Bearer {TOKEN}"}


def test_it_reports_postgresql_the_broker_and_the_worker(client, monitor):
    hostname = record_worker_heartbeat.delay().get(timeout=60)

    response = client.get("/healthz/", headers=monitor)

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


def test_anonymous_callers_see_neither_hosts_nor_vendor(client):
    record_worker_heartbeat.delay().get(timeout=60)

    response = client.get("/healthz/")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_it_is_unavailable_when_the_broker_is_unreachable(client, unreachable_broker, monitor):
    response = client.get("/healthz/", headers=monitor)

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["database"] == {"ok": True, "vendor": "postgresql"}
    assert body["broker"]["ok"] is False
    assert body["broker"]["used"] is True
