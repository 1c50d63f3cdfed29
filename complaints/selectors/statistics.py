"""Complaint figures of a year, counted by the database: what the national workbook's
complaints sheets, the summary's incidents paragraph and the dashboards show.

A year's complaints are those received in it (Beijing time), selected by a range on
``received_at`` so that its index is used. Every count is a GROUP BY whose rows, few
whatever the number of complaints, are folded here: one pass over the complaints by
(bureau, channel, category, month, overdue) feeds four of the five sheets, a second by
(company, branch) the fifth, and a small one over the incidents their section.
``raw_queries`` gives the benchmark the same aggregates as plain SQL, to compare the job
with what the database alone needs.

The dashboards do not count on each request: they read the counts of ``dashboard_counts``,
stored ahead of time as ComplaintTally rows (complaints.services.tallies), one row a page.

The grouped rows are read with a plain cursor, not ``iterator()``: they are few (bounded by
the dimensions, not by the complaints), and a server-side cursor makes PostgreSQL plan for
the first rows fast (a sort instead of a hash aggregate), three times slower at 1,000,000.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field, fields

from django.db.models import BooleanField, Count, ExpressionWrapper, Q
from django.db.models.functions import ExtractMonth
from django.utils import timezone

from campaign.models import Organisation
from portal import access

from ..models import Category, Complaint, ComplaintTally, Incident

CHANNELS = list(Complaint.Channel)
MONTHS = list(range(1, 13))


def year_bounds(year):
    """[start, end) of ``year`` in the portal's time zone (Beijing), as aware datetimes."""
    start = timezone.make_aware(datetime.datetime(year, 1, 1))
    return start, timezone.make_aware(datetime.datetime(year + 1, 1, 1))


def received_in(complaints, year):
    start, end = year_bounds(year)
    return complaints.filter(received_at__gte=start, received_at__lt=end)


def overdue_now(today):
    """Open (not finished) with its current step's limit before ``today``."""
    return Q(due_on__lt=today) & ~Q(status__in=Complaint.FINISHED)


def grouped_counts(complaints, today, *, by=()):
    """(*by, bureau, channel, category, month, overdue, count): the complaints grouped by the
    database; at most 36 × 4 × 8 × 12 × 2 rows (times the values of ``by``) whatever the
    number of complaints."""
    return (
        complaints.annotate(
            month=ExtractMonth("received_at"),
            overdue=ExpressionWrapper(overdue_now(today), output_field=BooleanField()),
        )
        .values_list(*by, "bureau_id", "channel", "category_id", "month", "overdue")
        .annotate(count=Count("pk"))
        .order_by()
    )


def _company_pass(complaints):
    """(company, branch, count)."""
    return (
        complaints.values_list("company_id", "product_line__branch")
        .annotate(count=Count("pk"))
        .order_by()
    )


def _incident_pass(year):
    """(bureau, kind, incidents, open incidents) of the complaints received in ``year``."""
    start, end = year_bounds(year)
    return (
        Incident.objects.filter(complaint__received_at__gte=start, complaint__received_at__lt=end)
        .values_list("complaint__bureau_id", "kind")
        .annotate(count=Count("pk"), open=Count("pk", filter=Q(closed_at__isnull=True)))
        .order_by()
    )


def raw_queries(year, today):
    """[(sql, params)]: the aggregates ``national_statistics`` runs, as the SQL the database
    executes, for bench/ to time the database alone against the whole job."""
    complaints = received_in(Complaint.objects.all(), year)
    return [
        query.query.sql_with_params()
        for query in (
            grouped_counts(complaints, today),
            _company_pass(complaints),
            _incident_pass(year),
        )
    ]


@dataclass
class ComplaintCounts:
    """Counts keyed by tuples of dimensions, folded from the grouped rows."""

    received: int = 0
    overdue: int = 0
    by_bureau_channel: Counter = field(default_factory=Counter)  # (bureau id, channel)
    by_category_channel: Counter = field(default_factory=Counter)  # (category id, channel)
    by_month_channel: Counter = field(default_factory=Counter)  # (month, channel)
    by_month_category: Counter = field(default_factory=Counter)  # (month, category id)
    overdue_by_bureau: Counter = field(default_factory=Counter)  # bureau id

    def add(self, bureau, channel, category, month, overdue, count):
        self.received += count
        self.by_bureau_channel[bureau, channel] += count
        self.by_category_channel[category, channel] += count
        self.by_month_channel[month, channel] += count
        self.by_month_category[month, category] += count
        if overdue:
            self.overdue += count
            self.overdue_by_bureau[bureau] += count

    def as_json(self):
        """The counts as JSON: each Counter a list of [*key, count]."""
        data = {"received": self.received, "overdue": self.overdue}
        for each in fields(self):
            counter = getattr(self, each.name)
            if isinstance(counter, Counter):
                data[each.name] = [
                    [*(key if isinstance(key, tuple) else (key,)), n] for key, n in counter.items()
                ]
        return data

    @classmethod
    def from_json(cls, data):
        """The counts ``as_json`` stored; a counter added since they were stored reads empty
        until the next count."""
        counts = cls(received=data["received"], overdue=data["overdue"])
        for each in fields(cls):
            if each.name in ("received", "overdue"):
                continue
            getattr(counts, each.name).update(
                {
                    (tuple(row[:-1]) if len(row) > 2 else row[0]): row[-1]
                    for row in data.get(each.name, [])
                }
            )
        return counts


