from celery import shared_task

from . import health


@shared_task(bind=True)
def record_worker_heartbeat(self):
    """Scheduled by beat every minute; returns the worker's name."""
    hostname = self.request.hostname or "in-process"
    health.record_worker_heartbeat(hostname=hostname)
    return hostname
