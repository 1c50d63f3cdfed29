"""Head office's review (SPEC §2): every reporting unit of a campaign, then one report."""

from django.db.models import (
    BooleanField,
    Case,
    Count,
    ExpressionWrapper,
    FilteredRelation,
    Prefetch,
    Q,
    Value,
    When,
)

from portal import access

from .. import validation
from ..models import Organisation, StatisticsReport
from .changes import changes_beyond_values
from .organisations import reporting_kind_order
from .reports import (
    changes_since_return,
    findings_for,
    indicators_for,
    last_return,
    previous_values,
    report_timeline,
    reports_visible_to,
    rows_by_section,
    values_of,
)
from .statistics import recorded_beside, recorded_figures

# Status filter values beyond the report statuses: no report yet, and submitted or resubmitted.
NOT_STARTED = "not_started"
AWAITING_REVIEW = "awaiting"


def _reporting_units(campaign):
    """The units ``campaign`` expects, and any other with a report in it (a draft kept by a
    unit head office took off the list), each joined to its report there as ``report``
    (NULL when not started) and marked ``is_expected``."""
    return (
        Organisation.objects.filter(kind__in=Organisation.REPORTING_KINDS)
        .annotate(
            report=FilteredRelation(
                "statistics_reports", condition=Q(statistics_reports__campaign=campaign)
            ),
            expectation=FilteredRelation(
                "expectations", condition=Q(expectations__campaign=campaign)
            ),
        )
        .filter(Q(expectation__isnull=False) | Q(report__isnull=False))
        .annotate(
            is_expected=ExpressionWrapper(Q(expectation__isnull=False), output_field=BooleanField())
        )
    )


def review_table(user, campaign, *, kind="", status="", late=False, alerts=False, query=""):
    """The units of ``campaign`` as head office reviews them: awaiting review first, then
    the units it expects (bureaus, insurers and associations in CIRC's order), then reports
    of units no longer expected. Each unit carries ``campaign_reports``: its report in a
    one-item list, or an empty one when not started. A fixed number of queries."""
    if not access.may(user, "review_statistics"):
        return Organisation.objects.none()
    units = _reporting_units(campaign)
    if kind:
        units = units.filter(kind=kind)
    if status == NOT_STARTED:
        units = units.filter(report__isnull=True)
    elif status == AWAITING_REVIEW:
        units = units.filter(report__status__in=StatisticsReport.AWAITING_REVIEW)
    elif status:
        units = units.filter(report__status=status)
    if late:
        units = units.filter(report__is_late=True)
    if alerts:
        units = units.filter(report__has_alert=True)
    if query:
        units = units.filter(
            Q(code__icontains=query) | Q(name_zh__icontains=query) | Q(name_en__icontains=query)
        )
    awaiting_first = Case(
        When(report__status__in=StatisticsReport.AWAITING_REVIEW, then=Value(0)), default=Value(1)
    )
    reports = (
        reports_visible_to(user).filter(campaign=campaign).select_related(None).defer("summary")
    )
    return units.prefetch_related(
        Prefetch("statistics_reports", queryset=reports, to_attr="campaign_reports")
    ).order_by(awaiting_first, "-is_expected", reporting_kind_order(), "position", "code")


def review_summary(user, campaign):
    """How far the units ``campaign`` expects are, counted in the database: units, submitted
    at least once, and per stage (awaiting review, returned, approved, drafting, not started)
    — the stages add up to the units — plus late and alerting reports. A draft kept by a
    unit no longer expected counts nowhere: that unit owes nothing."""
    if not access.may(user, "review_statistics"):
        return {}
    Status = StatisticsReport.Status
    return (
        _reporting_units(campaign)
        .filter(expectation__isnull=False)
        .aggregate(
            units=Count("pk"),
            submitted=Count("pk", filter=Q(report__submitted_at__isnull=False)),
            awaiting=Count("pk", filter=Q(report__status__in=StatisticsReport.AWAITING_REVIEW)),
            returned=Count("pk", filter=Q(report__status=Status.RETURNED)),
            approved=Count("pk", filter=Q(report__status=Status.APPROVED)),
            drafting=Count("pk", filter=Q(report__status__in=(Status.DRAFT, Status.REOPENED))),
            not_started=Count("pk", filter=Q(report__isnull=True)),
            late=Count("pk", filter=Q(report__is_late=True)),
            alerts=Count("pk", filter=Q(report__has_alert=True)),
        )
    )


def report_review(report):
    """Everything head office's review page shows of a report, in a fixed number of queries:
    values by section beside last campaign's, findings with the unit's notes, what changed
    since head office returned it (values, and the summary, attachments and contacts), the
    timeline and the attachments."""
    indicators = indicators_for(report)
    values = values_of(report)
    previous = previous_values(report)
    findings = findings_for(report, values=values)
    notes = {ack.key: ack.note for ack in report.acknowledgements.all()}
    timeline = report_timeline(report)
    # Compare with the version head office returned, unless it approved and reopened since.
    returned = last_return(report, timeline=timeline)
    changes = changes_since_return(report, returned=returned) if returned else []
    returned_values = {indicator.code: before for indicator, before, _after in changes}
    attachments = list(report.attachments.all())
    recorded = recorded_figures(report, indicators)

    def row(indicator):
        value, before = values.get(indicator.code), previous.get(indicator.code)
        return {
            "indicator": indicator,
            "value": validation.format_value(indicator, value),
            "previous": validation.format_value(indicator, before),
            "difference": _difference(indicator, value, before),
            "changed": indicator.code in returned_values,
            "returned_value": returned_values.get(indicator.code, ""),
            "findings": [f for f in findings if f.code == indicator.code],
            **recorded_beside(recorded, values, indicator.code),
        }

    sections = rows_by_section(indicators, row)
    return {
        "indicators": indicators,
        "sections": sections,
        "has_previous": bool(previous),
        "errors": [f for f in findings if f.is_error],
        # Each warning with the unit's note on it ("" when it has none).
        "warnings": [(f, notes.get(f.key, "")) for f in findings if not f.is_error],
        "timeline": timeline,
        "last_return": returned,
        "changes_since_return": changes,
        "since_return": changes_beyond_values(report, returned, attachments) if returned else None,
        "attachments": attachments,
    }


def _difference(indicator, value, before):
    """``value`` minus last campaign's, signed ("+5", "-3.50", "0"); empty when either is."""
    if value is None or before is None:
        return ""
    difference = value - before
    text = validation.format_value(indicator, abs(difference))
    return f"+{text}" if difference > 0 else f"-{text}" if difference < 0 else text
