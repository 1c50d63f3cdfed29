"""/healthz/ as load balancers probe it, with tasks run in-process (no broker)."""

import socket

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


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


def test_it_reports_the_database_and_in_process_tasks(client):
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


def test_it_is_unavailable_when_the_broker_is_unreachable(client, settings, unreachable_broker):
    settings.CELERY_TASK_ALWAYS_EAGER = False

    response = client.get("/healthz/")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["database"]["ok"] is True
    assert body["broker"]["ok"] is False
    assert body["broker"]["used"] is True
