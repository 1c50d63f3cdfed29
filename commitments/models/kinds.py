"""What companies may promise: the kinds of commitment in each stage, the units a time limit
may be given in, and the limits the law sets. All of them are data (head office extends the
kinds in the admin; the statutory limits ship with their source)."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from campaign.models.bilingual import BilingualName


class Stage(models.TextChoices):
    SALES = "sales", _("Sales")
    AFTER_SALES = "after_sales", _("After-sales")
    CLAIMS = "claims", _("Claims")


class Unit(models.TextChoices):
    MINUTES = "minutes", _("minutes")
    HOURS = "hours", _("hours")
    DAYS = "days", _("days")
    WORKING_DAYS = "working_days", _("working days")


@dataclass(frozen=True)
class Duration:
    """A time limit as stated: ``value`` of a Unit."""

    value: int
    unit: str

    @property
    def in_working_days(self):
        return self.unit == Unit.WORKING_DAYS


class CommitmentKind(BilingualName):
    """One kind of promise in a stage (报案后到达现场, 赔款支付, …) and what its time limit is:
    none, a duration in one of ``units``, or the hours of the day it covers (call hours)."""

    class Limit(models.TextChoices):
        NONE = "none", _("No time limit")
        DURATION = "duration", _("Within a time")
        TIME_WINDOW = "time_window", _("Hours of the day")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    stage = models.CharField(_("stage"), max_length=15, choices=Stage.choices)
    limit = models.CharField(_("time limit"), max_length=15, choices=Limit.choices)
    units = models.JSONField(
        _("units allowed"),
        default=list,
        blank=True,
        help_text=_("For a time: the units a company may state it in."),
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["stage", "position", "code"]
        verbose_name = _("kind of commitment")
        verbose_name_plural = _("kinds of commitment")

    def clean(self):
        if not isinstance(self.units, list) or not all(isinstance(u, str) for u in self.units):
            raise ValidationError(
                {"units": _('A list of units, e.g. ["hours", "days", "working_days"].')}
            )
        unknown = set(self.units) - set(Unit.values)
        if unknown:
            raise ValidationError({"units": _("Unknown units: %s.") % ", ".join(sorted(unknown))})
        if (self.limit == self.Limit.DURATION) != bool(self.units):
            raise ValidationError(
                {"units": _("A time limit needs its units; other kinds have none.")}
            )


class StatutoryLimit(models.Model):
    """The longest a kind of promise may allow by law, from the day it came into force: a
    commitment that allows more is refused, citing ``source``."""

    kind = models.ForeignKey(
        CommitmentKind,
        verbose_name=_("kind of commitment"),
        on_delete=models.CASCADE,
        related_name="statutory_limits",
    )
    value = models.PositiveSmallIntegerField(_("limit"))
    unit = models.CharField(_("unit"), max_length=15, choices=Unit.choices)
    source = models.CharField(
        _("source"), max_length=100, help_text=_("E.g. 《保险法》第二十三条.")
    )
    provision = models.TextField(_("provision"), help_text=_("The words of the law."))
    effective_from = models.DateField(_("in force from"))

    class Meta:
        ordering = ["kind", "-effective_from"]
        verbose_name = _("statutory time limit")
        verbose_name_plural = _("statutory time limits")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "effective_from"], name="statutory_limit_one_per_kind_and_day"
            ),
            models.CheckConstraint(
                condition=models.Q(value__gt=0), name="statutory_limit_positive"
            ),
        ]

    def __str__(self):
        return f"{self.source}: {self.value} {self.get_unit_display()}"

    @property
    def duration(self):
        return Duration(self.value, self.unit)
