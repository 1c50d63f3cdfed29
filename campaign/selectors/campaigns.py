"""The campaigns a user sees and lands on."""

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from portal import access

from ..models import Campaign


def campaigns_visible_to(user):
    """Every portal user sees the campaigns head office has opened; head office its drafts too."""
    return access.scoped_to(
        user, Campaign.objects.all(), owner=None, unpublished=Q(status=Campaign.Status.DRAFT)
    )


def campaign_for_user(user, year):
    """The ``year`` campaign, or 404 for a user who may not see it."""
    return get_object_or_404(campaigns_visible_to(user), year=year)


def campaign_for_manager(user, year):
    """The ``year`` campaign for head office's set-up pages: 404 when the user may not see
    it, 403 when they see it but may not manage campaigns."""
    campaign = campaign_for_user(user, year)
    access.require(user, "manage_campaigns", campaign)
    return campaign


def current_campaign_for(user):
    """The campaign a user lands on: the latest open one, else the latest they may see."""
    campaigns = campaigns_visible_to(user)
    return (
        campaigns.filter(status=Campaign.Status.OPEN).order_by("-year").first()
        or campaigns.order_by("-year").first()
    )


def current_campaign_or_404(user):
    """The campaign ``user`` lands on (current_campaign_for), or 404 when they see none."""
    campaign = current_campaign_for(user)
    if campaign is None:
        raise Http404
    return campaign


def previous_campaign(campaign):
    """The latest campaign before ``campaign`` (campaign years need not follow each other):
    the one whose units a new campaign starts with, and whose figures and commitments this
    year's are set beside."""
    return Campaign.objects.filter(year__lt=campaign.year).order_by("-year").first()


def campaign_with_contacts(user, year):
    campaign = campaign_for_user(user, year)
    campaign.contact_list = list(campaign.contacts.all())
    return campaign


def latest_campaign_contacts(user):
    """The contacts of the latest campaign the user sees, as initial rows of a new campaign."""
    latest = campaigns_visible_to(user).order_by("-year").first()
    if latest is None:
        return []
    return [{"name": c.name, "phone": c.phone} for c in latest.contacts.all()]
