"""The national report's Celery tasks: thin, they take ids and call the runs service."""

from celery import shared_task

from .services import runs


@shared_task
def build_national_report(run_id):
    """Build one run; safe to deliver more than once (acks_late, reject_on_worker_lost)."""
    run = runs.build_run(run_id=run_id)
    return run.status if run else None


@shared_task
def enqueue_waiting_runs():
    """Scheduled every minute: enqueue the runs the broker never took or lost."""
    return runs.enqueue_waiting_runs()
