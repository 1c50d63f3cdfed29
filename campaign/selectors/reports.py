"""Reads of one report, shared by the pages, the services and the Excel files: the
indicators its unit fills, its values, the findings on them, its timeline and the step by
which head office last returned it."""

from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from portal import access

from .. import validation
from ..models import (
    Campaign,
    ExpectedUnit,
    Indicator,
    IndicatorValue,
    ReportTransition,
    StatisticsReport,
    ValidationRule,
)

Action = ReportTransition.Action

# The steps by which head office hands a report back to its unit.
HANDED_BACK = (Action.RETURN, Action.REOPEN)


def reports_visible_to(user):
    """Head office sees every unit's report; a unit sees its own, whatever its status (also
    once its campaign no longer expects it). Each report knows whether it still does."""
    expected = ExpectedUnit.objects.filter(
        campaign=OuterRef("campaign_id"), organisation=OuterRef("organisation_id")
    )
    return access.scoped_to(
        user,
        StatisticsReport.objects.select_related("campaign", "organisation").annotate(
            unit_is_expected=Exists(expected)
        ),
        unpublished=Q(campaign__status=Campaign.Status.DRAFT),
    )


def report_for_user(user, year, code):
    """The report of unit ``code`` in campaign ``year``, or 404 (also while none exists)."""
    return get_object_or_404(reports_visible_to(user), campaign__year=year, organisation__code=code)


def report_for_reviewer(user, year, code):
    """A unit's report as head office reviews it, or 404 for everyone else: the unit
    itself works on its report at its own form page."""
    if not access.may(user, "review_statistics"):
        raise Http404
    return report_for_user(user, year, code)


def indicators_for(report):
    """The indicators the report's unit fills, in table order."""
    return list(
        Indicator.objects.filter(
            Indicator.filter_for_kind(report.organisation.kind), campaign_id=report.campaign_id
        )
        .select_related("section")
        .order_by("section__position", "position", "code")
    )


def rules_for(report):
    """The table's rules checked on the report of its unit's kind."""
    return list(
        ValidationRule.objects.filter(
            ValidationRule.filter_for_kind(report.organisation.kind), campaign_id=report.campaign_id
        )
    )


def rows_by_section(indicators, row):
    """[{"section": section, "rows": [row(indicator), …]}, …]: ``indicators`` (in table order,
    with their section) grouped under their sections, each turned into a row by ``row``."""
    sections = []
    for indicator in indicators:
        if not sections or sections[-1]["section"].pk != indicator.section_id:
            sections.append({"section": indicator.section, "rows": []})
        sections[-1]["rows"].append(row(indicator))
    return sections


def values_of(report):
    """Indicator code → stored value (None for empty)."""
    return dict(
        IndicatorValue.objects.filter(report=report).values_list("indicator__code", "value")
    )


def previous_values(report):
    """The same unit's values in its latest earlier campaign, by indicator code."""
    earlier = (
        StatisticsReport.objects.filter(
            organisation_id=report.organisation_id, campaign__year__lt=report.campaign.year
        )
        .order_by("-campaign__year")
        .first()
    )
    return values_of(earlier) if earlier else {}


def findings_for(report, *, values=None, complete=False):
    values = values_of(report) if values is None else values
    return validation.check_report(
        indicators_for(report),
        values,
        rules_for(report),
        previous=previous_values(report),
        complete=complete,
    )


def report_timeline(report):
    return list(
        report.transitions.select_related("actor__organisation").prefetch_related(
            "indicator_comments__indicator"
        )
    )


def last_return(report, *, timeline=None):
    """The step by which head office last returned the report (with its actor and indicator
    comments), or None: never returned, or approved and reopened since. ``timeline``, the
    report's transitions in order when the caller has them, saves the queries."""
    if timeline is None:
        timeline = report_timeline(report)
    handed_back = [step for step in timeline if step.action in HANDED_BACK]
    if handed_back and handed_back[-1].action == Action.RETURN:
        return handed_back[-1]
    return None


def changes_since_return(report, *, returned=None):
    """[(indicator, value when returned, value now)] for the values changed since head office
    last returned the report (``returned``, that step, when the caller has it)."""
    returned = returned or last_return(report)
    if returned is None:
        return []
    now = values_of(report)
    changes = []
    for indicator in indicators_for(report):
        before = returned.values.get(indicator.code, "")
        after = validation.format_value(indicator, now.get(indicator.code))
        if before != after:
            changes.append((indicator, before, after))
    return changes
