"""The national report's Celery tasks: thin, they take ids and call a service."""

from celery import shared_task

from .services import reminders, runs


@shared_task
def build_national_report(run_id):
    """Build one run; safe to deliver more than once (acks_late, reject_on_worker_lost)."""
    run = runs.build_run(run_id=run_id)
    return run.status if run else None


@shared_task
def enqueue_waiting_runs():
    """Scheduled every minute: enqueue the runs the broker never took or lost."""
    return runs.enqueue_waiting_runs()


@shared_task
def send_scheduled_reminders():
    """Hourly in office hours (CELERY_BEAT_SCHEDULE): today's deadline reminders to the units
    that owe a report; a second run the same day sends nothing again. Returns how many."""
    return len(reminders.send_scheduled_reminders())
