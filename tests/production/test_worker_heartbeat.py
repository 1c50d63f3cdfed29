"""A task enqueued by the portal runs on the real worker, which writes to the same PostgreSQL."""

import pytest
from django.utils import timezone

from portal.models import WorkerHeartbeat
from portal.tasks import record_worker_heartbeat

pytestmark = [pytest.mark.production, pytest.mark.django_db(transaction=True)]


def test_enqueued_task_runs_on_the_worker_and_stores_its_heartbeat():
    enqueued_at = timezone.now()

    hostname = record_worker_heartbeat.delay().get(timeout=60)

    assert hostname.startswith("ci-worker@")
    heartbeat = WorkerHeartbeat.objects.get(hostname=hostname)
    assert heartbeat.last_seen >= enqueued_at
