"""What the public pages read: the commitments in force now, filtered, one company's by
stage, and chosen companies ranked kind by kind.

"Current" means published (neither a draft, nor superseded by a newer version, nor
withdrawn) and of the company's latest campaign year that has any: a company's 2012 promises
give way to its 2013 ones, but stay current until it publishes for 2013. Everything is read
through portal.access.commitments_scoped_to, with the rows' company, campaign, kind, product
line and region in the same query, so the pages' query count does not grow with the number of
companies or commitments.
"""

from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef, Q
from django.shortcuts import get_object_or_404

from campaign.models import Campaign, Organisation
from portal import access, timelines

from ..limits import Spans
from ..models import CommitmentKind, PromiseRecord, ServiceCommitment, Stage
from ..ranking import Ranked, rank_durations, rank_published, rank_windows
from .ordering import stage_order

PAGE_SIZE = 50
Status = ServiceCommitment.Status
# What the public pages show of a commitment and what they link to: not who drafted it or
# when a row changed, which would only cost time to read.
PUBLIC_FIELDS = [
    "company_id", "campaign_id", "kind_id", "text", "limit_value", "limit_unit",
    "window_start", "window_end", "product_line_id", "region_id", "status", "version",
    "loosening_reason", "published_at",
    "company__code", "company__name_zh", "company__name_en", "company__position",
    "product_line__name_zh", "product_line__name_en",
    "region__name_zh", "region__name_en",
]  # fmt: skip


def current_commitments(user):
    """The commitments in force now that ``user`` may read, in the order the public reads
    them: by company, then stage (sales, after-sales, claims), then kind; with their
    company, scope and campaign ``year``. A page that shows each one's kind adds it
    (``select_related("kind")``): the compare page has its kinds already."""
    return (
        access.commitments_scoped_to(user, ServiceCommitment.objects.filter(_in_force()))
        .select_related("company", "product_line", "region")
        .only(*PUBLIC_FIELDS)
        .annotate(year=F("campaign__year"), stage_order=stage_order("kind__stage"))
        .order_by(
            "company__position",
            "company__name_zh",
            "stage_order",
            "kind__position",
            "kind__code",
            "pk",
        )
    )


def _in_force():
    """Published, in the newest campaign, or in an older one when the company has published
    nothing in any newer campaign. Written out campaign by campaign (there are a few, one a
    year) so that the newest campaign's rows, nearly all of them, need no subquery, and the
    others one lookup in the (company, campaign, status) index each."""
    condition, newer = Q(), []
    for campaign_id in Campaign.objects.order_by("-year").values_list("pk", flat=True):
        this_year = Q(campaign_id=campaign_id)
        if newer:
            published_since = ServiceCommitment.objects.filter(
                company=OuterRef("company"), campaign_id__in=newer, status=Status.PUBLISHED
            )
            this_year &= ~Exists(published_since)
        condition |= this_year
        newer.append(campaign_id)
    return Q(status=Status.PUBLISHED) & condition if newer else Q(pk__in=[])


def commitment_list(user, *, q="", company=None, stage="", kind=None, region=None):
    """Current commitments that pass the public list's filters. ``q`` is looked for in the
    company's name and the commitment's words; ``region`` keeps what applies there: the
    region's own, its province's (for a city), its cities' (for a province) and the
    nationwide ones."""
    commitments = current_commitments(user).select_related("kind")
    if q:
        names = Q(company__name_zh__icontains=q) | Q(company__name_en__icontains=q)
        commitments = commitments.filter(names | Q(text__icontains=q))
    if company is not None:
        commitments = commitments.filter(company=company)
    if stage:
        commitments = commitments.filter(kind__stage=stage)
    if kind is not None:
        commitments = commitments.filter(kind=kind)
    if region is not None:
        applies = Q(region__isnull=True) | Q(region=region) | Q(region__parent=region)
        if region.parent_id:
            applies |= Q(region=region.parent_id)
        commitments = commitments.filter(applies)
    return commitments


def companies_with_commitments():
    """The insurers that have published commitments, for the pages' choice of company."""
    published = ServiceCommitment.objects.filter(company=OuterRef("pk"), status=Status.PUBLISHED)
    return (
        Organisation.objects.filter(Exists(published), kind=Organisation.Kind.INSURER)
        .only("code", "name_zh", "name_en", "position")
        .order_by("position", "name_zh")
    )


