"""Complaints as the pages, the API and the reports read them, already scoped to the user."""

from django.db.models import Q
from django.http import Http404

from portal import access

from ..models import Complaint, ComplaintTransition, parse_reference


def complaints_visible_to(user):
    """The complaints ``user`` may see, with what a list row shows fetched alongside."""
    return access.complaints_scoped_to(
        user,
        Complaint.objects.select_related("company", "bureau", "region", "category", "product_line"),
    )


def complaint_for(user, reference):
    """The complaint with ``reference`` if ``user`` may see it; 404 otherwise, so another
    bureau's complaint is not even confirmed to exist."""
    parsed = parse_reference(reference)
    if parsed is None:
        raise Http404
    year, pk = parsed
    # With its claim timeline (if any), which the complaint's page shows.
    complaint = (
        complaints_visible_to(user)
        .select_related("claim_timeline__recorded_by")
        .filter(pk=pk, year=year)
        .first()
    )
    if complaint is None:
        raise Http404
    return complaint


def history_of(user, complaint):
    """Every step of the complaint and of the complaints merged into it (and into those) that
    ``user`` may see, in time order: a merge can join another company's complaint, whose
    steps are not that company's to read."""
    merged = complaints_visible_to(user).filter(pk__in=merged_ids(complaint)).values("pk")
    return (
        ComplaintTransition.objects.filter(Q(complaint=complaint) | Q(complaint__in=merged))
        .select_related("actor", "complaint")
        .order_by("at", "id")
    )


def merged_ids(complaint):
    """The complaints merged into ``complaint``, directly or through one merged into it: a
    query per level (a complaint merged into another is closed and takes no merge itself,
    so the levels are as many as the merges made one after another)."""
    found, level = [], [complaint.pk]
    while level:
        level = list(Complaint.objects.filter(merged_into__in=level).values_list("pk", flat=True))
        found += level
    return found


def public_replies(complaint):
    """What the complainant reads on the tracking page: the public steps, oldest first."""
    return complaint.transitions.filter(is_public=True).order_by("at", "id")
