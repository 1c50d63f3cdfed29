"""The activity log's pages: a campaign's events as the user may see them (head office every
unit's, a unit its own), filtered; one event with its photos and history; a month's
calendar counted by day in the database."""

import calendar
import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum
from django.shortcuts import get_object_or_404
from django.utils import formats

from portal import access

from ..models import Activity, ActivityPhoto, Organisation

# The no-sale confirmation is not among them: the model's check keeps it true.
HISTORY_FIELDS = (
    "held_on",
    "kind",
    "place",
    "people_reached",
    "brochures",
    "display_boards",
    "description",
)


def _scoped(user, campaign):
    return access.scoped_to(user, Activity.objects.filter(campaign=campaign))


def _filtered(activities, *, kind="", date_from=None, date_to=None, query="", unit=None):
    if kind:
        activities = activities.filter(kind=kind)
    if date_from:
        activities = activities.filter(held_on__gte=date_from)
    if date_to:
        activities = activities.filter(held_on__lte=date_to)
    if query:
        activities = activities.filter(Q(place__icontains=query) | Q(description__icontains=query))
    if unit is not None:
        activities = activities.filter(organisation=unit)
    return activities


def activities_visible_to(user, campaign):
    """``campaign``'s events that ``user`` may see, with what a list shows of each."""
    return (
        _scoped(user, campaign)
        .select_related("campaign", "organisation", "recorded_by")
        .annotate(photo_count=Count("photos"))
        # A query that counts drops the model's ordering: the list's is said again.
        .order_by("-held_on", "-id")
    )


def activity_list(user, campaign, **filters):
    """The events ``user`` sees, newest first, narrowed by the list's filters (``kind``,
    ``date_from``, ``date_to``, ``query`` in place and description, ``unit``)."""
    return _filtered(activities_visible_to(user, campaign), **filters)


def units_with_activities(campaign):
    """The units head office may filter the national log by: those that logged an event."""
    return Organisation.objects.filter(activities__campaign=campaign).distinct()


def activity_for_user(user, campaign, pk):
    """One event of ``campaign``, or 404 for a user who may not see it."""
    return get_object_or_404(activities_visible_to(user, campaign), pk=pk)


def photo_for_user(user, pk):
    """One event's photo, or 404 for a user who may not see the event."""
    return get_object_or_404(
        access.scoped_to(
            user,
            ActivityPhoto.objects.select_related("activity__campaign"),
            owner="activity__organisation",
        ),
        pk=pk,
    )


def activity_history(activity):
    """The event's history, newest first: one dict per entry with ``at``, ``by`` (a user or
    None), ``created`` and ``changes`` ([(label, old, new)]); photos' history is their own."""
    records = list(activity.history.select_related("history_user").order_by("history_date"))

    def shown(name, record):
        if name == "kind":
            return Activity.Kind(record.kind).label if record.kind in Activity.Kind else record.kind
        if name == "held_on":
            return formats.date_format(record.held_on, "DATE_FORMAT")
        return getattr(record, name)

    entries, previous = [], None
    for record in records:
        changes = []
        if previous is not None:
            for name in HISTORY_FIELDS:
                old, new = shown(name, previous), shown(name, record)
                if old != new:
                    changes.append((Activity._meta.get_field(name).verbose_name, old, new))
        entries.append(
            {
                "at": record.history_date,
                "by": record.history_user,
                "created": record.history_type == "+",
                "changes": changes,
            }
        )
        previous = record
    return entries[::-1]


@dataclass
class CalendarDay:
    date: datetime.date
    in_month: bool
    events: int = 0
    people: int = 0
    # (kind label, count), in the order of Activity.Kind.
    kinds: list = field(default_factory=list)


def month_calendar(user, campaign, month, *, unit=None):
    """The weeks (Monday first) of ``month`` (its first day), each a list of seven
    CalendarDay with the events ``user`` sees on that day counted by kind in the database;
    ``unit`` narrows head office's national calendar to one unit."""
    first = month
    last = month.replace(day=calendar.monthrange(month.year, month.month)[1])
    counted = (
        _filtered(_scoped(user, campaign), date_from=first, date_to=last, unit=unit)
        .order_by()
        .values("held_on", "kind")
        .annotate(events=Count("id"), people=Sum("people_reached"))
    )
    order = {kind: index for index, kind in enumerate(Activity.Kind.values)}
    by_day = {}
    for row in counted:
        by_day.setdefault(row["held_on"], []).append(row)
    weeks = []
    for week in calendar.Calendar().monthdatescalendar(month.year, month.month):
        days = []
        for date in week:
            rows = sorted(by_day.get(date, []), key=lambda row: order[row["kind"]])
            days.append(
                CalendarDay(
                    date=date,
                    in_month=date.month == month.month,
                    events=sum(row["events"] for row in rows),
                    people=sum(row["people"] for row in rows),
                    kinds=[(Activity.Kind(row["kind"]).label, row["events"]) for row in rows],
                )
            )
        weeks.append(days)
    return weeks
