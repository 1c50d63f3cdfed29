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


# People management (issue 6, item 7): head office manages every account; an organisation's
# administrator manages the accounts of their own organisation only. ``person`` is a user
# (saved or about to be); only its organisation_id is read.


def is_organisation_admin(user):
    return is_portal_user(user) and user.role == User.Role.ADMIN


def _manage_people(user, person=None):
    """Without ``person``: may the user open the people pages at all."""
    if is_head_office(user):
        return True
    if not is_organisation_admin(user):
        return False
    return person is None or (
        person.organisation_id is not None and person.organisation_id == user.organisation_id
    )


RULES["manage_people"] = _manage_people


def roles_grantable_by(user):
    """The roles ``user`` may give: reviewers and hotline seats are head office's to appoint."""
    if is_head_office(user):
        return list(User.Role)
    if is_organisation_admin(user):
        return [User.Role.STAFF, User.Role.ADMIN]
    return []


def people_managed_by(user, people):
    """Narrow ``people`` (a queryset of users) to the accounts ``user`` manages."""
    if is_head_office(user):
        return people
    if is_organisation_admin(user):
        return people.filter(organisation_id=user.organisation_id)
    return people.none()


def organisations_staffed_by(user, organisations):
    """Narrow ``organisations`` to those ``user`` may add people to or move people into."""
    if is_head_office(user):
        return organisations
    if is_organisation_admin(user):
        return organisations.filter(pk=user.organisation_id)
    return organisations.none()


def person_for_manager(user, people, username):
    """The account ``username`` from ``people`` if ``user`` manages it, else 404: another
    organisation's staff are not even confirmed to exist."""
    try:
        return people_managed_by(user, people).get(username=username)
    except people.model.DoesNotExist:
        raise Http404 from None


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
