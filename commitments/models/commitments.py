"""A company's service commitment in a campaign year, each version a row of its own; the
steps taken on it; and what bureaus and head office say about it."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from campaign.models import Campaign, Organisation, ProductLine, Region

from .kinds import CommitmentKind, Duration, Unit


class ServiceCommitment(models.Model):
    """What ``company`` promises consumers in ``campaign``'s year: a kind, its words, its time
    limit where the kind has one, and where it applies (a product line, a region, or every
    line nationwide when both are empty).

    A published commitment is never changed: amending it drafts a new version
    (``previous_version``), which on publication supersedes it; both stay readable.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        SUPERSEDED = "superseded", _("Superseded by a newer version")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    company = models.ForeignKey(
        Organisation,
        verbose_name=_("company"),
        on_delete=models.PROTECT,
        related_name="service_commitments",
    )
    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.ForeignKey(
        CommitmentKind, verbose_name=_("kind"), on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(_("commitment"))
    limit_value = models.PositiveIntegerField(_("time limit"), null=True, blank=True)
    limit_unit = models.CharField(_("unit"), max_length=15, choices=Unit.choices, blank=True)
    window_start = models.TimeField(_("from"), null=True, blank=True)
    window_end = models.TimeField(_("to"), null=True, blank=True)
    product_line = models.ForeignKey(
        ProductLine,
        verbose_name=_("product line"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty: every product line."),
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty: nationwide."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    previous_version = models.OneToOneField(
        "self",
        verbose_name=_("amends"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="next_version",
    )
    loosening_reason = models.TextField(
        _("reason for a weaker promise than last year's"),
        blank=True,
        help_text=_("Published with the commitment."),
    )
    withdrawal_reason = models.TextField(_("reason for withdrawing"), blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    ended_at = models.DateTimeField(_("superseded or withdrawn at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("drafted by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["company", "kind", "pk"]
        verbose_name = _("service commitment")
        verbose_name_plural = _("service commitments")
        indexes = [
            # The public pages: what is published now, by company and by kind.
            models.Index(fields=["status", "company", "kind"], name="commitment_current"),
            models.Index(fields=["status", "kind"], name="commitment_current_by_kind"),
            models.Index(fields=["company", "campaign", "status"], name="commitment_company_year"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(limit_value__isnull=True, limit_unit="")
                | Q(limit_value__gt=0) & ~Q(limit_unit=""),
                name="commitment_limit_value_and_unit",
            ),
            models.CheckConstraint(
                condition=Q(window_start__isnull=True, window_end__isnull=True)
                | Q(window_start__lt=models.F("window_end")),
                name="commitment_window_in_order",
            ),
            models.CheckConstraint(
                condition=~Q(previous_version=models.F("pk")),
                name="commitment_not_its_own_version",
            ),
        ]

    def __str__(self):
        return f"{self.company} {self.campaign.year} {self.kind} v{self.version}"

    @property
    def organisation_id(self):
        """The organisation that owns it, as portal.access reads every object."""
        return self.company_id

    @property
    def duration(self):
        """The time limit as a Duration (value, unit), or None."""
        return Duration(self.limit_value, self.limit_unit) if self.limit_value else None

    @property
    def window(self):
        return (self.window_start, self.window_end) if self.window_start else None


class CommitmentTransition(models.Model):
    """One step taken on a commitment: who, when, from and to which status, and why."""

    commitment = models.ForeignKey(
        ServiceCommitment,
        verbose_name=_("commitment"),
        on_delete=models.CASCADE,
        related_name="transitions",
    )
    action = models.CharField(_("step"), max_length=20)
    from_status = models.CharField(
        _("from"), max_length=12, choices=ServiceCommitment.Status.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=12, choices=ServiceCommitment.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("at"))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("commitment step")
        verbose_name_plural = _("commitment steps")

    def __str__(self):
        return f"{self.commitment_id} {self.action} {self.at:%Y-%m-%d %H:%M}"


class CommitmentRemark(models.Model):
    """A bureau's comment on a commitment of a company in its region, or head office's flag
    asking the company to correct it (open until the company publishes a new version)."""

    class Kind(models.TextChoices):
        COMMENT = "comment", _("Comment")
        CORRECTION = "correction", _("Correction requested")

    commitment = models.ForeignKey(
        ServiceCommitment,
        verbose_name=_("commitment"),
        on_delete=models.CASCADE,
        related_name="remarks",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    text = models.TextField(_("text"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("at"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("remark on a commitment")
        verbose_name_plural = _("remarks on commitments")

    def __str__(self):
        return f"{self.commitment_id} {self.kind} {self.created_at:%Y-%m-%d %H:%M}"
