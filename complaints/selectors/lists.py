"""The complaint list as staff work down it, and an operator's own latest entries.

Built on complaints_visible_to, so each row is one the user may see, with what a row shows
fetched in the same query. The filters narrow by the columns of Complaint's indexes (the
scoping's bureau or company, then status and due date, or the received time), and the
pages are read without counting the whole list.
"""

import datetime
import re
from dataclasses import dataclass

from django.db.models import F
from django.utils import timezone

from campaign.models import Organisation
from portal import access

from ..models import Complaint, parse_reference
from .complaints import complaints_visible_to

PAGE_SIZE = 50
RECENT_ENTRIES = 20
MAX_PAGE_NUMBER = 10**9
# "Nearly due": the deadline is today or within this many calendar days.
NEARLY_DUE_DAYS = 3
OPEN_STATUSES = [status for status in Complaint.Status.values if status not in Complaint.FINISHED]
# A reference's row number alone (12345), with or without its leading zeros.
_ROW_NUMBER = re.compile(r"^\s*(\d{1,12})\s*$")


def complaint_list(
    user,
    *,
    today,
    status="open",
    deadline="",
    channel="",
    category=None,
    company=None,
    bureau=None,
    received_from=None,
    received_to=None,
    reference="",
):
    """The complaints ``user`` may see that pass the filters: the overdue first, then the
    nearest deadlines, then (finished ones, which have none) the newest.

    ``status`` is "open" (every unfinished state), "all" or one status; ``deadline`` is
    "overdue" (due before ``today``) or "nearly_due" (due within NEARLY_DUE_DAYS);
    ``received_from``/``received_to`` are days, both included; ``reference`` is a whole
    reference or its row number.
    """
    complaints = complaints_visible_to(user).select_related("incident")
    if status == "open":
        complaints = complaints.filter(status__in=OPEN_STATUSES)
    elif status and status != "all":
        complaints = complaints.filter(status=status)
    if deadline == "overdue":
        complaints = complaints.filter(status__in=OPEN_STATUSES, due_on__lt=today)
    elif deadline == "nearly_due":
        complaints = complaints.filter(
            status__in=OPEN_STATUSES,
            due_on__gte=today,
            due_on__lte=today + datetime.timedelta(days=NEARLY_DUE_DAYS),
        )
    if channel:
        complaints = complaints.filter(channel=channel)
    if category is not None:
        complaints = complaints.filter(category=category)
    if company is not None:
        complaints = complaints.filter(company=company)
    if bureau is not None:
        complaints = complaints.filter(bureau=bureau)
    if received_from is not None:
        complaints = complaints.filter(received_at__gte=_start_of(received_from))
    if received_to is not None:
        complaints = complaints.filter(
            received_at__lt=_start_of(received_to + datetime.timedelta(days=1))
        )
    if reference:
        complaints = _with_reference(complaints, reference)
    return complaints.order_by(F("due_on").asc(nulls_last=True), "-received_at", "-id")


def _start_of(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _with_reference(complaints, text):
    parsed = parse_reference(text)
    if parsed is not None:
        year, pk = parsed
        return complaints.filter(year=year, pk=pk)
    row_number = _ROW_NUMBER.match(text)
    if row_number is not None:
        return complaints.filter(pk=int(row_number[1]))
    return complaints.none()


def filter_choices_for(user):
    """(companies, bureaus) the user may filter the list by; None where the choice would
    be pointless: a company sees only its own complaints, only head office sees every
    bureau's."""
    companies = bureaus = None
    if access.organisation_kind(user) != Organisation.Kind.INSURER:
        companies = Organisation.objects.filter(kind=Organisation.Kind.INSURER).order_by(
            "position", "name_zh"
        )
    if access.is_head_office(user):
        bureaus = Organisation.objects.filter(kind=Organisation.Kind.BUREAU).order_by(
            "position", "code"
        )
    return companies, bureaus


@dataclass(frozen=True)
class Page:
    """One page of a list, read without counting the list: a row more than the page holds
    tells whether there is a next one. Answers what templates/includes/pager.html asks."""

    object_list: list
    number: int
    size: int
    has_next: bool

    @property
    def has_previous(self):
        return self.number > 1

    @property
    def has_other_pages(self):
        return self.has_previous or self.has_next

    @property
    def previous_page_number(self):
        return self.number - 1

    @property
    def next_page_number(self):
        return self.number + 1

    @property
    def start_index(self):
        return (self.number - 1) * self.size + 1 if self.object_list else 0

    @property
    def end_index(self):
        return (self.number - 1) * self.size + len(self.object_list)


def page_of(queryset, number, size=PAGE_SIZE):
    """Page ``number`` (counted from 1; anything else is the first) of ``queryset``."""
    try:
        number = max(1, int(number))
    except (TypeError, ValueError):
        number = 1
    # Past any list, and within what the database takes as an OFFSET (a 64-bit integer).
    number = min(number, MAX_PAGE_NUMBER)
    offset = (number - 1) * size
    rows = list(queryset[offset : offset + size + 1])
    return Page(object_list=rows[:size], number=number, size=size, has_next=len(rows) > size)


def recent_entries_of(user, limit=RECENT_ENTRIES):
    """The complaints ``user`` registered last, newest first: an operator's own record of
    the calls taken."""
    return (
        complaints_visible_to(user)
        .filter(registered_by=user)
        .order_by("-created_at", "-id")[:limit]
    )