def public_kinds():
    """Every kind of commitment, in stage order."""
    return CommitmentKind.objects.annotate(stage_order=stage_order("stage")).order_by(
        "stage_order", "position", "code"
    )


def company_for_public(code):
    """The insurer whose page is at ``code``; 404 for any other organisation."""
    return get_object_or_404(Organisation, code=code, kind=Organisation.Kind.INSURER)


@dataclass
class StageGroup:
    stage: str
    label: str
    commitments: list


def company_commitments_by_stage(user, company):
    """(``company``'s current commitments as StageGroups in stage order, empty stages left
    out; their campaign year, None when there are none)."""
    groups = {stage: StageGroup(stage, label, []) for stage, label in Stage.choices}
    year = None
    for commitment in current_commitments(user).select_related("kind").filter(company=company):
        groups[commitment.kind.stage].commitments.append(commitment)
        year = commitment.year
    return [group for group in groups.values() if group.commitments], year


@dataclass
class KindRanking:
    """The chosen companies on one kind, strongest promise first (ranking.Ranked rows), the
    companies without one last."""

    kind: CommitmentKind
    rows: list

    @property
    def has_commitments(self):
        return any(row.commitment for row in self.rows)

    @property
    def has_limit(self):
        return self.kind.limit != CommitmentKind.Limit.NONE

    @property
    def has_mixed(self):
        return any(row.mixed for row in self.rows)

    @property
    def is_measured(self):
        """Whether complaint records measure how often companies keep this kind of promise."""
        return self.kind.code in timelines.measured_kind_codes()


def comparison(user, *, companies, kinds):
    """(KindRanking per kind of ``kinds``, the year whose holiday calendar counted working
    days; None without any commitment). ``companies`` empty: every company with a current
    commitment of the kind; ``kinds`` empty: nothing to compare."""
    if not kinds:
        return [], None
    commitments = current_commitments(user).filter(kind__in=kinds)
    if companies:
        commitments = commitments.filter(company__in=companies)
    by_kind = {kind.pk: [] for kind in kinds}
    for commitment in commitments:
        by_kind[commitment.kind_id].append(commitment)
    rows = [commitment for kind_rows in by_kind.values() for commitment in kind_rows]
    year = max((commitment.year for commitment in rows), default=None)
    spans = Spans.load(year) if year else None
    rankings = []
    for kind in kinds:
        kind_rows = by_kind[kind.pk]
        if kind.limit == CommitmentKind.Limit.DURATION:
            ranked = rank_durations([c for c in kind_rows if c.duration], spans)
            ranked += rank_published([c for c in kind_rows if not c.duration], place=None)
        elif kind.limit == CommitmentKind.Limit.TIME_WINDOW:
            ranked = rank_windows([c for c in kind_rows if c.window])
            ranked += rank_published([c for c in kind_rows if not c.window], place=None)
        else:
            ranked = rank_published(kind_rows)
        rankings.append(KindRanking(kind, ranked + _without(companies, kind_rows)))
    _add_promises_kept(rankings)
    return rankings, year


def _add_promises_kept(rankings):
    """Each ranked commitment's company's latest record of promises kept on the kind, of the
    commitment's year or an earlier one (complaints of a campaign year are measured as they
    are settled, so the newest commitments often have none yet); one query."""
    rows = [
        row for ranking in rankings if ranking.is_measured for row in ranking.rows if row.commitment
    ]
    if not rows:
        return
    records = PromiseRecord.objects.filter(
        company__in={row.company.pk for row in rows},
        kind__in={row.commitment.kind_id for row in rows},
        year__lte=max(row.commitment.year for row in rows),
    ).order_by("-year")
    by_key = {}
    for record in records:
        by_key.setdefault((record.company_id, record.kind_id), []).append(record)
    for row in rows:
        candidates = by_key.get((row.company.pk, row.commitment.kind_id), ())
        row.promises = next((r for r in candidates if r.year <= row.commitment.year), None)


def _without(companies, commitments):
    having = {commitment.company_id for commitment in commitments}
    return [Ranked(company=company) for company in companies if company.pk not in having]
