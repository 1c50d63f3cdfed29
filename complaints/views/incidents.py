"""Incidents: the list head office and the bureaus follow, one incident's emergency-plan
steps, and recording the next step."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from portal import access

from ..forms.handling import IncidentStepForm
from ..models import IncidentStep
from ..selectors.incidents import incident_for, incidents_visible_to, steps_of
from ..services.incidents import record_incident_step


@login_required
@require_safe
def incident_list(request):
    access.require(request.user, "follow_incidents")
    return render(
        request,
        "complaints/incidents/list.html",
        {
            "incidents": [
                (incident, IncidentStep.Step(incident.last_step).label)
                for incident in incidents_visible_to(request.user)
            ],
            "now": timezone.now(),
        },
    )


@login_required
@require_safe
def incident_detail(request, reference):
    incident = incident_for(request.user, reference)
    return _render_incident(request, incident, IncidentStepForm())


@login_required
@require_POST
def incident_step(request, reference):
    incident = incident_for(request.user, reference)
    access.require(request.user, "follow_incidents", incident.complaint)
    form = IncidentStepForm(request.POST)
    if not form.is_valid():
        return _render_incident(request, incident, form)
    try:
        row = record_incident_step(
            actor=request.user,
            incident=incident,
            step=form.cleaned_data["step"],
            note=form.cleaned_data["note"],
        )
    except ValidationError as refusal:
        messages.error(request, " ".join(refusal.messages))
    else:
        messages.success(request, _("Recorded: %(step)s.") % {"step": row.get_step_display()})
    return redirect("incident_detail", reference=incident.complaint.reference)


def _render_incident(request, incident, form):
    return render(
        request,
        "complaints/incidents/detail.html",
        {
            "incident": incident,
            "complaint": incident.complaint,
            "steps": steps_of(incident),
            "form": form,
            "now": timezone.now(),
        },
    )
