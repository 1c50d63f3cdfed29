"""Media reports: a unit's own of a campaign, head office's national list, and the newest
ones the public reads."""

from django.shortcuts import get_object_or_404

from portal import access

from ..models import Campaign, MediaReport, Organisation


def media_reports_for(user, campaign, *, unit=None):
    """The media reports of ``campaign`` that ``user`` sees (head office every unit's, a
    unit its own), of ``unit`` only when given; newest first, with their units."""
    reports = access.scoped_to(
        user, MediaReport.objects.filter(campaign=campaign).select_related("organisation")
    )
    if unit is not None:
        reports = reports.filter(organisation=unit)
    return reports.order_by("-published_on", "-id")


def media_report_for(user, year, pk):
    """A media report of the ``year`` campaign, or 404 when ``user`` may not see it."""
    reports = access.scoped_to(
        user, MediaReport.objects.filter(campaign__year=year).select_related("campaign")
    )
    return get_object_or_404(reports, pk=pk)


def units_with_media_reports(campaign):
    """The units that recorded media reports in ``campaign``: head office's filter."""
    return Organisation.objects.filter(media_reports__campaign=campaign).distinct()


def latest_media_reports(limit):
    """The newest ``limit`` media reports of every campaign head office has opened, for the
    public: what a unit records is public once its campaign is."""
    return (
        MediaReport.objects.exclude(campaign__status=Campaign.Status.DRAFT)
        .select_related("organisation", "campaign")
        .order_by("-published_on", "-id")[:limit]
    )
