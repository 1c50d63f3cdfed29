"""Complaints as the hotline's call-centre system reads them (complaints.api): each with its
public replies fetched alongside, and those changed since a time."""

from django.db.models import Prefetch, prefetch_related_objects

from ..models import ComplaintTransition
from .complaints import complaints_visible_to

# The steps the complainant reads, oldest first, as ``complaint.public_steps``.
PUBLIC_STEPS = Prefetch(
    "transitions",
    queryset=ComplaintTransition.objects.filter(is_public=True).order_by("at", "id"),
    to_attr="public_steps",
)


def complaints_changed_since(user, since=None):
    """The complaints ``user`` may see changed at or after ``since`` (all without it), with
    their public replies: two queries for any number of rows. The caller orders them."""
    complaints = complaints_visible_to(user).prefetch_related(PUBLIC_STEPS)
    if since is not None:
        complaints = complaints.filter(updated_at__gte=since)
    return complaints


def with_public_steps(complaint):
    """``complaint`` with its public replies fetched (one query), as a list row has them."""
    prefetch_related_objects([complaint], PUBLIC_STEPS)
    return complaint
