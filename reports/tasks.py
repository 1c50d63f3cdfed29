from celery import shared_task

from . import services


@shared_task(bind=True)
def record_worker_heartbeat(self):
    """Scheduled by beat every minute; returns the worker's name."""
    hostname = self.request.hostname or "in-process"
    services.record_worker_heartbeat(hostname=hostname)
    return hostname
