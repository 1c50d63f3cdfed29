"""State changes of a statistics report: saving values, and the submit/return/approve/reopen
workflow. The web form, the Excel upload and the import command all call these.

Every function takes the acting user, locks the report row, refuses a save based on an
out-of-date version (optimistic locking), writes only what changed and records who did it.
"""

from dataclasses import dataclass

import nh3
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal import audit
from portal.celery import delay_on_commit

from .. import tasks, validation
from ..models import (
    Campaign,
    IndicatorComment,
    IndicatorValue,
    ReportTransition,
    StatisticsReport,
    WarningAcknowledgement,
)
from ..selectors import reports as report_selectors
from . import report_notifications

Status = StatisticsReport.Status
Action = ReportTransition.Action

TRANSITIONS = StatisticsReport.TRANSITIONS

# What the written summary may contain: text structure, no scripts, styles or frames.
SUMMARY_TAGS = {
    "p",
    "br",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "ul",
    "ol",
    "li",
    "h3",
    "h4",
    "blockquote",
}
SUMMARY_TAGS |= {"table", "thead", "tbody", "tr", "th", "td"}


class WorkflowError(Exception):
    """The action does not apply to the report as it stands; ``str()`` is the user's message."""


@dataclass
class Change:
    code: str
    name: str
    value: str
    by: str
    at: object


class ReportConflict(Exception):
    """Someone saved the report since the user opened it; ``changes`` says what they changed."""

    def __init__(self, report, changes):
        super().__init__(_("This report was changed by someone else after you opened it."))
        self.report = report
        self.changes = changes


class SubmissionRefused(Exception):
    """Errors remain, warnings without a note, or who is responsible is missing: the findings
    say which, and ``missing`` maps each missing report field to its message."""

    def __init__(self, errors, unacknowledged, missing=None):
        super().__init__(_("The report cannot be submitted yet."))
        self.errors = errors
        self.unacknowledged = unacknowledged
        self.missing = missing or {}


def start_report(*, campaign, organisation, actor=None):
    """The unit's report in the campaign, created as an empty draft if it has none yet, the
    campaign is open and expects a report from the unit; None when it has none and may not
    start one. The history names ``actor``, else the user at work (request or command), else
    the system.

    Idempotent: the unique (campaign, organisation) constraint makes every call, however
    concurrent, return the same report.
    """
    reports = StatisticsReport.objects.select_related("campaign", "organisation")
    report = reports.filter(campaign=campaign, organisation=organisation).first()
    if report is None and campaign.is_open and campaign.expects(organisation.pk):
        with audit.acting_as(audit.actor_or_default(actor)):
            report, _created = reports.get_or_create(campaign=campaign, organisation=organisation)
    return report


def sanitise_summary(html):
    """The summary's HTML with only the text-structure tags kept (no scripts, styles, links)."""
    return nh3.clean(html or "", tags=SUMMARY_TAGS, attributes={}).strip()


def _lock(report, expected_version=None):
    locked = (
        StatisticsReport.objects.select_for_update()
        .select_related("campaign", "organisation")
        .get(pk=report.pk)
    )
    if expected_version is not None and locked.version != expected_version:
        raise ReportConflict(locked, changes_since(locked, expected_version))
    return locked


def lock_editable_report(report, expected_version=None):
    """The report, locked for this transaction, if its unit may still change it (a draft,
    returned or reopened, in an open campaign); WorkflowError says why not."""
    report = _lock(report, expected_version)
    require_editable(report)
    return report


def require_editable(report):
    """WorkflowError when the report's unit may no longer change it, saying why."""
    _require_open_campaign(report)
    _require_expected_unit(report)
    if not report.is_editable:
        raise WorkflowError(
            _("This report is %(status)s and can no longer be changed.")
            % {"status": report.get_status_display()}
        )


def _require_open_campaign(report):
    if report.campaign.status != Campaign.Status.OPEN:
        raise WorkflowError(
            _("The %(campaign)s is %(status)s: reports cannot be changed or submitted.")
            % {"campaign": report.campaign, "status": report.campaign.get_status_display()}
        )


def _require_expected_unit(report):
    # Head office may take a unit off the campaign's list while it drafts: its draft stays,
    # but a unit the campaign no longer expects neither changes nor submits it.
    if not report.campaign.expects(report.organisation_id):
        raise WorkflowError(
            _(
                "The %(campaign)s no longer expects a report from %(unit)s: head office took "
                "it off the list of units. The report can no longer be changed or submitted."
            )
            % {"campaign": report.campaign, "unit": report.organisation}
        )


