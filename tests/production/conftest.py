"""The production path: real PostgreSQL, Redis and a Celery worker process, all set up by .ci/run.

The worker connects to DATABASE_URL itself, so these tests use that same database instead of
the test_<name> copy pytest-django would create, which the worker would never see.
.ci/run creates and migrates the database (as a deploy would) and starts the worker on it;
here django_db_setup only checks that it is safe to use. Every test is transactional, so what
it writes is committed where the worker can read it, and the tables are emptied afterwards.
"""

import socket

import pytest
from django.conf import settings
from django.db import connection


@pytest.fixture(scope="session")
def django_db_setup():
    if not settings.PRODUCTION or connection.vendor != "postgresql":
        pytest.fail(
            "tests/production need DJANGO_ENV=production, PostgreSQL, Redis and a worker: "
            "run them through .ci/run",
            pytrace=False,
        )
    name = settings.DATABASES["default"]["NAME"]
    if not name.startswith("test_"):
        pytest.fail(
            f"refusing to use database {name!r}: these tests empty its tables; "
            "point DATABASE_URL at a database named test_*",
            pytrace=False,
        )


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
