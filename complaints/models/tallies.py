"""The dashboards' complaint figures, counted ahead of time so that a dashboard reads one row
whatever the number of complaints (complaints.services.tallies keeps them)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from campaign.models import Organisation


class ComplaintTally(models.Model):
    """The complaints received in ``year`` that one dashboard shows, as they stood at
    ``computed_at``: a bureau's (routed to it), a company's (forwarded to it) or, with no
    organisation, head office's (all of them). ``counts`` is a ComplaintCounts
    (complaints.selectors.statistics) as JSON; overdue is as of ``as_of``."""

    year = models.PositiveSmallIntegerField(_("year received"))
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    counts = models.JSONField(_("counts"))
    as_of = models.DateField(_("overdue as of"))
    computed_at = models.DateTimeField(_("computed at"))

    class Meta:
        verbose_name = _("complaint tally")
        verbose_name_plural = _("complaint tallies")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "organisation"], name="complaint_tally_one_per_organisation"
            ),
            # NULLs are distinct in the constraint above: head office's row has its own.
            models.UniqueConstraint(
                fields=["year"],
                condition=Q(organisation__isnull=True),
                name="complaint_tally_one_national",
            ),
        ]

    def __str__(self):
        return f"{self.year} {self.organisation or '*'} @ {self.computed_at:%Y-%m-%d %H:%M}"
