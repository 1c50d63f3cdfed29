"""Who may do what to which object: the one place that answers it.

Views, selectors, templates (the ``may`` tag), the API and tasks ask here; nothing
re-derives a permission inline. Fetch-and-check helpers answer 404 for what the user
may not see, so another organisation's records are not even confirmed to exist.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from campaign.models import Campaign, Organisation, StatisticsReport, User


def organisation_kind(user):
    """The kind of the user's organisation; None for anyone who may not work in the portal,
    including the people of an organisation head office has deactivated."""
    if not user.is_authenticated or not user.is_active or user.organisation_id is None:
        return None
    if not user.organisation.is_active:
        return None
    return user.organisation.kind


def is_head_office(user):
    """Head-office staff and reviewers (hotline seats belong to head office but only take calls)."""
    return (
        organisation_kind(user) == Organisation.Kind.HEAD_OFFICE and user.role != User.Role.HOTLINE
    )


def is_portal_user(user):
    return organisation_kind(user) is not None


def _view_campaign(user, campaign):
    return is_portal_user(user) and (
        campaign.status != Campaign.Status.DRAFT or is_head_office(user)
    )


def _head_office_only(user, obj=None):
    return is_head_office(user)


def is_head_office_reviewer(user):
    return is_head_office(user) and user.role == User.Role.REVIEWER


def is_reporting_unit_member(user):
    """Staff of a bureau, an insurer or the association: they fill in a statistics form."""
    return (
        organisation_kind(user) in Organisation.REPORTING_KINDS and user.role != User.Role.HOTLINE
    )


def _fill_statistics(user, campaign=None):
    return is_reporting_unit_member(user) and (campaign is None or _view_campaign(user, campaign))


def _start_report(user, campaign):
    """A unit starts its own report (an empty draft) in an open campaign."""
    return is_reporting_unit_member(user) and campaign.status == Campaign.Status.OPEN


def _own_report(user, report):
    return is_reporting_unit_member(user) and report.organisation_id == user.organisation_id


def _edit_report(user, report):
    return (
        _own_report(user, report)
        and report.is_editable
        and report.campaign.status == Campaign.Status.OPEN
    )


def _review_report(user, report):
    return is_head_office_reviewer(user) and report.awaits_review


def _reopen_report(user, report):
    return is_head_office_reviewer(user) and report.status == StatisticsReport.Status.APPROVED


def _decide_on_reports(user, obj=None):
    # The reviewer role; whether a report's status allows the step now is the workflow's
    # answer, shown as a message (a colleague may have decided first).
    return is_head_office_reviewer(user)


RULES = {
    "view_campaign": _view_campaign,
    "manage_campaigns": _head_office_only,
    "manage_organisations": _head_office_only,
    "fill_statistics": _fill_statistics,
    "review_statistics": _head_office_only,
    "start_report": _start_report,
    "edit_report": _edit_report,
    "review_report": _review_report,
    "reopen_report": _reopen_report,
    "decide_on_reports": _decide_on_reports,
}

# Issue 6, item 17 (demo branch): /healthz/'s details (worker hosts, database vendor, broker
# error) are for head office, not for anyone who can reach the address.
RULES["see_health_details"] = _head_office_only


def may(user, action, obj=None):
    """True when ``user`` may perform ``action`` (a key of RULES) on ``obj``."""
    return RULES[action](user, obj)


def require(user, action, obj=None):
    """Raise PermissionDenied (403) unless ``user`` may do ``action``: for visible objects."""
    if not may(user, action, obj):
        raise PermissionDenied


# Rows a user may see.


def campaigns_visible_to(user):
    campaigns = Campaign.objects.all()
    if is_head_office(user):
        return campaigns
    if is_portal_user(user):
        return campaigns.exclude(status=Campaign.Status.DRAFT)
    return campaigns.none()


def reports_visible_to(user):
    """Head office sees every unit's report; a unit sees its own, whatever its status."""
    reports = StatisticsReport.objects.select_related("campaign", "organisation")
    if is_head_office(user):
        return reports
    if is_reporting_unit_member(user):
        return reports.filter(organisation_id=user.organisation_id).exclude(
            campaign__status=Campaign.Status.DRAFT
        )
    return reports.none()


def organisations_manageable_by(user):
    if is_head_office(user):
        # Head office itself is reference data, kept in the admin (OrganisationForm offers
        # no head-office kind): edited here, it could be deactivated with everyone in it.
        return Organisation.objects.exclude(kind=Organisation.Kind.HEAD_OFFICE)
    return Organisation.objects.none()


# Fetch and check.


def campaign_for_user(user, year):
    try:
        return campaigns_visible_to(user).get(year=year)
    except Campaign.DoesNotExist:
        raise Http404 from None


def campaign_for_manager(user, year):
    """The ``year`` campaign for head office's set-up pages: 404 when the user may not see
    it, 403 when they see it but may not manage campaigns."""
    campaign = campaign_for_user(user, year)
    require(user, "manage_campaigns", campaign)
    return campaign


def report_for_user(user, year, code):
    """The report of unit ``code`` in campaign ``year``, or 404 (also while none exists)."""
    try:
        return reports_visible_to(user).get(campaign__year=year, organisation__code=code)
    except StatisticsReport.DoesNotExist:
        raise Http404 from None


def report_for_reviewer(user, year, code):
    """A unit's report as head office reviews it, or 404 for everyone else: the unit
    itself works on its report at its own form page."""
    if not may(user, "review_statistics"):
        raise Http404
    return report_for_user(user, year, code)


def organisation_for_manager(user, code):
    try:
        return organisations_manageable_by(user).get(code=code)
    except Organisation.DoesNotExist:
        raise Http404 from None
