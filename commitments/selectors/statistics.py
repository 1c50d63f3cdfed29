"""Commitments counted for a campaign, as the national workbook and head office's dashboard
show them: per company, whether it has published, its published items per stage, and how
they changed since the previous campaign (year_over_year's rules). A fixed number of queries
whatever the number of companies: the counts are the database's; only the comparison of
time limits, which needs the holiday calendar, is made here, one company at a time as the
rows stream by.
"""

import itertools
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q

from campaign.models import ExpectedUnit, Organisation
from campaign.selectors.campaigns import previous_campaign

from ..limits import Spans
from ..models import ServiceCommitment, Stage
from .promises import promises_kept_in
from .year_over_year import in_force_at_end, pair_up

Status = ServiceCommitment.Status
FIELDS = (
    "company_id",
    "kind_id",
    "product_line_id",
    "region_id",
    "limit_value",
    "limit_unit",
    "window_start",
    "window_end",
)


@dataclass(frozen=True)
class CompanyCommitments:
    """One company's published commitments in a campaign."""

    organisation_id: int
    name_zh: str
    name_en: str
    by_stage: dict  # Stage → published items
    changes: Counter  # Change → items (this year's and dropped ones)
    promises_kept: dict  # kind id → (kept, measured) in the complaints of the year

    @property
    def published(self):
        return sum(self.by_stage.values())

    @property
    def name(self):
        return Organisation(name_zh=self.name_zh, name_en=self.name_en).name


def expected_insurers(campaign):
    """The insurers ``campaign`` expects to report, in CIRC's order."""
    return Organisation.objects.filter(
        expectations__campaign=campaign, kind=Organisation.Kind.INSURER
    ).order_by("position", "code")


def published_in(campaign):
    return ServiceCommitment.objects.filter(
        campaign=campaign, company=OuterRef("pk"), status=Status.PUBLISHED
    )


def companies_without_commitments(campaign):
    """The insurers ``campaign`` expects that have published no commitment for it (one
    query)."""
    return expected_insurers(campaign).exclude(Exists(published_in(campaign)))


def commitment_statistics(campaign):
    """[CompanyCommitments] of every insurer ``campaign`` expects or that has published for
    it, in CIRC's order (five queries)."""
    published = Q(
        service_commitments__campaign=campaign, service_commitments__status=Status.PUBLISHED
    )
    rows = (
        Organisation.objects.filter(kind=Organisation.Kind.INSURER)
        .filter(
            Exists(ExpectedUnit.objects.filter(campaign=campaign, organisation=OuterRef("pk")))
            | Exists(published_in(campaign))
        )
        .annotate(
            **{
                stage: Count(
                    "service_commitments",
                    filter=published & Q(service_commitments__kind__stage=stage),
                )
                for stage in Stage.values
            }
        )
        .values("pk", "name_zh", "name_en", *Stage.values)
        .order_by("position", "code")
    )
    changes = changes_by_company(campaign)
    kept = promises_kept_in(campaign.year)
    return [
        CompanyCommitments(
            organisation_id=row["pk"],
            name_zh=row["name_zh"],
            name_en=row["name_en"],
            by_stage={stage: row[stage] for stage in Stage.values},
            changes=changes.get(row["pk"], Counter()),
            promises_kept=kept.get(row["pk"], {}),
        )
        for row in rows
    ]


def changes_by_company(campaign):
    """{company id: Counter(Change)}: each company's commitments beside the previous
    campaign's; without a previous campaign, every published one is new. Both years' rows
    stream by company (two queries and the calendar)."""
    previous = previous_campaign(campaign)
    spans = Spans.load(campaign.year)
    current = _by_company(
        ServiceCommitment.objects.filter(campaign=campaign, status=Status.PUBLISHED)
    )
    last_year = (
        _by_company(ServiceCommitment.objects.filter(in_force_at_end(previous)))
        if previous
        else iter(())
    )
    changes = {}
    for company_id, this_year, before in _merge(current, last_year):
        pairs = pair_up(this_year, before, spans)
        changes[company_id] = Counter(pair.change for pair in pairs)
    return changes


def _by_company(commitments):
    rows = commitments.only("pk", *FIELDS).order_by("company_id", "pk").iterator()
    for company_id, group in itertools.groupby(rows, key=lambda c: c.company_id):
        yield company_id, list(group)


def _merge(current, previous):
    """(company id, this year's, last year's) for every company in either, by id."""
    current, previous = iter(current), iter(previous)
    now, before = next(current, None), next(previous, None)
    while now or before:
        if before is None or (now and now[0] < before[0]):
            yield now[0], now[1], []
            now = next(current, None)
        elif now is None or before[0] < now[0]:
            yield before[0], [], before[1]
            before = next(previous, None)
        else:
            yield now[0], now[1], before[1]
            now, before = next(current, None), next(previous, None)
