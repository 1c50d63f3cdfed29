"""The production path: real PostgreSQL, Redis and a Celery worker process, all set up by .ci/run.

The worker connects to DATABASE_URL itself, so these tests use that same database instead of
the test_<name> copy pytest-django would create, which the worker would never see.
.ci/run creates and migrates the database (as a deploy would) and starts the worker on it;
here django_db_setup only checks that it is safe to use. Every test is transactional, so what
it writes is committed where the worker can read it, and the tables are emptied afterwards.
"""

import contextlib
import os
import signal
import socket
import subprocess
import sys
from importlib import import_module
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection

from campaign.models import Organisation
from complaints.models import Category

from .national_report import wait_for

# The own workers' (marker own_worker): Redis hands a message a killed worker did not
# acknowledge to the next worker after this many seconds.
VISIBILITY_TIMEOUT = 5
CELERY = Path(sys.executable).parent / "celery"


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


class TodaysModels:
    """The ``apps`` a data migration asks for its models, answering with today's: product
    lines and the holiday calendar have moved from complaints to campaign since
    complaints' 0002 loaded them."""

    MOVED = {("complaints", "productline"), ("complaints", "calendarday")}

    def get_model(self, app_label, model_name):
        if (app_label, model_name.lower()) in self.MOVED:
            app_label = "campaign"
        return apps.get_model(app_label, model_name)


@pytest.fixture
def reference_data():
    """The regions, bureaus, categories, product lines, calendar and time limits the
    migrations load, loaded again when an earlier test of this folder has emptied the tables
    (each does, afterwards)."""
    if not Organisation.objects.filter(kind=Organisation.Kind.BUREAU).exists():
        import_module("campaign.migrations.0002_regions_bureaus_head_office_association").load(
            apps, None
        )
    if not Category.objects.exists():
        import_module("complaints.migrations.0002_reference_data").add_reference_data(
            TodaysModels(), None
        )


@pytest.fixture
def media(tmp_path):
    return tmp_path / "media"


@pytest.fixture
def start_worker(tmp_path, media):
    """``start_worker(name)`` starts a worker in its own process group (as .ci/run does with
    setsid) and waits until it is ready; every worker started is killed afterwards."""
    started = []

    def start(name):
        log_path = tmp_path / f"{name}.log"
        env = os.environ | {
            "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT),
            "MEDIA_ROOT": str(media),
        }
        with log_path.open("wb") as log:
            process = subprocess.Popen(  # noqa: S603 (our own command line)
                [CELERY, "-A", "portal", "worker", "-l", "info", "--concurrency", "1"]
                + ["-n", f"{name}@%h", "--without-mingle", "--without-gossip"],
                cwd=settings.BASE_DIR,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        started.append(process)
        process.log_path = log_path

        def ready():
            assert process.poll() is None, log_path.read_text()
            return " ready." in log_path.read_text()

        assert wait_for(ready, 60), f"worker {name} did not start:\n{log_path.read_text()}"
        return process

    yield start
    for process in started:
        kill_group(process)


def kill_group(process):
    with contextlib.suppress(ProcessLookupError):  # already gone
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
