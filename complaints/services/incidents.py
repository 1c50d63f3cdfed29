"""Incidents: opened when a complaint needs escalation, head office alerted at once, the
emergency plan's steps recorded with their times until the incident is settled."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal import access
from portal.notifications import in_each_language, notify

from ..models import Incident, IncidentStep
from .recipients import head_office_handlers


def incident_kind(complaint):
    """The kind of incident a complaint is, the gravest first; None when it is none."""
    if complaint.major_matter:
        return Incident.Kind.MAJOR
    if complaint.petition_risk:
        return Incident.Kind.PETITION
    if complaint.group_visit or complaint.complainant_count >= 5:
        return Incident.Kind.GROUP
    return None


def open_incident_if_needed(*, actor, complaint):
    """Open the complaint's incident when it needs one and has none; alert head office (in
    the portal and by e-mail, after commit). Returns the incident opened, or None."""
    kind = incident_kind(complaint)
    if kind is None or Incident.objects.filter(complaint=complaint).exists():
        return None
    now = timezone.now()
    incident = Incident.objects.create(complaint=complaint, kind=kind, opened_at=now)
    IncidentStep.objects.create(
        incident=incident, step=IncidentStep.Step.HEAD_OFFICE_ALERTED, done_at=now, done_by=actor
    )
    reference, bureau = complaint.reference, complaint.bureau

    def message():
        return (
            _("Incident: complaint %(reference)s (%(bureau)s) — %(kind)s")
            % {
                "reference": reference,
                "bureau": bureau.name,
                "kind": Incident.Kind(kind).label,
            },
            _(
                "%(count)s complainant(s). Follow the emergency plan and record each step "
                "on the incident's page."
            )
            % {"count": complaint.complainant_count},
        )

    notify(
        recipients=head_office_handlers(),
        link=reverse("incident_detail", args=[complaint.reference]),
        **in_each_language(message),
    )
    return incident


def record_incident_step(*, actor, incident, step, note=""):
    """Record that ``step`` of the emergency plan was done now; the settling step closes the
    incident. A closed incident takes no more steps."""
    access.require(actor, "follow_incidents", incident.complaint)
    if step not in IncidentStep.Step.values:
        raise ValidationError({"step": _("Choose a step of the emergency plan.")})
    with transaction.atomic():
        incident = Incident.objects.select_for_update().get(pk=incident.pk)
        if not incident.is_open:
            raise ValidationError(_("This incident is closed: it takes no more steps."))
        now = timezone.now()
        row = IncidentStep.objects.create(
            incident=incident, step=step, done_at=now, done_by=actor, note=note.strip()
        )
        if step == IncidentStep.Step.SETTLED:
            incident.closed_at = now
            incident.save(update_fields=["closed_at"])
    return row
