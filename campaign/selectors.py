from django.db.models import Q

from portal import access

from .models import Campaign


def current_campaign_for(user):
    """The campaign a user lands on: the latest open one, else the latest they may see."""
    campaigns = access.campaigns_visible_to(user)
    return (
        campaigns.filter(status=Campaign.Status.OPEN).order_by("-year").first()
        or campaigns.order_by("-year").first()
    )


def campaign_with_contacts(user, year):
    campaign = access.campaign_for_user(user, year)
    campaign.contact_list = list(campaign.contacts.all())
    return campaign


def organisation_search(user, *, query="", kind=""):
    organisations = access.organisations_manageable_by(user).prefetch_related("regions")
    if kind:
        organisations = organisations.filter(kind=kind)
    if query:
        organisations = organisations.filter(
            Q(code__icontains=query) | Q(name_zh__icontains=query) | Q(name_en__icontains=query)
        )
    return organisations.order_by("kind", "code")
