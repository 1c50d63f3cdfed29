"""Keeping the dashboards' complaint figures (ComplaintTally): counted ahead of time by beat
every few minutes and after a bulk load, so that a dashboard reads one row however many
complaints there are, and says when they were counted.

A refresh counts a year's complaints for every dashboard at once (two grouped passes), then
replaces the year's rows in one transaction holding head office's row locked: refreshes of
the same year (beat firing twice, a bulk load meanwhile, any number of workers) write one
after another, and one that counted before the stored figures were counted writes nothing.
Readers see the old rows or the new ones, never a mix.
"""

import datetime
import logging

from django.core.cache import cache
from django.db import transaction
from django.db.models import Max, Min
from django.utils import timezone

from portal.celery import delay_on_commit

from ..models import Complaint, ComplaintTally
from ..selectors.statistics import dashboard_counts

# Beat counts every 10 minutes (settings.CELERY_BEAT_SCHEDULE): figures older than this mean
# it has not — beat stopped, or the embedded setup, which runs no beat.
STALE_AFTER = datetime.timedelta(minutes=15)

logger = logging.getLogger(__name__)


def refresh_tallies(year, *, now=None):
    """Count ``year``'s complaints for every dashboard as of ``now`` (default: now) and store
    them; returns False when figures counted later than ``now`` were already stored."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    counts = dashboard_counts(year, today)
    with transaction.atomic():
        national, _created = ComplaintTally.objects.select_for_update().get_or_create(
            year=year,
            organisation=None,
            defaults={"counts": {}, "as_of": today, "computed_at": now},
        )
        if national.computed_at > now:
            return False
        ComplaintTally.objects.filter(year=year, organisation__isnull=False).delete()
        ComplaintTally.objects.bulk_create(
            ComplaintTally(
                year=year,
                organisation_id=organisation,
                counts=tally.as_json(),
                as_of=today,
                computed_at=now,
            )
            for organisation, tally in counts.items()
            if organisation is not None
        )
        national.counts, national.as_of, national.computed_at = counts[None].as_json(), today, now
        national.save(update_fields=["counts", "as_of", "computed_at"])
    return True


def refresh_if_stale(year, *, now=None):
    """Ask for a refresh of ``year`` when its figures were never counted or are older than
    STALE_AFTER: once per STALE_AFTER however many readers and processes (the shared cache
    remembers), on the task queue, where it runs at once when tasks run in-process. A broker
    or a cache that is down is logged, and the page shows the figures it has. True when
    asked."""
    from ..tasks import refresh_year_tallies  # the task calls back into this module

    now = now or timezone.now()
    computed_at = (
        ComplaintTally.objects.filter(year=year, organisation__isnull=True)
        .values_list("computed_at", flat=True)
        .first()
    )
    if computed_at is not None and now - computed_at < STALE_AFTER:
        return False
    try:
        first_to_ask = cache.add(
            f"complaint-tallies-asked:{year}", True, STALE_AFTER.total_seconds()
        )
    except Exception:  # the cache backend's own errors (redis.ConnectionError, …)
        # Without the cache nothing would stop every page view from asking for a count.
        logger.error("complaint tallies of %s not refreshed: the cache is unreachable", year)
        return False
    if not first_to_ask:
        return False
    delay_on_commit(refresh_year_tallies, year)
    return True


def years_to_refresh(today):
    """The years whose figures move now: this year's and last year's (the complaints being
    handled were received in them), and any other year with complaints whose figures were
    not counted today (overdue counts move with the day; handling older complaints is rare).
    Three small queries."""
    first, last = Complaint.objects.aggregate(
        first=Min("received_at"), last=Max("received_at")
    ).values()
    years = {today.year, today.year - 1}
    if first is None:
        return sorted(years)
    counted_today = set(
        ComplaintTally.objects.filter(organisation__isnull=True, as_of=today).values_list(
            "year", flat=True
        )
    )
    span = range(timezone.localtime(first).year, timezone.localtime(last).year + 1)
    return sorted(years | {year for year in span if year not in counted_today})


def refresh_due_tallies(*, now=None):
    """Refresh every year ``years_to_refresh`` names; returns those years."""
    now = now or timezone.now()
    years = years_to_refresh(timezone.localdate(now))
    for year in years:
        refresh_tallies(year, now=now)
    return years
