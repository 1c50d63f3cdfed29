"""The vocabulary of who someone is: the kind of organisation they work in and their role
there. The models store these values and portal.access decides by them, so access needs
no feature app to answer."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    HEAD_OFFICE = "head_office", _("Head office")
    BUREAU = "bureau", _("Regional bureau")
    INSURER = "insurer", _("Insurance company")
    ASSOCIATION = "association", _("Industry association")


# The kinds that fill in a statistics form of their own ("本地区、本系统").
REPORTING_KINDS = (OrganisationKind.BUREAU, OrganisationKind.INSURER, OrganisationKind.ASSOCIATION)


class Role(models.TextChoices):
    STAFF = "staff", _("Staff")
    REVIEWER = "reviewer", _("Reviewer")
    HOTLINE = "hotline", _("12378 hotline operator")
    # Manages the accounts of their own organisation (head office's: every account).
    ADMIN = "admin", _("Administrator")
