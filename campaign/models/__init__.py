from .campaigns import Campaign, CampaignContact
from .organisations import Organisation, Region, User

__all__ = ["Campaign", "CampaignContact", "Organisation", "Region", "User"]