def changes_since(report, version):
    """Values saved after ``version`` of the report, newest first, from the audit history."""
    opened = (
        report.history.filter(version=version).order_by("history_date").last() if version else None
    )
    entries = IndicatorValue.history.filter(report_id=report.pk).select_related(
        "indicator", "history_user"
    )
    if opened is not None:
        entries = entries.filter(history_date__gt=opened.history_date)
    changes, seen = [], set()
    for entry in entries.order_by("-history_date", "-history_id"):
        if entry.indicator.code in seen:
            continue
        seen.add(entry.indicator.code)
        changes.append(
            Change(
                code=entry.indicator.code,
                name=entry.indicator.name,
                value=validation.format_value(entry.indicator, entry.value),
                by=str(entry.history_user or ""),
                at=entry.history_date,
            )
        )
    return changes


def responsibility_problems(report):
    """Report field → message for what submitting still needs: who filled the report in, a
    contact phone, the head of the unit, and the confirmation that nothing was sold."""
    messages = {
        "filled_by": _("Enter who filled in the report."),
        "contact_phone": _("Enter a phone number on which head office can reach them."),
        "unit_head": _("Enter the head of the unit."),
    }
    problems = {
        name: text for name, text in messages.items() if validation.is_blank(getattr(report, name))
    }
    if not report.no_sales_confirmed:
        problems["no_sales_confirmed"] = _(
            "Confirm that no insurance was sold at your campaign events before submitting."
        )
    return problems


@transaction.atomic
def save_report(
    *,
    actor,
    report,
    values,
    expected_version,
    summary=None,
    notes=None,
    contacts=None,
    no_sales_confirmed=None,
):
    """Store the values the unit entered (code → Decimal or None), its summary, warning notes,
    who is responsible (``contacts``: report field → text, see StatisticsReport.CONTACT_FIELDS)
    and its confirmation that no insurance was sold; None leaves a part as it is.

    Raises ReportConflict when the report changed since ``expected_version`` and
    WorkflowError when it is not editable. Returns the codes whose value changed; the
    caller's ``report`` moves on to the saved version, so a submission can follow on it.
    """
    given = report
    report = lock_editable_report(report, expected_version)
    indicators = {
        indicator.code: indicator for indicator in report_selectors.indicators_for(report)
    }
    unknown = set(values) - set(indicators)
    if unknown:
        raise WorkflowError(
            _("%(codes)s are not filled by this unit.") % {"codes": ", ".join(sorted(unknown))}
        )
    stored = {v.indicator.code: v for v in report.values.select_related("indicator")}
    changed = []
    for code, value in values.items():
        row = stored.get(code)
        if row is None and value is None:
            continue
        if row is not None and row.value == value:
            continue
        row = row or IndicatorValue(report=report, indicator=indicators[code])
        row.value = value
        row._history_user = actor
        row.save()
        changed.append(code)
    updates = {}
    if summary is not None:
        updates["summary"] = sanitise_summary(summary)
    for name in StatisticsReport.CONTACT_FIELDS:
        if contacts is not None and name in contacts:
            updates[name] = contacts[name].strip()
    if no_sales_confirmed is not None:
        updates["no_sales_confirmed"] = no_sales_confirmed
    updates = {name: value for name, value in updates.items() if getattr(report, name) != value}
    notes_changed = notes is not None and _store_notes(report, notes, actor)
    if changed or updates or notes_changed:
        _bump(report, actor, **updates)
    given.version = report.version
    return changed


def _store_notes(report, notes, actor):
    """Keep exactly the non-empty notes given; returns whether anything changed."""
    existing = {ack.key: ack for ack in report.acknowledgements.all()}
    wanted = {key: note.strip() for key, note in notes.items() if note and note.strip()}
    changed = False
    for key, ack in existing.items():
        if key not in wanted:
            ack._history_user = actor
            ack.delete()
            changed = True
    for key, note in wanted.items():
        ack = existing.get(key) or WarningAcknowledgement(report=report, key=key)
        if ack.pk is None or ack.note != note:
            ack.note, ack.acknowledged_by, ack._history_user = note, actor, actor
            ack.save()
            changed = True
    return changed


def _bump(report, actor, **fields):
    for name, value in fields.items():
        setattr(report, name, value)
    report.version += 1
    report.updated_by = actor
    report._history_user = actor
    report.save(update_fields=["version", "updated_by", "updated_at", *fields])


