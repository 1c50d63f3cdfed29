"""The national report's Celery tasks: thin, they take ids, load and call a service."""

from celery import shared_task

from .services import reminders as reminder_services

# --- Deadline reminders (issue 8, item 6) ---------------------------------------------------


@shared_task
def send_scheduled_reminders():
    """Hourly in office hours (CELERY_BEAT_SCHEDULE): today's deadline reminders to the units
    that owe a report; a second run the same day sends nothing again. Returns how many."""
    return len(reminder_services.send_scheduled_reminders())


# --- end of deadline reminders --------------------------------------------------------------
