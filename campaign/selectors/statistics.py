"""The unit's statistics form page and the history of its values."""

from .. import validation
from ..models import IndicatorValue, StatisticsReport
from .reports import findings_for, indicators_for, last_return, rows_by_section, values_of


def statistics_form(report, *, values=None, complete=False):
    """Everything the unit's form page shows, in a fixed number of queries.

    ``values`` (code → value) replaces the stored values when checking, for input that
    has not been saved yet; ``complete`` checks as a submission does (empty is an error).
    """
    indicators = indicators_for(report)
    stored = values_of(report)
    findings = findings_for(report, values=stored if values is None else values, complete=complete)
    notes = {ack.key: ack.note for ack in report.acknowledgements.all()}
    # Head office's comments are shown while the report is back with the unit.
    returned = last_return(report) if report.status == StatisticsReport.Status.RETURNED else None
    pinned = (
        {c.indicator.code: c.text for c in returned.indicator_comments.all()} if returned else {}
    )
    sections = rows_by_section(
        indicators,
        lambda indicator: {
            "indicator": indicator,
            "findings": [f for f in findings if f.code == indicator.code],
            "comment": pinned.get(indicator.code, ""),
        },
    )
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
