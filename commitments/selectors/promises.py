"""How often companies kept their promises (PromiseRecord), as the public pages and the
national workbook read it."""

from django.db.models import Exists, OuterRef

from portal import timelines

from ..models import CommitmentKind, PromiseRecord, StatutoryLimit
from .ordering import stage_order


def measured_kinds():
    """The kinds with a time limit that something records the episodes of, in stage order."""
    return (
        CommitmentKind.objects.filter(
            code__in=timelines.measured_kind_codes(), limit=CommitmentKind.Limit.DURATION
        )
        .annotate(stage_order=stage_order("stage"))
        .order_by("stage_order", "position", "code")
    )


def promises_kept_by_year(company):
    """``company``'s records, newest year first, kinds in stage order: a list of (year,
    [PromiseRecord]), each record knowing whether its kind has a statutory limit."""
    records = (
        PromiseRecord.objects.filter(company=company)
        .select_related("kind")
        .annotate(
            stage_order=stage_order("kind__stage"),
            has_statutory_limit=Exists(StatutoryLimit.objects.filter(kind=OuterRef("kind"))),
        )
        .order_by("-year", "stage_order", "kind__position", "kind__code")
    )
    years = {}
    for record in records:
        years.setdefault(record.year, []).append(record)
    return list(years.items())


def promises_kept_in(year):
    """{company id: {kind id: (kept, measured)}} of the complaints of ``year`` (one query)."""
    kept = {}
    rows = PromiseRecord.objects.filter(year=year).values_list(
        "company_id", "kind_id", "kept", "broken"
    )
    for company_id, kind_id, kept_count, broken in rows:
        kept.setdefault(company_id, {})[kind_id] = (kept_count, kept_count + broken)
    return kept
