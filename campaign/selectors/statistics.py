"""The unit's statistics form page, its report on its home page and the history of values."""

from portal import access, prefill

from .. import validation
from ..models import IndicatorValue, StatisticsReport
from .reports import (
    findings_for,
    indicators_for,
    last_return,
    reports_visible_to,
    rows_by_section,
    values_of,
)


def statistics_form(report, *, values=None, complete=False):
    """Everything the unit's form page shows, in a fixed number of queries.

    ``values`` (code → value) replaces the stored values when checking, for input that
    has not been saved yet; ``complete`` checks as a submission does (empty is an error).
    """
    indicators = indicators_for(report)
    stored = values_of(report)
    shown = stored if values is None else values
    findings = findings_for(report, values=shown, complete=complete)
    notes = {ack.key: ack.note for ack in report.acknowledgements.all()}
    # Head office's comments are shown while the report is back with the unit.
    returned = last_return(report) if report.status == StatisticsReport.Status.RETURNED else None
    pinned = (
        {c.indicator.code: c.text for c in returned.indicator_comments.all()} if returned else {}
    )
    recorded = recorded_figures(report, indicators)
    sections = rows_by_section(
        indicators,
        lambda indicator: {
            "indicator": indicator,
            "findings": [f for f in findings if f.code == indicator.code],
            "comment": pinned.get(indicator.code, ""),
            **recorded_beside(recorded, shown, indicator.code),
        },
    )
    for block in sections:
        block["has_recorded"] = any(row["recorded"] is not None for row in block["rows"])
    return {
        "indicators": indicators,
        "stored_values": stored,
        "sections": sections,
        "findings": findings,
        "errors": [f for f in findings if f.is_error],
        "warnings": [f for f in findings if not f.is_error],
        "notes": notes,
        "last_return": returned,
        "attachments": list(report.attachments.select_related("uploaded_by")),
        "filled": _filled(indicators, shown),
    }


def recorded_figures(report, indicators):
    """What the portal records for those of ``indicators`` its features count (portal.prefill):
    code → figure, one query per feature asked."""
    return prefill.recorded_figures(
        report.campaign, report.organisation, [indicator.code for indicator in indicators]
    )


def recorded_beside(recorded, values, code):
    """An indicator row's ``recorded`` figure (None where the portal counts nothing) and
    whether the value entered ``differs`` from it (an empty value does not)."""
    figure = recorded.get(code)
    value = values.get(code)
    return {"recorded": figure, "differs": None not in (figure, value) and value != figure}


def _filled(indicators, values):
    return sum(1 for indicator in indicators if values.get(indicator.code) is not None)


def own_report_state(user, campaign):
    """The user's own unit's report in ``campaign`` as its home page shows it, or None for a
    user whose unit does not report: ``report`` (None while not started), ``filled`` and
    ``total`` indicators, and head office's ``last_return`` while the report is back with the
    unit. A fixed number of queries."""
    if not access.may(user, "fill_statistics", campaign):
        return None
    report = (
        reports_visible_to(user)
        .filter(campaign=campaign, organisation_id=user.organisation_id)
        .defer("summary")
        .first()
    )
    if report is None:
        return {"report": None}
    indicators = indicators_for(report)
    returned = last_return(report) if report.status == StatisticsReport.Status.RETURNED else None
    return {
        "report": report,
        "filled": _filled(indicators, values_of(report)),
        "total": len(indicators),
        "last_return": returned,
    }


def responsibility_initial(report, user):
    """Who is responsible, as the form starts: as stored, or while the report names neither
    who filled it in nor a phone, the user's own name and phone from their profile."""
    initial = {name: getattr(report, name) for name in StatisticsReport.CONTACT_FIELDS}
    if not report.filled_by and not report.contact_phone:
        initial.update(filled_by=user.full_name, contact_phone=user.phone)
    initial["no_sales_confirmed"] = report.no_sales_confirmed
    return initial


def value_history(report):
    """Every change of a value, newest first: (entry, old value, new value) as text."""
    entries = (
        IndicatorValue.history.filter(report_id=report.pk)
        .select_related("indicator", "history_user")
        .order_by("indicator_id", "history_date", "history_id")
    )
    changes, previous = [], {}
    for entry in entries:
        before = previous.get(entry.indicator_id)
        after = validation.format_value(entry.indicator, entry.value)
        previous[entry.indicator_id] = after
        changes.append((entry, before or "", after))
    changes.sort(key=lambda change: (change[0].history_date, change[0].history_id), reverse=True)
    return changes
