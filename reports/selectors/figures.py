"""The national figures of a campaign: what the workbook, the summary and the dashboards
show, from one place, so they never disagree.

Which reports count: every submitted one (awaiting review or approved) of a unit the
campaign expects; drafts, returned and reopened reports count as missing. Every sum and
count is made by the database (GROUP BY and conditional aggregates); Python only arranges
the rows it gets back.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    FilteredRelation,
    Max,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)

from campaign.models import (
    Campaign,
    ExpectedUnit,
    Indicator,
    IndicatorValue,
    Organisation,
    StatisticsReport,
)
from campaign.selectors.campaigns import previous_campaign
from commitments.selectors.promises import measured_kinds
from commitments.selectors.statistics import commitment_statistics
from complaints.selectors.statistics import national_statistics

Status = StatisticsReport.Status
# A report counts once its unit has submitted it and head office has not handed it back.
COUNTED = (Status.SUBMITTED, Status.RESUBMITTED, Status.APPROVED)
KINDS = Organisation.REPORTING_KINDS
# The incidents the notice asks about (群体性事件, 群访, 其他突发事件).
INCIDENT_CODES = ("E10", "E11", "E12")


@dataclass(frozen=True)
class Unit:
    """A unit the campaign expects, with its report's state (``status`` None: not started)."""

    organisation_id: int
    code: str
    name_zh: str
    name_en: str
    kind: str
    status: str | None
    submitted_at: object
    is_late: bool
    filled_by: str
    contact_phone: str
    warning_count: int
    has_alert: bool

    @property
    def is_counted(self):
        return self.status in COUNTED

    @property
    def name(self):
        return Organisation(name_zh=self.name_zh, name_en=self.name_en).name


@dataclass
class KindFigures:
    """One kind of unit (bureaus, insurers or the association): never summed with another."""

    kind: str
    indicators: list  # the indicators this kind fills, in table order
    expected: int = 0
    counted: int = 0
    on_time: int = 0
    late: int = 0
    awaiting: int = 0
    approved: int = 0
    totals: dict = field(default_factory=dict)  # code → sum over counted reports
    reported: dict = field(default_factory=dict)  # code → counted reports with a value
    previous_totals: dict = field(default_factory=dict)  # code → the previous campaign's sum
    previous_counted: int = 0

    @property
    def missing(self):
        return self.expected - self.counted

    @property
    def label(self):
        return Organisation.Kind(self.kind).label

    def average(self, code):
        """The total per counted unit, or None while no unit of the kind counts."""
        total = self.totals.get(code)
        if total is None or not self.counted:
            return None
        return total / self.counted


@dataclass
class NationalFigures:
    campaign: Campaign
    previous_campaign: Campaign | None
    indicators: list  # every indicator in use, in table order, with its section
    kinds: dict  # kind → KindFigures, in the notice's order of addressees
    units: list  # every expected Unit: bureaus, insurers, the association, in CIRC's order
    report_count: int  # reports counted
    latest_change: object  # the last change to a report of the campaign or to its list

    def units_of(self, kind):
        return [unit for unit in self.units if unit.kind == kind]

    @property
    def late_units(self):
        return [unit for unit in self.units if unit.is_counted and unit.is_late]

    @property
    def missing_units(self):
        return [unit for unit in self.units if not unit.is_counted]

    @property
    def warned_units(self):
        return [unit for unit in self.units if unit.is_counted and unit.warning_count]

    @cached_property
    def complaints(self):
        """The 12378 complaints received in the campaign's year, counted once for every
        complaints sheet and the summary (queried on first use: the dashboards skip it)."""
        return national_statistics(self.campaign.year)

    @cached_property
    def commitments(self):
        """Each insurer's published service commitments and their changes since the
        previous campaign (commitments.selectors.statistics; queried on first use)."""
        return commitment_statistics(self.campaign)

    @cached_property
    def promise_kinds(self):
        """The kinds of commitment whose keeping complaints measure, in stage order."""
        return list(measured_kinds())


def indicators_in_use(campaign):
    return list(
        Indicator.objects.filter(campaign=campaign, is_retired=False)
        .select_related("section")
        .order_by("section__position", "position", "code")
    )


def counted_values(campaign):
    """The values of the reports that count in ``campaign``."""
    expected = ExpectedUnit.objects.filter(
        campaign_id=campaign.pk, organisation_id=OuterRef("report__organisation_id")
    )
    return IndicatorValue.objects.filter(
        Exists(expected), report__campaign=campaign, report__status__in=COUNTED
    )


def source_state(campaign):
    """(reports counted, latest change to any report of the campaign or to its list of
    expected units): what a run records, and what tells whether a build is stale. One query."""
    reports = StatisticsReport.objects.filter(campaign=OuterRef("pk")).order_by().values("campaign")
    # A unit added to the list or taken off it changes the build (a row, a name among the
    # missing) without changing any report: the list's history says when.
    list_changes = (
        ExpectedUnit.history.filter(campaign_id=OuterRef("pk")).order_by().values("campaign_id")
    )
    state = (
        Campaign.objects.filter(pk=campaign.pk)
        .annotate(
            counted=Subquery(
                reports.filter(
                    status__in=COUNTED, organisation__expectations__campaign=OuterRef("pk")
                )
                .annotate(counted=Count("pk"))
                .values("counted")
            ),
            report_change=Subquery(reports.annotate(latest=Max("updated_at")).values("latest")),
            list_change=Subquery(
                list_changes.annotate(latest=Max("history_date")).values("latest")
            ),
        )
        .values("counted", "report_change", "list_change")
        .get()
    )
    changes = [state[name] for name in ("report_change", "list_change") if state[name]]
    return state["counted"] or 0, max(changes, default=None)


