"""How a complaint's row shows its complainant (masked) and its deadline (days left)."""

from django import template
from django.utils import timezone

from .. import personal_data
from ..selectors.lists import NEARLY_DUE_DAYS

register = template.Library()


@register.filter
def masked_phone(phone):
    """{{ complaint.complainant_phone|masked_phone }}: 138****1234."""
    return personal_data.mask_phone(phone)


@register.filter
def masked_name(name):
    """{{ complaint.complainant_name|masked_name }}: 王**."""
    return personal_data.mask_name(name)


@register.inclusion_tag("complaints/includes/days_left.html")
def days_left(complaint, today=None):
    """{% days_left complaint %}: the calendar days to the current step's deadline (negative
    once it has passed), red when overdue, amber when nearly due; why the clock stands
    still while it does."""
    today = today or timezone.localdate()
    days = (complaint.due_on - today).days if complaint.due_on else None
    return {
        "complaint": complaint,
        "days": days,
        "overdue_by": -days if days is not None and days < 0 else None,
        "nearly_due": days is not None and 0 <= days <= NEARLY_DUE_DAYS,
    }
