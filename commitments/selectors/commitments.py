"""What the commitment pages read, already narrowed to what the user may see (portal/access.py),
with the related rows fetched in a fixed number of queries."""

from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404

from campaign.models import Organisation
from portal import access

from ..models import CommitmentRemark, ServiceCommitment, Stage

Status = ServiceCommitment.Status


def _with_details(commitments):
    return commitments.select_related("company", "campaign", "kind", "product_line", "region")


def _open_remarks():
    """Comments and the correction flags the company has not yet answered with a new version."""
    return Prefetch(
        "remarks",
        queryset=CommitmentRemark.objects.filter(resolved_at__isnull=True).select_related(
            "organisation"
        ),
        to_attr="open_remarks",
    )


def commitment_for(user, pk):
    """One version, or 404 when ``user`` may not read it (another company's draft)."""
    commitments = access.commitments_scoped_to(user, ServiceCommitment.objects.all())
    return get_object_or_404(_with_details(commitments), pk=pk)


def own_commitments_by_stage(user, campaign):
    """``user``'s company's commitments in ``campaign`` that are not superseded, as
    [(stage, [commitment, …]), …] in the notice's order of stages (销售, 售后, 理赔)."""
    commitments = (
        _with_details(ServiceCommitment.objects.filter(company_id=user.organisation_id))
        .filter(campaign=campaign)
        .exclude(status=Status.SUPERSEDED)
        .prefetch_related(_open_remarks())
        .order_by("kind__position", "kind__code", "version", "pk")
    )
    by_stage = {stage: [] for stage in Stage}
    for commitment in commitments:
        by_stage[Stage(commitment.kind.stage)].append(commitment)
    return list(by_stage.items())


def commitments_for_review(user, campaign, *, company=None, search=""):
    """The published commitments of ``campaign`` that ``user`` reviews: a bureau those it may
    comment on, head office every one; each with its open remarks (``open_remarks``)."""
    commitments = ServiceCommitment.objects.filter(campaign=campaign, status=Status.PUBLISHED)
    if not access.is_head_office(user):
        commitments = access.commitments_commented_on_by(user, commitments)
    if company is not None:
        commitments = commitments.filter(company=company)
    if search:
        commitments = commitments.filter(
            Q(company__name_zh__icontains=search)
            | Q(company__name_en__icontains=search)
            | Q(company__code__icontains=search)
        )
    return (
        _with_details(commitments)
        .prefetch_related(_open_remarks())
        .order_by("company__position", "company__code", "kind__stage", "kind__position", "pk")
    )


def companies_with_commitments(campaign):
    """The companies with a published commitment in ``campaign``: head office's filter."""
    return Organisation.objects.filter(
        kind=Organisation.Kind.INSURER,
        service_commitments__campaign=campaign,
        service_commitments__status=Status.PUBLISHED,
    ).distinct()


def versions_of(user, commitment):
    """Every version of ``commitment``'s series that ``user`` may read, the first first.
    Amending keeps the company, the year and the kind, so the series is among those rows."""
    candidates = access.commitments_scoped_to(
        user,
        ServiceCommitment.objects.filter(
            company_id=commitment.company_id,
            campaign_id=commitment.campaign_id,
            kind_id=commitment.kind_id,
        ),
    ).only("pk", "version", "status", "previous_version_id", "published_at", "ended_at")
    by_pk = {version.pk: version for version in candidates}
    next_of = {version.previous_version_id: version for version in by_pk.values()}
    first = commitment
    while first.previous_version_id in by_pk:
        first = by_pk[first.previous_version_id]
    series = [by_pk.get(first.pk, first)]
    while series[-1].pk in next_of:
        series.append(next_of[series[-1].pk])
    return series


def commitment_history(commitment):
    """The steps taken on ``commitment`` and the remarks made on it (staff's to read)."""
    return {
        "steps": list(commitment.transitions.select_related("actor")),
        "remarks": list(commitment.remarks.select_related("author", "organisation")),
    }
