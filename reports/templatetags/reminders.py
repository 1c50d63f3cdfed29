"""Reminders on pages of other apps: head office's review table (campaign) shows which units
still owe their report and when they were last reminded, without campaign importing reports."""

from django import template

from ..selectors import reminders as selectors

register = template.Library()


@register.simple_tag
def units_owing_on_page(campaign, units):
    """{unit id: time of its latest reminder, or None} of the ``units`` (a page of the review
    table) that still owe ``campaign``'s report: one query for the page."""
    return selectors.owing_on_page(campaign, units)


@register.filter
def last_reminded(owing, unit):
    """The time ``unit`` was last reminded, from units_owing_on_page's answer."""
    return owing.get(unit.pk) if owing else None


@register.filter
def days_overdue(days_left):
    """How many days past the deadline a reminder's ``days_left`` (negative) is."""
    return -days_left
