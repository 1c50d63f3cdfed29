"""Liveness of the parts a request depends on, for /healthz/."""

import datetime

from django.conf import settings
from django.db import connection
from django.utils import timezone

from portal.celery import app as celery_app

from .models import WorkerHeartbeat

RECENT_HEARTBEAT = datetime.timedelta(minutes=5)


def database_state():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any driver error means the database is not usable
        return {"ok": False, "error": exc.__class__.__name__}
    return {"ok": True, "vendor": connection.vendor}


def broker_state():
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return {"ok": True, "used": False, "detail": "tasks run in-process"}
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as exc:  # kombu raises many kinds; all mean "unreachable"
        return {"ok": False, "used": True, "error": exc.__class__.__name__}
    return {"ok": True, "used": True}


def record_worker_heartbeat(*, hostname):
    """Store that ``hostname`` is alive now; one row per worker, whatever the number of beats."""
    WorkerHeartbeat.objects.update_or_create(
        hostname=hostname, defaults={"last_seen": timezone.now()}
    )


def recent_workers():
    """Workers that ran the beat heartbeat recently: informative, never a failure."""
    since = timezone.now() - RECENT_HEARTBEAT
    try:
        beats = WorkerHeartbeat.objects.filter(last_seen__gte=since)
        return [{"hostname": b.hostname, "last_seen": b.last_seen.isoformat()} for b in beats]
    except Exception:  # the database check already reports why
        return []
