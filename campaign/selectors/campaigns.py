"""The campaigns a user sees and lands on."""

from portal import access

from ..models import Campaign


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


def latest_campaign_contacts(user):
    """The contacts of the latest campaign the user sees, as initial rows of a new campaign."""
    latest = access.campaigns_visible_to(user).order_by("-year").first()
    if latest is None:
        return []
    return [{"name": c.name, "phone": c.phone} for c in latest.contacts.all()]
