"""Who hears about a complaint on behalf of an organisation: its active people who handle
complaints (hotline seats take calls, they do not handle them)."""

from campaign.models import Organisation, User
from campaign.services.report_notifications import active_people


def handlers_of(organisation):
    """The organisation's active people who handle complaints."""
    return active_people(organisation).exclude(role=User.Role.HOTLINE).order_by("pk")


def head_office_handlers():
    """Head office's active people who handle complaints: whom an incident alert reaches."""
    return (
        User.objects.filter(
            is_active=True,
            organisation__kind=Organisation.Kind.HEAD_OFFICE,
            organisation__is_active=True,
        )
        .exclude(role=User.Role.HOTLINE)
        .order_by("pk")
    )
