"""How often each company kept its promises, per year and kind of commitment, as measured
from the records of when its clock started and when it acted (commitments.promises)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from campaign.models import Organisation

from .kinds import CommitmentKind


class PromiseRecord(models.Model):
    """One company's record on one kind of commitment for the complaints of one ``year``:
    how many times it acted within its own published limit and within the law's, and how
    many times it did not. Rebuilt by measure_promises; the public pages read it as it is."""

    company = models.ForeignKey(
        Organisation,
        verbose_name=_("company"),
        on_delete=models.CASCADE,
        related_name="promise_records",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.ForeignKey(
        CommitmentKind, verbose_name=_("kind"), on_delete=models.CASCADE, related_name="+"
    )
    kept = models.PositiveIntegerField(_("kept its own promise"), default=0)
    broken = models.PositiveIntegerField(_("did not keep its own promise"), default=0)
    kept_by_law = models.PositiveIntegerField(_("within the statutory limit"), default=0)
    broken_by_law = models.PositiveIntegerField(_("beyond the statutory limit"), default=0)
    without_promise = models.PositiveIntegerField(
        _("no promise of its own in force"),
        default=0,
        help_text=_("Measured against the law only."),
    )
    pending = models.PositiveIntegerField(
        _("not yet done, still within the limit"),
        default=0,
        help_text=_("Counted once done or once the limit has passed."),
    )
    measured_at = models.DateTimeField(_("measured at"))

    class Meta:
        ordering = ["company", "year", "kind"]
        verbose_name = _("promises kept")
        verbose_name_plural = _("promises kept")
        constraints = [
            models.UniqueConstraint(
                fields=["company", "year", "kind"], name="promise_record_once_per_year_and_kind"
            ),
        ]

    def __str__(self):
        return f"{self.company_id} {self.year} {self.kind_id}: {self.kept}/{self.measured}"

    @property
    def measured(self):
        return self.kept + self.broken

    @property
    def measured_by_law(self):
        return self.kept_by_law + self.broken_by_law

    @property
    def kept_share(self):
        """The share of measured episodes in which it kept its promise; None when none."""
        return self.kept / self.measured if self.measured else None
