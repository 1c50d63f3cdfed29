"""Incidents as head office and the bureaus follow them, scoped like the complaints."""

from django.db.models import Count, F, OuterRef, Subquery
from django.http import Http404

from portal import access

from ..models import Complaint, Incident, IncidentStep, parse_reference


def incidents_visible_to(user):
    """Head office every incident, a bureau those of its own complaints, nobody else any:
    open ones first, then the newest; each with its steps counted and its last step."""
    if not access.may(user, "follow_incidents"):
        return Incident.objects.none()
    last_step = IncidentStep.objects.filter(incident=OuterRef("pk")).order_by("-done_at", "-id")
    return (
        Incident.objects.filter(
            complaint__in=access.complaints_scoped_to(user, Complaint.objects.all())
        )
        .select_related("complaint", "complaint__bureau")
        .annotate(
            steps_done=Count("steps"),
            last_step=Subquery(last_step.values("step")[:1]),
            last_step_at=Subquery(last_step.values("done_at")[:1]),
        )
        .order_by(F("closed_at").desc(nulls_first=True), "-opened_at", "-id")
    )


def incident_for(user, reference):
    """The incident of the complaint ``reference`` if ``user`` follows it; 404 otherwise."""
    parsed = parse_reference(reference)
    if parsed is None:
        raise Http404
    year, pk = parsed
    incident = incidents_visible_to(user).filter(complaint__pk=pk, complaint__year=year).first()
    if incident is None:
        raise Http404
    return incident


def steps_of(incident):
    return incident.steps.select_related("done_by").order_by("done_at", "id")
