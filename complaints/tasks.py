"""The complaints' Celery tasks: thin, they call a service."""

from celery import shared_task
from django.utils.dateparse import parse_datetime

from .services import overdue, tallies


@shared_task
def send_overdue_alerts(now=None):
    """Daily (CELERY_BEAT_SCHEDULE): today's overdue-complaint alerts; a second run the same
    day sends nothing again. ``now`` (ISO 8601) is the moment they are for, the present when
    beat sends it. Returns how many were sent."""
    return len(overdue.send_overdue_alerts(now=parse_datetime(now) if now else None))


@shared_task
def refresh_year_tallies(year):
    """A dashboard found ``year``'s figures stale (tallies.refresh_if_stale)."""
    return tallies.refresh_tallies(year)


@shared_task
def refresh_complaint_tallies():
    """Every few minutes (CELERY_BEAT_SCHEDULE): the dashboards' complaint figures of the
    years whose figures move (tallies.years_to_refresh). Returns those years."""
    return tallies.refresh_due_tallies()
