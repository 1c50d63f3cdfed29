"""Head office's page of the units a campaign expects a report from."""

from django.db.models import Prefetch, Q

from portal import access

from ..models import ExpectedUnit, Organisation, StatisticsReport
from .organisations import reporting_kind_order

# The page shows the latest changes to the list; the history table keeps every one.
CHANGES_SHOWN = 50


def _in_circs_order(units):
    return units.order_by(reporting_kind_order(), "position", "code")


def expected_units(user, campaign, *, query=""):
    """The units ``campaign`` expects (those matching ``query``, a code or a name): bureaus,
    then insurers, then the association, each kind in CIRC's order. Each unit carries
    ``campaign_reports``: its report in a one-item list, or an empty one when not started.
    Two queries."""
    if not access.may(user, "manage_campaigns", campaign):
        return Organisation.objects.none()
    units = Organisation.objects.filter(expectations__campaign=campaign)
    if query:
        units = units.filter(
            Q(code__icontains=query) | Q(name_zh__icontains=query) | Q(name_en__icontains=query)
        )
    reports = StatisticsReport.objects.filter(campaign=campaign).defer("summary")
    return _in_circs_order(units).prefetch_related(
        Prefetch("statistics_reports", queryset=reports, to_attr="campaign_reports")
    )


def units_to_add(user, campaign):
    """The active bureaus, insurers and associations ``campaign`` does not expect yet."""
    if not access.may(user, "manage_campaigns", campaign):
        return Organisation.objects.none()
    return _in_circs_order(
        Organisation.objects.filter(kind__in=Organisation.REPORTING_KINDS, is_active=True).exclude(
            expectations__campaign=campaign
        )
    )


def expected_unit_changes(user, campaign):
    """The latest units added to and removed from ``campaign``'s list since it was set up,
    newest first, each with who did it (``history_user``) and when (``history_date``);
    ``history_type`` is "+" for an addition and "-" for a removal."""
    if not access.may(user, "manage_campaigns", campaign):
        return ExpectedUnit.history.none()
    return (
        ExpectedUnit.history.filter(campaign_id=campaign.pk)
        .exclude(history_change_reason=ExpectedUnit.SET_UP)
        .select_related("history_user", "organisation")[:CHANGES_SHOWN]
    )
