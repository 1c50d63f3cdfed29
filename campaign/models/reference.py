"""Reference data more than one feature reads, shipped with the product (migrations): the
insurance product lines (complaints are about one, commitments cover one) and the holiday
calendar behind every working-day limit. Head office adds rows in the admin (a new year's
holidays)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .bilingual import BilingualName


class ProductLine(BilingualName):
    """An insurance product line, under property (财产险) or life and health (人身险)."""

    class Branch(models.TextChoices):
        PROPERTY = "property", _("Property insurance")
        LIFE = "life", _("Life and health insurance")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    branch = models.CharField(_("branch"), max_length=10, choices=Branch.choices)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("product line")
        verbose_name_plural = _("product lines")


class CalendarDay(models.Model):
    """A day that is not what its weekday says: an official holiday on a weekday, or a
    weekend day worked in exchange (调休). Every other Saturday and Sunday is a day off."""

    date = models.DateField(_("date"), unique=True)
    is_working_day = models.BooleanField(_("working day"))
    name = models.CharField(_("occasion"), max_length=100, help_text=_("E.g. 清明节."))

    class Meta:
        ordering = ["date"]
        verbose_name = _("holiday calendar day")
        verbose_name_plural = _("holiday calendar")

    def __str__(self):
        return f"{self.date} {self.name}"
