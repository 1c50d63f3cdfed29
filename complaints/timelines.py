"""The complaints' timeline sources for the service commitments that complaint records can
measure (portal.timelines): a complaint's acceptance by the company it was forwarded to, and
the claim behind it decided and paid. Each yields the episodes of the complaints received in
a year (Beijing time), less those merged into another (the one they were merged into counts),
streamed from one query: no model instances, whatever the year's size."""

from portal import timelines
from portal.timelines import Episode

from .models import ClaimTimeline, Complaint
from .selectors.statistics import year_bounds

CHUNK = 2000


@timelines.register("complaint_acceptance")
def complaint_acceptances(year):
    """From forwarding to the company (forwarded_at) to its acceptance (company_accepted_at)."""
    start, end = year_bounds(year)
    rows = Complaint.objects.filter(
        received_at__gte=start,
        received_at__lt=end,
        forwarded_at__isnull=False,
        merged_into__isnull=True,
    ).values_list(
        "company_id", "product_line_id", "region_id", "forwarded_at", "company_accepted_at"
    )
    return _episodes(rows)


@timelines.register("liability_decision")
def liability_decisions(year):
    """From the complete claim documents (documents_complete_at) to the decision (decided_at)."""
    return _claim_episodes(year, "documents_complete_at", "decided_at")


@timelines.register("claim_payment")
def claim_payments(year):
    """From the agreement on the payment (agreed_at) to the payment (paid_at)."""
    return _claim_episodes(year, "agreed_at", "paid_at")


def _claim_episodes(year, started, done):
    start, end = year_bounds(year)
    rows = ClaimTimeline.objects.filter(
        complaint__received_at__gte=start,
        complaint__received_at__lt=end,
        complaint__merged_into__isnull=True,
        **{f"{started}__isnull": False},
    ).values_list(
        "complaint__company_id",
        "complaint__product_line_id",
        "complaint__region_id",
        started,
        done,
    )
    return _episodes(rows)


def _episodes(rows):
    for row in rows.order_by().iterator(chunk_size=CHUNK):
        yield Episode._make(row)
