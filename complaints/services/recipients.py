"""Who hears about a complaint on behalf of an organisation."""

from campaign.models import User
from campaign.services.report_notifications import active_people


def handlers_of(organisation):
    """The organisation's active people who handle complaints (not hotline seats)."""
    return active_people(organisation).exclude(role=User.Role.HOTLINE).order_by("pk")
