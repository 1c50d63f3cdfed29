"""Who may do what to which object: the one place that answers it.

Views, selectors, templates (the ``may`` tag), the API and tasks ask here; nothing
re-derives a permission inline. Fetch-and-check helpers answer 404 for what the user
may not see, so another organisation's records are not even confirmed to exist.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from campaign.models import Campaign, Organisation, User


def organisation_kind(user):
    if not user.is_authenticated or not user.is_active or user.organisation_id is None:
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


RULES = {
    "view_campaign": _view_campaign,
    "manage_campaigns": _head_office_only,
    "manage_organisations": _head_office_only,
}


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


def organisations_manageable_by(user):
    if is_head_office(user):
        return Organisation.objects.all()
    return Organisation.objects.none()


# Fetch and check.


def campaign_for_user(user, year):
    try:
        return campaigns_visible_to(user).get(year=year)
    except Campaign.DoesNotExist:
        raise Http404 from None


def organisation_for_manager(user, code):
    try:
        return organisations_manageable_by(user).get(code=code)
    except Organisation.DoesNotExist:
        raise Http404 from None