def expected_units(campaign):
    """Every unit ``campaign`` expects, with its report's state, in CIRC's order: one query."""
    rows = (
        Organisation.objects.filter(expectations__campaign=campaign)
        .annotate(
            report=FilteredRelation(
                "statistics_reports", condition=Q(statistics_reports__campaign=campaign)
            )
        )
        .values(
            "code",
            "name_zh",
            "name_en",
            "kind",
            organisation_id=F("pk"),
            status=F("report__status"),
            submitted_at=F("report__submitted_at"),
            is_late=F("report__is_late"),
            filled_by=F("report__filled_by"),
            contact_phone=F("report__contact_phone"),
            warning_count=F("report__warning_count"),
            has_alert=F("report__has_alert"),
        )
        .order_by("position", "code")
    )
    units = [
        Unit(
            **row
            | {
                "is_late": bool(row["is_late"]),
                "filled_by": row["filled_by"] or "",
                "contact_phone": row["contact_phone"] or "",
                "warning_count": row["warning_count"] or 0,
                "has_alert": bool(row["has_alert"]),
            }
        )
        for row in rows
    ]
    return sorted(units, key=lambda unit: KINDS.index(unit.kind))


def _completeness(campaign):
    """Per kind: units expected, counted, on time, late, awaiting review, approved."""
    report = FilteredRelation(
        "statistics_reports", condition=Q(statistics_reports__campaign=campaign)
    )
    counted = Q(report__status__in=COUNTED)
    rows = (
        Organisation.objects.filter(expectations__campaign=campaign)
        .annotate(report=report)
        .values("kind")
        .annotate(
            expected=Count("pk"),
            counted=Count("pk", filter=counted),
            on_time=Count("pk", filter=counted & Q(report__is_late=False)),
            late=Count("pk", filter=counted & Q(report__is_late=True)),
            awaiting=Count("pk", filter=Q(report__status__in=StatisticsReport.AWAITING_REVIEW)),
            approved=Count("pk", filter=Q(report__status=Status.APPROVED)),
        )
        .order_by()
    )
    return {row.pop("kind"): row for row in rows}


def _totals(campaign):
    """(kind, code) → (sum, reports with a value) over the counted reports."""
    rows = (
        counted_values(campaign)
        .values(kind=F("report__organisation__kind"), code=F("indicator__code"))
        .annotate(total=Sum("value"), reported=Count("value"))
        .order_by()
    )
    return {(row["kind"], row["code"]): (row["total"], row["reported"]) for row in rows}


def national_figures(campaign):
    """Everything national about ``campaign``, with the previous campaign's totals beside
    this year's: a fixed number of queries, whatever the number of units."""
    previous = previous_campaign(campaign)
    indicators = indicators_in_use(campaign)
    completeness = _completeness(campaign)
    totals = _totals(campaign)
    previous_totals = _totals(previous) if previous else {}
    previous_counted = (
        {kind: row["counted"] for kind, row in _completeness(previous).items()} if previous else {}
    )
    kinds = {}
    for kind in KINDS:
        fills = Indicator.KIND_FIELDS[kind]
        figures = KindFigures(
            kind=kind,
            indicators=[indicator for indicator in indicators if getattr(indicator, fills)],
            previous_counted=previous_counted.get(kind, 0),
            **completeness.get(kind, {}),
        )
        for indicator in figures.indicators:
            total, reported = totals.get((kind, indicator.code), (None, 0))
            figures.totals[indicator.code] = total if total is not None else Decimal(0)
            figures.reported[indicator.code] = reported
            before = previous_totals.get((kind, indicator.code))
            if before is not None:
                figures.previous_totals[indicator.code] = before[0]
        kinds[kind] = figures
    report_count, latest_change = source_state(campaign)
    return NationalFigures(
        campaign=campaign,
        previous_campaign=previous,
        indicators=indicators,
        kinds=kinds,
        units=expected_units(campaign),
        report_count=report_count,
        latest_change=latest_change,
    )


def unit_values(campaign, kind, indicators):
    """Each counted report of ``kind``: organisation id → {code: value}, pivoted by the
    database (one conditional aggregate per indicator), one query."""
    rows = (
        counted_values(campaign)
        .filter(report__organisation__kind=kind)
        .values(organisation=F("report__organisation_id"))
        .annotate(
            **{
                f"v{indicator.pk}": Max("value", filter=Q(indicator_id=indicator.pk))
                for indicator in indicators
            }
        )
        .order_by()
    )
    return {
        row["organisation"]: {indicator.code: row[f"v{indicator.pk}"] for indicator in indicators}
        for row in rows.iterator()
    }


def incidents(campaign):
    """The counted reports that report incidents (E10–E12 above 0): [(unit name, code,
    indicator name, value)], in CIRC's order of units and the table's of indicators."""
    return list(
        counted_values(campaign)
        .filter(indicator__code__in=INCIDENT_CODES, value__gt=0)
        .values_list(
            "report__organisation__name_zh",
            "indicator__code",
            "indicator__name_zh",
            "value",
        )
        .order_by(
            Case(*[When(report__organisation__kind=k, then=Value(i)) for i, k in enumerate(KINDS)]),
            "report__organisation__position",
            "report__organisation__code",
            "indicator__code",
        )
    )