def _transition(report, action, *, actor, comment="", now=None, is_late=False, alert_due=False):
    try:
        new_status = TRANSITIONS[action][report.status]
    except KeyError:
        raise WorkflowError(
            _("A report that is %(status)s cannot be %(action)s.")
            % {"status": report.get_status_display(), "action": Action(action).label}
        ) from None
    now = now or timezone.now()
    values = {}
    indicators = {
        indicator.code: indicator for indicator in report_selectors.indicators_for(report)
    }
    for code, value in report_selectors.values_of(report).items():
        if code in indicators:
            values[code] = validation.format_value(indicators[code], value)
    transition = ReportTransition.objects.create(
        report=report,
        action=action,
        from_status=report.status,
        to_status=new_status,
        actor=actor,
        at=now,
        is_late=is_late,
        comment=comment,
        values=values,
        snapshot=_snapshot(report),
        alert_due=alert_due,
    )
    return new_status, transition


def _snapshot(report):
    """What a step records besides the values, to show what changed since it."""
    return {
        "summary": report.summary,
        "attachments": [
            {"id": pk, "name": name}
            for pk, name in report.attachments.order_by("pk").values_list("pk", "original_name")
        ],
        "contacts": {name: getattr(report, name) for name in StatisticsReport.CONTACT_FIELDS},
    }


@transaction.atomic
def submit_report(*, actor, report, expected_version=None, note_for_warnings=""):
    """Submit (or resubmit) the report to head office.

    Refused with SubmissionRefused while an error remains, a warning has no note or who is
    responsible is missing (responsibility_problems); ``note_for_warnings`` gives every
    warning without one that note (the import command's "imported"). After the deadline it
    goes through, its step marked late. Returns the report as submitted: ``submitted_at`` is
    this submission's time (the timeline keeps every one); ``is_late`` says whether its
    first submission was late.
    """
    report = _lock(report, expected_version)
    _require_open_campaign(report)
    _require_expected_unit(report)
    findings = report_selectors.findings_for(report, complete=True)
    errors = [f for f in findings if f.is_error]
    warnings = [f for f in findings if not f.is_error]
    acknowledged = set(report.acknowledgements.values_list("key", flat=True))
    if note_for_warnings:
        for finding in warnings:
            if finding.key not in acknowledged:
                ack = WarningAcknowledgement(
                    report=report, key=finding.key, note=note_for_warnings, acknowledged_by=actor
                )
                ack._history_user = actor
                ack.save()
        acknowledged |= {finding.key for finding in warnings}
    unacknowledged = [f for f in warnings if f.key not in acknowledged]
    missing = responsibility_problems(report)
    if errors or unacknowledged or missing:
        raise SubmissionRefused(errors, unacknowledged, missing)
    now = timezone.now()
    late = report.campaign.is_late_at(now)
    has_alert = validation.alerts(findings, report_selectors.rules_for(report))
    status, transition = _transition(
        report, Action.SUBMIT, actor=actor, now=now, is_late=late, alert_due=has_alert
    )
    first = report.submitted_at is None
    _bump(
        report,
        actor,
        status=status,
        submitted_at=now,
        is_late=late if first else report.is_late,
        warning_count=len(warnings),
        has_alert=has_alert,
    )
    report_notifications.report_submitted(report, transition)
    if has_alert:
        # A broker that is down must not turn a stored submission into an error; the
        # scheduled send_pending_incident_alerts task sends what was not enqueued.
        delay_on_commit(tasks.alert_head_office, transition.pk)
    return report


@transaction.atomic
def return_report(*, actor, report, comment, indicator_comments=None):
    """Send the report back to its unit with head office's comment, and comments pinned to
    indicators (code → text)."""
    report = _lock(report)
    _require_open_campaign(report)
    if not comment.strip():
        raise WorkflowError(_("Say what the unit should change."))
    status, transition = _transition(report, Action.RETURN, actor=actor, comment=comment.strip())
    indicators = {
        indicator.code: indicator for indicator in report_selectors.indicators_for(report)
    }
    IndicatorComment.objects.bulk_create(
        IndicatorComment(transition=transition, indicator=indicators[code], text=text.strip())
        for code, text in (indicator_comments or {}).items()
        if code in indicators and text.strip()
    )
    _bump(report, actor, status=status)
    report_notifications.report_returned(report, transition)
    return report


@transaction.atomic
def approve_report(*, actor, report):
    """Accept a submitted report; it is read-only from now on unless reopened."""
    report = _lock(report)
    status, transition = _transition(report, Action.APPROVE, actor=actor)
    _bump(report, actor, status=status)
    report_notifications.report_approved(report, transition)
    return report


@transaction.atomic
def reopen_report(*, actor, report, comment=""):
    """Give an approved report back to its unit for changes (open campaigns only)."""
    report = _lock(report)
    _require_open_campaign(report)
    status, transition = _transition(report, Action.REOPEN, actor=actor, comment=comment.strip())
    _bump(report, actor, status=status)
    report_notifications.report_reopened(report, transition)
    return report
