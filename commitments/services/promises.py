"""Measuring, once a day, how often each company kept its promises (commitments.promises) and
storing the figures the public pages and the national workbook read (PromiseRecord)."""

from django.db import transaction
from django.utils import timezone

from campaign.models import Region
from campaign.working_days import WorkingCalendar
from portal import timelines

from ..models import Duration, PromiseRecord, ServiceCommitment, StatutoryLimit
from ..promises import Measure, Promise, Publication
from ..selectors.promises import measured_kinds

COUNTS = ("kept", "broken", "kept_by_law", "broken_by_law", "without_promise", "pending")


def measure_promises(*, year, now=None):
    """Measure every company on every measured kind over the episodes of ``year`` as of
    ``now`` (the present by default), replacing that year's records. Returns how many records
    it wrote. Safe to run twice at once: rows are written by their unique key."""
    now = now or timezone.now()
    calendar = WorkingCalendar.load()
    provinces = dict(Region.objects.values_list("pk", "parent_id"))
    publications = _publications()
    records = []
    for kind in measured_kinds():
        measure = Measure(
            calendar=calendar,
            promises=_promises(kind),
            statutory=_statutory(kind),
            provinces=provinces,
            now=now,
            publications=publications,
        )
        episodes = timelines.source_for(kind.code)(year)
        for company_id, tally in measure.tally(episodes).items():
            records.append(
                PromiseRecord(
                    company_id=company_id, year=year, kind=kind, measured_at=now, **vars(tally)
                )
            )
    with transaction.atomic():
        PromiseRecord.objects.bulk_create(
            records,
            update_conflicts=True,
            unique_fields=["company", "year", "kind"],
            update_fields=[*COUNTS, "measured_at"],
        )
        # What an earlier pass found and this one no longer does (a complaint re-routed to
        # another company, a kind no longer measured).
        PromiseRecord.objects.filter(year=year, measured_at__lt=now).delete()
    return len(records)


def _promises(kind):
    """{company id: [Promise]}: every version of ``kind`` ever published with a time limit."""
    promises = {}
    rows = ServiceCommitment.objects.filter(
        kind=kind, published_at__isnull=False, limit_value__isnull=False
    ).values_list(
        "company_id",
        "product_line_id",
        "region_id",
        "limit_value",
        "limit_unit",
        "published_at",
        "ended_at",
        "campaign__year",
    )
    for company_id, line, region, value, unit, published_at, ended_at, year in rows:
        promise = Promise(line, region, Duration(value, unit), published_at, ended_at, year)
        promises.setdefault(company_id, []).append(promise)
    return promises


def _publications():
    """{company id: [Publication]}: every commitment ever published, of every kind."""
    publications = {}
    rows = ServiceCommitment.objects.filter(published_at__isnull=False).values_list(
        "company_id", "campaign__year", "published_at", "ended_at"
    )
    for company_id, year, published_at, ended_at in rows:
        publications.setdefault(company_id, []).append(Publication(year, published_at, ended_at))
    return publications


def _statutory(kind):
    return [
        (effective_from, Duration(value, unit))
        for effective_from, value, unit in StatutoryLimit.objects.filter(kind=kind)
        .order_by("-effective_from")
        .values_list("effective_from", "value", "unit")
    ]
