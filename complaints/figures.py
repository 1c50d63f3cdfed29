"""The complaints' figures for the statistics form (portal.prefill): complaints received in the
campaign's activity period by channel (E01–E05, E13) and incidents opened in it (E10–E12).

A unit's complaints are, for a bureau, those routed to it and, for an insurer, those about it;
the association handles none in the portal, so it is given no figure. The period is the
campaign's [period_start, period_end] in Beijing dates. Each provider is one query, counted
by the database.
"""

import datetime

from django.db.models import Count, Q
from django.utils import timezone

from campaign.models import Organisation
from portal import prefill

from .models import Complaint, Incident

# The channels E02–E05 count; E01 is all of them.
CHANNEL_INDICATOR = {
    Complaint.Channel.LETTER: "E02",
    Complaint.Channel.VISIT: "E03",
    Complaint.Channel.PHONE: "E04",
    Complaint.Channel.WEB: "E05",
}
# E13 (other channels, incl. forwarded) is part of E01's sum (rule E01-SUM): every complaint
# the portal records came by one of the four channels above, so its recorded figure is 0 and
# the recorded E01 still equals the sum of its parts.
OTHER_CHANNELS = "E13"

# Whose complaints a reporting unit reports, by the complaint's field naming the unit.
UNIT_FIELD = {Organisation.Kind.BUREAU: "bureau", Organisation.Kind.INSURER: "company"}


def period_bounds(campaign):
    """[start, end) of the campaign's activity period in Beijing time, as aware datetimes."""
    start = datetime.datetime.combine(campaign.period_start, datetime.time.min)
    end = datetime.datetime.combine(
        campaign.period_end + datetime.timedelta(days=1), datetime.time.min
    )
    return timezone.make_aware(start), timezone.make_aware(end)


@prefill.register("E01", *CHANNEL_INDICATOR.values(), OTHER_CHANNELS)
def complaints_received(campaign, organisation):
    field = UNIT_FIELD.get(organisation.kind)
    if field is None:
        return {}
    start, end = period_bounds(campaign)
    figures = Complaint.objects.filter(
        **{field: organisation}, received_at__gte=start, received_at__lt=end
    ).aggregate(
        E01=Count("pk"),
        **{
            code: Count("pk", filter=Q(channel=channel))
            for channel, code in CHANNEL_INDICATOR.items()
        },
    )
    return figures | {OTHER_CHANNELS: 0}


@prefill.register(*Incident.INDICATOR.values())
def incidents_opened(campaign, organisation):
    field = UNIT_FIELD.get(organisation.kind)
    if field is None:
        return {}
    start, end = period_bounds(campaign)
    return Incident.objects.filter(
        **{f"complaint__{field}": organisation}, opened_at__gte=start, opened_at__lt=end
    ).aggregate(
        **{code: Count("pk", filter=Q(kind=kind)) for kind, code in Incident.INDICATOR.items()}
    )
