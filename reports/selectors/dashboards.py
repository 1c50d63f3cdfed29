"""What the dashboards show: head office's national view and a unit's own figures beside the
national average of its kind. Every figure comes from ``figures.national_figures``, the
selector the workbook and the summary are built from, so a dashboard never disagrees with
them; each function makes a fixed number of queries, whatever the number of units."""

import datetime
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db.models import Count, Exists, OuterRef
from django.db.models.functions import TruncDate
from django.utils import timezone

from campaign.models import (
    ExpectedUnit,
    IndicatorValue,
    Organisation,
    ReportTransition,
    StatisticsReport,
)
from commitments.selectors.statistics import companies_without_commitments
from complaints.selectors.statistics import dashboard_complaints
from portal import access

from .figures import COUNTED, KINDS, incidents, national_figures

# Submissions are counted by the day they were made in Beijing, as the deadline is.
BEIJING = ZoneInfo("Asia/Shanghai")
# The indicators a unit's chart compares with the national average: the five kinds of
# 进学校/进农村/进社区/进机关/进企业 events, figures of one size that read well side by side.
KEY_INDICATORS = ("B01", "B03", "B05", "B07", "B09")
KEY_INDICATOR_COUNT = len(KEY_INDICATORS)
# How long after the deadline the progress chart follows a campaign still open.
LATE_DAYS_SHOWN = 60


@dataclass
class Comparison:
    """One kind's total of an indicator this year beside the previous campaign's (as the
    workbook's national sheet has it); ``fills`` False: the kind does not fill it."""

    kind: str
    fills: bool
    this_year: object = None
    last_year: object = None

    @property
    def change(self):
        if not self.fills or self.last_year is None:
            return None
        return self.this_year - self.last_year

    @property
    def percent(self):
        """The change as a percentage of last year's total; None when that was 0 or absent."""
        if self.change is None or not self.last_year:
            return None
        return self.change / self.last_year * 100


@dataclass
class Progress:
    """Units that had submitted (at least once) by the end of each Beijing day."""

    days: list  # dates, from the period's start (or the first submission) to the end
    submitted: list  # the cumulative count by each day; None for days still to come
    expected: int
    deadline: datetime.date
    by_deadline: int  # units that had submitted by the end of the deadline day
    so_far: int


@dataclass
class ComplaintsPanel:
    """The 12378 complaints received in the campaign's year that the viewer may see: head
    office all of them, a bureau its region's, a company those forwarded to it."""

    year: int
    statistics: object  # complaints.selectors.statistics.DashboardComplaints
    show_regions: bool  # head office: a row per bureau

    @property
    def counts(self):
        return self.statistics.counts

    @property
    def open_incidents(self):
        return self.statistics.open_incidents

    @property
    def computed_at(self):
        """When the figures were counted (complaints.services.tallies); None: not yet."""
        return self.statistics.computed_at

    @property
    def regions(self):
        """[(bureau, received, overdue)] in CIRC's order."""
        received = {}
        for (bureau, _channel), count in self.counts.by_bureau_channel.items():
            received[bureau] = received.get(bureau, 0) + count
        return [
            (bureau, received.get(bureau.pk, 0), self.counts.overdue_by_bureau[bureau.pk])
            for bureau in self.statistics.bureaus
        ]


# The kinds of organisation whose dashboard shows complaints: head office's, a bureau's (its
# region's) and a company's (those forwarded to it).
COMPLAINT_KINDS = (Organisation.Kind.BUREAU, Organisation.Kind.INSURER)


def complaints_panel(user, campaign):
    """What ``user``'s dashboard shows of the year's complaints, as last counted: a fixed
    number of queries (the tally, the bureaus, the categories; and head office's open
    incidents)."""
    head_office = access.is_head_office(user)
    return ComplaintsPanel(
        year=campaign.year,
        statistics=dashboard_complaints(user, campaign.year, open_incidents=head_office),
        show_regions=head_office,
    )


@dataclass
class HeadOfficeDashboard:
    figures: object  # the NationalFigures every number here comes from
    kinds: list  # KindFigures, in the notice's order
    progress: Progress
    sections: list  # [{"section", "rows": [{"indicator", "comparisons": [Comparison]}]}]
    warned_units: list  # counted Units with warnings or an alert
    incidents: list  # [{"unit", "indicator", "value"}]
    # The insurers the campaign expects that have published no service commitment for it.
    unpublished_companies: list = field(default_factory=list)
    complaints: ComplaintsPanel | None = None  # with a viewer only

    @property
    def expected_insurers(self):
        return self.figures.kinds[Organisation.Kind.INSURER].expected

    @property
    def expected(self):
        return sum(kind.expected for kind in self.kinds)

    @property
    def column_count(self):
        """The national totals table's columns: code, name, unit, then four per kind."""
        return 3 + 4 * len(self.kinds)

    @property
    def counted(self):
        return sum(kind.counted for kind in self.kinds)


@dataclass
class UnitDashboard:
    organisation: object
    is_expected: bool
    report: object = None  # the unit's StatisticsReport, None while not started
    kind: object = None  # the KindFigures of the unit's kind
    # [{"section", "rows": [{"indicator", "own", "average"}]}], the indicators its kind fills
    sections: list = field(default_factory=list)
    key_rows: list = field(default_factory=list)  # the rows of KEY_INDICATORS
    average_withheld: bool = False  # one other unit counts: its figures would show
    complaints: ComplaintsPanel | None = None  # a bureau's and a company's

    @property
    def is_counted(self):
        return self.report is not None and self.report.status in COUNTED


