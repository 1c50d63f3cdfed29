"""The claim behind a complaint, as the company (or the bureau, checking) records its dates:
what Insurance Law art. 23 and the companies' service commitments time."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .complaints import Complaint


class ClaimTimeline(models.Model):
    """When the claim's documents were complete, the liability decided, the payment agreed
    and paid. Each stays empty until it is known (or has happened); changed only through
    complaints.services.claims, which records each change as a step of the complaint."""

    # In the order they happen: each, when recorded, is not before the one above it.
    MOMENTS = ("documents_complete_at", "decided_at", "agreed_at", "paid_at")

    complaint = models.OneToOneField(
        Complaint,
        verbose_name=_("complaint"),
        on_delete=models.CASCADE,
        related_name="claim_timeline",
    )
    # Named as the page lists them (收到完整索赔材料, 作出核定, …), the time beside each.
    documents_complete_at = models.DateTimeField(
        _("complete claim documents received"), null=True, blank=True
    )
    decided_at = models.DateTimeField(_("liability decided"), null=True, blank=True)
    agreed_at = models.DateTimeField(_("payment agreed"), null=True, blank=True)
    paid_at = models.DateTimeField(_("claim paid"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("last recorded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("claim timeline")
        verbose_name_plural = _("claim timelines")

    def __str__(self):
        return f"{self.complaint_id}"
