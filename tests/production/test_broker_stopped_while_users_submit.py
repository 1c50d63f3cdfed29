"""Redis, the broker, stops while consumers file complaints and starts again empty: the
complaints filed meanwhile are stored and their filers get their reference, and once Redis is
back head office's alert held back is e-mailed by the worker (the sweep enqueues it), once.

The test runs a redis-server of its own on a port of its own, with a worker of its own on it
(marker ``own_worker``), so stopping it disturbs nobody else's broker. The other broker tests
(test_*_while_broker_is_down.py) start with the broker already gone; here it goes away under
a worker and pooled connections that were using it.
"""

import datetime
import shutil
import socket
import subprocess
import time

import pytest

from campaign.models import Organisation, User
from complaints.models import Complaint
from complaints.views.public import FILED_SESSION_KEY
from portal.models import Notification
from portal.tasks import send_pending_notification_emails

from ..complaints.public_form import filled_in
from ..factories import InsurerFactory, UserFactory
from .national_report import wait_for
from .test_submit_while_broker_is_down import reset_broker_connections

pytestmark = [
    pytest.mark.production,
    pytest.mark.own_worker,
    pytest.mark.django_db(transaction=True),
]

REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


class Broker:
    """A redis-server on ``port``, started and stopped as its operator would."""

    def __init__(self, port, folder):
        self.port, self.folder, self.process = port, folder, None

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603 (our own command line)
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
            + ["--appendonly", "no", "--dir", str(self.folder)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        assert wait_for(self.answers, 10), "redis-server did not start"

    def stop(self):
        self.process.terminate()  # as `systemctl stop redis` does
        self.process.wait(timeout=10)

    def answers(self):
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as connection:
                connection.sendall(b"PING\r\n")
                return connection.recv(16).startswith(b"+PONG")
        except OSError:
            return False


@pytest.fixture
def broker(tmp_path, settings, monkeypatch):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    own = Broker(port, tmp_path)
    own.start()
    url = f"redis://127.0.0.1:{port}/0"
    settings.CELERY_BROKER_URL = url
    monkeypatch.setenv("CELERY_BROKER_URL", url)  # read by Celery, here and in the worker
    reset_broker_connections()
    yield own
    if own.process.poll() is None:
        own.stop()
    monkeypatch.undo()
    reset_broker_connections()


def test_complaints_filed_while_redis_is_stopped_are_stored_and_alerted_once_it_is_back(
    client, broker, start_worker, reference_data
):
    staff = UserFactory(
        username="hq-redis-stopped",
        organisation=Organisation.objects.get(kind=Organisation.Kind.HEAD_OFFICE),
        role=User.Role.STAFF,
        email="staff@hq.example",
    )
    company = InsurerFactory(code="insurer-redis-stopped")
    client.raise_request_exception = False
    worker = start_worker("redis-stopped")

    def file_a_group_complaint():
        response = client.post(
            "/complaints/new/", filled_in(company, complainant_count="6"), secure=True
        )
        assert response.status_code == 302, response.content.decode()[:500]
        assert response["Location"] == "/complaints/new/done/"
        complaint = Complaint.objects.get(pk=client.session[FILED_SESSION_KEY])
        page = client.get("/complaints/new/done/", secure=True)
        assert complaint.reference in page.content.decode()
        return Notification.objects.get(recipient=staff, link__contains=complaint.reference)

    def emailed(alert):
        alert.refresh_from_db()
        return alert.emailed_at is not None

    before = file_a_group_complaint()
    assert wait_for(lambda: emailed(before), 30), worker.log_path.read_text()

    broker.stop()
    during = file_a_group_complaint()
    assert during.email and during.emailed_at is None

    broker.start()  # empty: it kept nothing on disk
    # The sweep (beat, every five minutes) takes the alerts older than its grace period.
    Notification.objects.filter(pk=during.pk).update(
        created_at=during.created_at - datetime.timedelta(hours=1)
    )
    reset_broker_connections()
    assert send_pending_notification_emails() == [during.pk]
    assert wait_for(lambda: emailed(during), 30), worker.log_path.read_text()

    first_sent = before.emailed_at
    time.sleep(1)  # the worker's chance to send anything twice
    before.refresh_from_db()
    assert before.emailed_at == first_sent
    assert Complaint.objects.count() == 2