def head_office_dashboard(campaign, *, viewer=None):
    """Completeness by kind, submissions day by day, the national totals per section beside
    the previous campaign's, and the units to look at, with ``viewer`` the year's complaints
    too: a fixed number of queries."""
    figures = national_figures(campaign)
    kinds = [figures.kinds[kind] for kind in KINDS]
    # incidents() names each unit in Chinese: its Unit (code, name in the reader's
    # language) is found among the expected units, where every counted report's unit is.
    units_by_name = {unit.name_zh: unit for unit in figures.units}
    indicators_by_code = {indicator.code: indicator for indicator in figures.indicators}
    return HeadOfficeDashboard(
        figures=figures,
        kinds=kinds,
        progress=submission_progress(campaign, expected=sum(kind.expected for kind in kinds)),
        sections=_sections(
            figures.indicators,
            lambda indicator: {"comparisons": [_comparison(kind, indicator) for kind in kinds]},
        ),
        warned_units=[
            unit
            for unit in figures.units
            if unit.is_counted and (unit.warning_count or unit.has_alert)
        ],
        incidents=[
            {
                "unit": units_by_name.get(name_zh),
                "name_zh": name_zh,
                "indicator": indicators_by_code.get(code),
                "value": value,
            }
            for name_zh, code, _indicator_name, value in incidents(campaign)
        ],
        unpublished_companies=list(companies_without_commitments(campaign)),
        complaints=complaints_panel(viewer, campaign) if viewer is not None else None,
    )


def _comparison(kind, indicator):
    if indicator.code not in kind.totals:
        return Comparison(kind=kind.kind, fills=False)
    return Comparison(
        kind=kind.kind,
        fills=True,
        this_year=kind.totals[indicator.code],
        last_year=kind.previous_totals.get(indicator.code),
    )


def _sections(indicators, row):
    """The indicators grouped by section, in table order, each row ``row(indicator)``."""
    sections = []
    for indicator in indicators:
        if not sections or sections[-1]["section"].pk != indicator.section_id:
            sections.append({"section": indicator.section, "rows": []})
        sections[-1]["rows"].append({"indicator": indicator, **row(indicator)})
    return sections


def submission_progress(campaign, *, expected):
    """How many expected units had submitted by each day: one query, grouped by the
    Beijing date of each report's first submission."""
    submit = ReportTransition.Action.SUBMIT
    earlier = ReportTransition.objects.filter(
        report_id=OuterRef("report_id"), action=submit, at__lt=OuterRef("at")
    )
    is_expected = ExpectedUnit.objects.filter(
        campaign_id=campaign.pk, organisation_id=OuterRef("report__organisation_id")
    )
    rows = (
        ReportTransition.objects.filter(report__campaign=campaign, action=submit)
        .filter(Exists(is_expected))
        .exclude(Exists(earlier))
        .annotate(day=TruncDate("at", tzinfo=BEIJING))
        .values("day")
        .annotate(units=Count("report_id", distinct=True))
        .order_by("day")
    )
    per_day = {row["day"]: row["units"] for row in rows}
    today = timezone.localdate(timezone=BEIJING)
    start = min([campaign.period_start, *per_day])
    end = max([campaign.deadline, *per_day])
    if campaign.is_open and today > end:
        # Late reports are still coming in: up to today, within LATE_DAYS_SHOWN of the deadline.
        end = max(end, min(today, campaign.deadline + datetime.timedelta(days=LATE_DAYS_SHOWN)))
    days, submitted, running = [], [], 0
    by_deadline = 0
    for offset in range((end - start).days + 1):
        day = start + datetime.timedelta(days=offset)
        running += per_day.get(day, 0)
        days.append(day)
        submitted.append(running if day <= today else None)
        if day <= campaign.deadline:
            by_deadline = running
    return Progress(
        days=days,
        submitted=submitted,
        expected=expected,
        deadline=campaign.deadline,
        by_deadline=by_deadline,
        so_far=running,
    )


def unit_dashboard(user, campaign):
    """The user's unit's figures in ``campaign`` beside the national average of its kind
    (total of the counted reports of that kind over the number of them). Its own values
    are the stored ones, whatever its report's state; no other unit is named, nor are the
    figures of a single other unit given away as an average."""
    organisation = user.organisation
    complaints = complaints_panel(user, campaign) if organisation.kind in COMPLAINT_KINDS else None
    if not campaign.expects(organisation.pk):
        return UnitDashboard(organisation=organisation, is_expected=False, complaints=complaints)
    figures = national_figures(campaign)
    kind = figures.kinds[organisation.kind]
    report = StatisticsReport.objects.filter(campaign=campaign, organisation=organisation).first()
    own = (
        dict(IndicatorValue.objects.filter(report=report).values_list("indicator__code", "value"))
        if report
        else {}
    )
    # With exactly one other unit counted, the average would give away that unit's figures
    # (it is its figures, or the unit's own subtracted from twice the average): withheld.
    others = kind.counted - (1 if report is not None and report.status in COUNTED else 0)
    withheld = others == 1
    sections = _sections(
        kind.indicators,
        lambda indicator: {
            "own": own.get(indicator.code),
            "average": None if withheld else kind.average(indicator.code),
        },
    )
    rows = {row["indicator"].code: row for section in sections for row in section["rows"]}
    key_rows = [rows[code] for code in KEY_INDICATORS if code in rows]
    if not key_rows:
        key_rows = list(rows.values())[:KEY_INDICATOR_COUNT]
    return UnitDashboard(
        organisation=organisation,
        is_expected=True,
        report=report,
        kind=kind,
        sections=sections,
        key_rows=key_rows,
        average_withheld=withheld,
        complaints=complaints,
    )
