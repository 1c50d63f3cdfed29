"""A commitment's time limit and scope in words, as its pages show them."""

from django import template
from django.utils.translation import gettext as _

from ..promises import share_kept
from ..services.commitments import describe

register = template.Library()


@register.filter
def commitment_limit(commitment):
    """ "10日", "48小时", "09:00–20:00"; empty for a kind without a time limit."""
    if commitment.duration:
        return describe(commitment.duration)
    if commitment.window:
        start, end = commitment.window
        return f"{start:%H:%M}–{end:%H:%M}"
    return ""


@register.filter
def commitment_scope(commitment):
    """Where it applies: the region or nationwide, and the product line or every one."""
    region = commitment.region.name if commitment.region_id else _("Nationwide")
    line = commitment.product_line.name if commitment.product_line_id else _("every product line")
    return f"{region} · {line}"


@register.simple_tag
def promise_share(kept, measured):
    """ "91.7%（11/12）": the share rounded down to a tenth, so that a company that missed
    once never reads 100%; "–" when nothing was measured."""
    share = share_kept(kept, measured)
    if share is None:
        return "–"
    return _("%(percent)s%% (%(kept)s of %(measured)s)") % {
        "percent": f"{share * 100:g}",
        "kept": kept,
        "measured": measured,
    }
