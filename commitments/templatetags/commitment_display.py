"""How a commitment's time limit and scope read on a page."""

from django import template
from django.utils.translation import gettext as _

from ..services.commitments import describe

register = template.Library()


@register.filter
def commitment_limit(commitment):
    """ "5日", "9:00–20:00", or "—" for a kind without a time limit."""
    if commitment.duration:
        return describe(commitment.duration)
    if commitment.window:
        start, end = commitment.window
        return f"{start:%H:%M}–{end:%H:%M}"
    return "—"


@register.filter
def commitment_scope(commitment):
    """Where it applies: "车险 · 北京市", "Every product line · nationwide"."""
    product_line = commitment.product_line or _("Every product line")
    region = commitment.region or _("Nationwide")
    return f"{product_line} · {region}"
