"""The campaign's own records as figures for the statistics form (portal.prefill): events
(B01–B14, D01, D04, F01–F03), 双十佳 exemplars (D02, D03) and media reports (G01, G02).

Each provider counts a unit's records of one campaign in one query, in the database.
"""

from django.db.models import Count, Q, Sum, Value
from django.db.models.functions import Coalesce

from portal import prefill

from .models import Organisation
from .models.activities import Activity, Exemplar, MediaReport

Kind = Activity.Kind

# Events counted per kind, and the people they reached.
EVENTS = {
    "B01": Kind.SCHOOL,
    "B03": Kind.COUNTRYSIDE,
    "B05": Kind.COMMUNITY,
    "B07": Kind.GOVERNMENT,
    "B09": Kind.ENTERPRISE,
    "B13": Kind.DESK,
    "D01": Kind.COMMENDATION,
    "D04": Kind.DEEDS_TALK,
    "F01": Kind.SUPERVISOR_FORUM,
    "F02": Kind.RECEPTION_DAY,
}
PEOPLE_REACHED = {
    "B02": Kind.SCHOOL,
    "B04": Kind.COUNTRYSIDE,
    "B06": Kind.COMMUNITY,
    "B08": Kind.GOVERNMENT,
    "B10": Kind.ENTERPRISE,
    "B14": Kind.DESK,
    "F03": Kind.RECEPTION_DAY,
}
# Handed out or set up at events of every kind.
MATERIALS = {"B11": "brochures", "B12": "display_boards"}

EXEMPLARS = {"D02": Exemplar.Kind.PERSON, "D03": Exemplar.Kind.COUNTER}
MEDIA_REPORTS = {"G01": MediaReport.Kind.NEWS, "G02": MediaReport.Kind.COLUMN}


def _total(field, condition=None):
    return Coalesce(Sum(field, filter=condition), Value(0))


@prefill.register(*EVENTS, *PEOPLE_REACHED, *MATERIALS)
def events_held(campaign, organisation):
    return Activity.objects.filter(campaign=campaign, organisation=organisation).aggregate(
        **{code: Count("pk", filter=Q(kind=kind)) for code, kind in EVENTS.items()},
        **{code: _total("people_reached", Q(kind=kind)) for code, kind in PEOPLE_REACHED.items()},
        **{code: _total(field) for code, field in MATERIALS.items()},
    )


@prefill.register(*EXEMPLARS)
def exemplars_published(campaign, organisation):
    """A bureau's are the entries published for its regions, the association's those it
    listed; an insurer lists none."""
    exemplars = Exemplar.objects.filter(campaign=campaign, status=Exemplar.Status.PUBLISHED)
    if organisation.kind == Organisation.Kind.BUREAU:
        exemplars = exemplars.filter(region__in=organisation.regions.values("pk"))
    elif organisation.kind == Organisation.Kind.ASSOCIATION:
        exemplars = exemplars.filter(organisation=organisation)
    else:
        return {}
    return exemplars.aggregate(
        **{code: Count("pk", filter=Q(kind=kind)) for code, kind in EXEMPLARS.items()}
    )


@prefill.register(*MEDIA_REPORTS)
def media_reports(campaign, organisation):
    return MediaReport.objects.filter(campaign=campaign, organisation=organisation).aggregate(
        **{code: Count("pk", filter=Q(kind=kind)) for code, kind in MEDIA_REPORTS.items()}
    )