@dataclass
class NationalComplaintStatistics:
    """A year's complaints nationally, with the names the sheets need: a fixed number of
    queries (three aggregates, the organisations, the categories)."""

    year: int
    today: datetime.date
    counts: ComplaintCounts
    bureaus: list  # every bureau (and any other that handles complaints), in CIRC's order
    companies: list  # the companies complained about, in CIRC's order
    categories: list
    by_company_branch: Counter  # (company id, branch)
    incidents: Counter  # (bureau id, kind) → incidents of the year's complaints
    open_incidents: Counter  # (bureau id, kind) → of which still open

    def incidents_of_kind(self, kind):
        return sum(n for (_bureau, each), n in self.incidents.items() if each == kind)


def national_statistics(year, *, today=None):
    """Every complaint received in ``year``, counted by the database (see the module)."""
    today = today or timezone.localdate()
    complaints = received_in(Complaint.objects.all(), year)
    counts = ComplaintCounts()
    for row in grouped_counts(complaints, today):
        counts.add(*row)
    by_company_branch = Counter()
    for company, branch, count in _company_pass(complaints):
        by_company_branch[company, branch] += count
    incidents, open_incidents = Counter(), Counter()
    for bureau, kind, count, still_open in _incident_pass(year):
        incidents[bureau, kind] += count
        open_incidents[bureau, kind] += still_open
    handling = {bureau for bureau, _channel in counts.by_bureau_channel}
    handling |= {bureau for bureau, _kind in incidents}
    companies = {company for company, _branch in by_company_branch}
    organisations = list(
        Organisation.objects.filter(
            Q(kind=Organisation.Kind.BUREAU) | Q(pk__in=handling | companies)
        ).order_by("position", "code")
    )
    return NationalComplaintStatistics(
        year=year,
        today=today,
        counts=counts,
        bureaus=[
            o for o in organisations if o.pk in handling or o.kind == Organisation.Kind.BUREAU
        ],
        companies=[o for o in organisations if o.pk in companies],
        categories=list(Category.objects.order_by("position", "code")),
        by_company_branch=by_company_branch,
        incidents=incidents,
        open_incidents=open_incidents,
    )


def dashboard_counts(year, today):
    """{organisation id, or None for head office: ComplaintCounts} of the complaints received
    in ``year`` that each dashboard shows, as access.complaints_scoped_to scopes them: head
    office all, a bureau those routed to it, a company those forwarded to it. Two grouped
    passes whatever the number of complaints; overdue as of ``today``."""
    complaints = received_in(Complaint.objects.all(), year)
    national = ComplaintCounts()
    by_organisation = defaultdict(ComplaintCounts)
    for row in grouped_counts(complaints, today):
        national.add(*row)
        by_organisation[row[0]].add(*row)
    forwarded = complaints.filter(forwarded_at__isnull=False)
    for company, *row in grouped_counts(forwarded, today, by=("company_id",)):
        by_organisation[company].add(*row)
    return {None: national, **by_organisation}


@dataclass
class DashboardComplaints:
    """The complaints of a year that a user may see, counted for their dashboard as they
    stood at ``computed_at`` (None: not counted yet, and every count 0)."""

    counts: ComplaintCounts
    bureaus: list  # the bureaus among them, in CIRC's order
    categories: list
    open_incidents: list  # Incident rows, oldest first, with their complaints
    computed_at: datetime.datetime | None = None


def dashboard_complaints(user, year, *, open_incidents=False):
    """The complaints received in ``year`` that ``user`` may see, as their dashboard's
    ComplaintTally last counted them; with ``open_incidents``, the open incidents among those
    complaints too (few, read as they are now). A fixed number of queries whatever the rows:
    the tally, the bureaus, the categories (and the incidents)."""
    scope = None if access.is_head_office(user) else user.organisation_id
    # The user's own row, or, for an organisation with no complaints that year, head
    # office's row for the time of the count. The rows count by organisation: an account
    # of it with no complaint work (the hotline role, a deactivated unit) reads none.
    tallies = {
        tally.organisation_id: tally
        for tally in ComplaintTally.objects.filter(year=year).filter(
            Q(organisation__isnull=True) | Q(organisation_id=scope)
        )
    }
    tally = tallies.get(scope) if access.may(user, "view_dashboard") else None
    counts = ComplaintCounts.from_json(tally.counts) if tally else ComplaintCounts()
    computed = tally or tallies.get(None)
    incidents = []
    if open_incidents:
        incidents = list(
            Incident.objects.filter(
                closed_at__isnull=True,
                complaint__in=access.complaints_scoped_to(user, Complaint.objects.all()),
            )
            .select_related("complaint__bureau", "complaint__company")
            .order_by("opened_at", "pk")
        )
    bureaus = {bureau for bureau, _channel in counts.by_bureau_channel}
    return DashboardComplaints(
        counts=counts,
        bureaus=list(Organisation.objects.filter(pk__in=bureaus).order_by("position", "code")),
        categories=list(Category.objects.order_by("position", "code")),
        open_incidents=incidents,
        computed_at=computed.computed_at if computed else None,
    )
