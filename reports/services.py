from django.utils import timezone

from .models import WorkerHeartbeat


def record_worker_heartbeat(*, hostname):
    """Store that ``hostname`` is alive now; one row per worker, whatever the number of beats."""
    WorkerHeartbeat.objects.update_or_create(
        hostname=hostname, defaults={"last_seen": timezone.now()}
    )
