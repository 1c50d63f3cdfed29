from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal.addresses import validate_not_an_address_word
from portal.roles import REPORTING_KINDS, OrganisationKind, Role

from .bilingual import BilingualName


class Region(BilingualName):
    """A province-level division or a city with its own bureau (GB/T 2260 code)."""

    code = models.CharField(_("division code"), max_length=6, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("province"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cities",
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")


class Organisation(BilingualName):
    Kind = OrganisationKind
    REPORTING_KINDS = REPORTING_KINDS

    code = models.SlugField(
        _("code"),
        max_length=40,
        unique=True,
        help_text=_("Short identifier used in addresses and file names, e.g. beijing."),
        # The code is part of the unit's addresses (statistics/2013/<code>/).
        validators=[validate_not_an_address_word],
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    regions = models.ManyToManyField(
        Region,
        verbose_name=_("regions covered"),
        blank=True,
        related_name="bureaus",
        help_text=_("For a regional bureau: the provinces or cities whose complaints it handles."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    position = models.PositiveSmallIntegerField(
        _("order"),
        default=0,
        help_text=_(
            "Order in lists. Bureaus come as CIRC lists them: the provincial-level ones, then "
            "Dalian, Ningbo, Xiamen, Qingdao and Shenzhen."
        ),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "position", "code"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    @property
    def is_head_office(self):
        return self.kind == self.Kind.HEAD_OFFICE

    @property
    def is_reporting_unit(self):
        return self.kind in self.REPORTING_KINDS


class User(AbstractUser):
    """A person working in one organisation, with one role there."""

    Role = Role

    # One name field: a Chinese name is one string (王芳), not a given name and a family name.
    first_name = None
    last_name = None
    full_name = models.CharField(
        _("full name"), max_length=150, blank=True, help_text=_("As written in Chinese, e.g. 王芳.")
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.STAFF)
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    # Who changed an account and how; a password and the time of the last login are not history.
    history = HistoricalRecords(excluded_fields=["password", "last_login"])
    # The change reason of the history entry an unlock writes (it changes no field).
    UNLOCKED = "unlocked"

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            # "Wang" and "wang" would be two accounts a letter's case apart; the service
            # checks first, and this holds when two administrators create them at once.
            models.UniqueConstraint(Lower("username"), name="username_unique_ignoring_case"),
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        """The real name where one is recorded, else the login name."""
        return self.full_name or self.username

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.display_name
