import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Campaign(models.Model):
    """One year's 3·15 campaign, as set up by the notice that announces it."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    theme = models.CharField(_("theme"), max_length=200)
    notice_reference = models.CharField(_("notice reference"), max_length=100)
    notice_title = models.CharField(_("notice title"), max_length=300, blank=True)
    period_start = models.DateField(_("activity period from"))
    period_end = models.DateField(_("activity period to"))
    deadline = models.DateField(
        _("submission deadline"),
        help_text=_("Statistics and summaries are due by the end of this day, Beijing time."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    # The units the year's notice goes to: each campaign has its own list, head office's to edit.
    expected_units = models.ManyToManyField(
        "campaign.Organisation",
        verbose_name=_("units expected to report"),
        through="ExpectedUnit",
        related_name="expecting_campaigns",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="campaign_period_ordered",
            ),
        ]

    def __str__(self):
        return _("%(year)s 3·15 campaign") % {"year": self.year}

    @property
    def is_open(self):
        return self.status == self.Status.OPEN

    @property
    def is_published(self):
        """Head office prepares a draft campaign before anyone else sees it."""
        return self.status != self.Status.DRAFT

    @property
    def deadline_at(self):
        """The first instant after the deadline day ends in Beijing time."""
        next_day = self.deadline + datetime.timedelta(days=1)
        return datetime.datetime.combine(next_day, datetime.time.min, ZoneInfo(settings.TIME_ZONE))

    def is_late_at(self, moment):
        """Whether a submission at ``moment`` is late: the deadline day has ended."""
        return moment >= self.deadline_at

    def days_left(self, today):
        """Whole days from ``today`` (a local date) to the deadline day; negative once past."""
        return (self.deadline - today).days

    def expects(self, organisation_id):
        """Whether the organisation is on this campaign's list of units expected to report
        (one query)."""
        return self.expectations.filter(organisation_id=organisation_id).exists()


class CampaignContact(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=100)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self):
        return self.name


class ExpectedUnit(models.Model):
    """A reporting unit a campaign expects a report from. Adding a unit writes a row and
    removing it deletes the row; the history keeps both, with who did it and when."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="expectations"
    )
    organisation = models.ForeignKey(
        "campaign.Organisation",
        verbose_name=_("reporting unit"),
        on_delete=models.PROTECT,
        related_name="expectations",
    )

    history = HistoricalRecords()
    # The change reason of the history rows a new campaign's first list writes: the set-up,
    # not a change head office made to the list.
    SET_UP = "set up"

    class Meta:
        verbose_name = _("expected unit")
        verbose_name_plural = _("expected units")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "organisation"], name="unit_expected_once_per_campaign"
            ),
        ]

    def __str__(self):
        return f"{self.campaign.year} {self.organisation}"
