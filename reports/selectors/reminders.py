"""Who still owes a campaign's report, and the log of the reminders sent about it."""

from django.db.models import F, FilteredRelation, Max, Q

from campaign.models import Organisation
from campaign.selectors.organisations import reporting_kind_order

from ..models import Reminder
from .figures import COUNTED


def units_owing(campaign):
    """The units ``campaign`` expects whose report does not count yet: not started, a draft,
        returned or reopened (the figures' rule, ``COUNTED``), each with ``report_status`` (None
    when not started). A queryset, one query."""
    report = FilteredRelation(
        "statistics_reports", condition=Q(statistics_reports__campaign=campaign)
    )
    return (
        Organisation.objects.filter(expectations__campaign=campaign)
        .annotate(report=report)
        .filter(Q(report__status__isnull=True) | ~Q(report__status__in=COUNTED))
        .annotate(report_status=F("report__status"))
        .order_by(reporting_kind_order(), "position", "code")
    )


def units_to_remind(campaign, day):
    """The units owing ``campaign``'s report that have no scheduled reminder for ``day`` yet:
    what beat still has to send today, in one query. (A beat running at the same moment may
    send one first: the constraint on Reminder decides, not this list.)"""
    reminded = Reminder.objects.filter(
        campaign=campaign, kind=Reminder.Kind.SCHEDULED, day=day
    ).values("organisation_id")
    return units_owing(campaign).exclude(pk__in=reminded)


def owing_on_page(campaign, units):
    """For the review table: of ``units`` (one page of it), those still owing, each with the
    time of the latest reminder sent to it (None for none) — one query for the whole page."""
    return dict(
        units_owing(campaign)
        .filter(pk__in=[unit.pk for unit in units])
        .annotate(last_reminded=Max("reminders__sent_at", filter=Q(reminders__campaign=campaign)))
        .values_list("pk", "last_reminded")
        .order_by()
    )


def reminders_of(campaign, *, kind="", organisation_code=""):
    """The log of ``campaign``'s reminders, newest first, with unit and sender joined."""
    reminders = Reminder.objects.filter(campaign=campaign).select_related("organisation", "sent_by")
    if kind:
        reminders = reminders.filter(kind=kind)
    if organisation_code:
        reminders = reminders.filter(organisation__code=organisation_code)
    return reminders.order_by("-sent_at", "-id")


def units_reminded(campaign):
    """The units with at least one reminder in ``campaign``: the log's unit filter."""
    return (
        Organisation.objects.filter(reminders__campaign=campaign)
        .distinct()
        .order_by(reporting_kind_order(), "position", "code")
    )
