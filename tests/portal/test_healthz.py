"""/healthz/ as load balancers probe it, with tasks run in-process (no broker)."""

import socket

import pytest
from django.db import connection

pytestmark = [pytest.mark.django_db, pytest.mark.postgresql]


@pytest.fixture
def unreachable_broker(settings, monkeypatch):
    """Point the portal at a Redis port that is bound but not listening: connecting is refused.

    Celery reads the CELERY_BROKER_URL environment variable before Django's settings,
    so both are set, as a deployment would set them.
    """
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        url = f"redis://127.0.0.1:{sock.getsockname()[1]}/0"
        settings.CELERY_BROKER_URL = url
        monkeypatch.setenv("CELERY_BROKER_URL", url)
        yield url


def test_anonymous_callers_get_the_status_only(client):
    response = client.get("/healthz/")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_units_get_the_status_only(client, bureau_a):
    client.force_login(bureau_a)

    assert client.get("/healthz/").json() == {"status": "ok"}


def test_it_reports_the_database_and_in_process_tasks_to_head_office(client, head_office):
    client.force_login(head_office)

    response = client.get("/healthz/")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    # SQLite under `make test`; .ci/run also runs this suite on PostgreSQL.
    assert body["database"] == {"ok": True, "vendor": connection.vendor}
    assert body["broker"]["ok"] is True
    assert body["broker"]["used"] is False
    assert "workers" not in body


def test_it_needs_no_login(client):
    response = client.get("/healthz/")

    assert response.status_code == 200
    assert "Location" not in response


def test_it_is_never_cached(client):
    response = client.get("/healthz/")

    assert "no-store" in response["Cache-Control"]


def test_it_rejects_post(client):
    response = client.post("/healthz/")

    assert response.status_code == 405


def test_a_monitor_with_the_token_gets_the_details(client, settings):
    settings.HEALTHZ_TOKEN = "s3cret-monitor-token"

    response = client.get("/healthz/", headers={"Authorization": "Bearer s3cret-monitor-token"})

    assert response.json()["database"] == {"ok": True, "vendor": connection.vendor}


def test_a_wrong_token_gets_the_status_only(client, settings):
    settings.HEALTHZ_TOKEN = "s3cret-monitor-token"

    response = client.get("/healthz/", headers={"Authorization": "Bearer guessed"})

    assert response.json() == {"status": "ok"}


def test_no_token_is_accepted_when_none_is_configured(client, settings):
    settings.HEALTHZ_TOKEN = ""

    response = client.get("/healthz/", headers={"Authorization": "Bearer "})

    assert response.json() == {"status": "ok"}


def test_anonymous_callers_learn_only_that_it_is_unavailable(client, settings, unreachable_broker):
    settings.CELERY_TASK_ALWAYS_EAGER = False

    response = client.get("/healthz/")

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable"}


def test_it_is_unavailable_when_the_broker_is_unreachable(
    client, settings, unreachable_broker, head_office
):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    client.force_login(head_office)

    response = client.get("/healthz/")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["database"]["ok"] is True
    assert body["broker"]["ok"] is False
    assert body["broker"]["used"] is True
