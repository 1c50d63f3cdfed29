"""Incidents: complaints that put the emergency plan in motion (SPEC §4, escalation)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .complaints import Complaint


class Incident(models.Model):
    """A complaint that head office must know about at once: ≥ 5 complainants, a group
    visit, a risk of petitioning above the bureau, or a major matter. Counts into E10–E12."""

    class Kind(models.TextChoices):
        # The statistics indicator each kind counts into is INDICATOR below.
        GROUP = "group", _("Group visit or group complaint")
        PETITION = "petition", _("Petition above the bureau or to Beijing")
        MAJOR = "major", _("Major complaint (emergency plan)")

    INDICATOR = {Kind.GROUP: "E10", Kind.PETITION: "E11", Kind.MAJOR: "E12"}

    complaint = models.OneToOneField(
        Complaint, verbose_name=_("complaint"), on_delete=models.PROTECT, related_name="incident"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    opened_at = models.DateTimeField(_("opened at"))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        ordering = ["-opened_at", "-id"]
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")
        indexes = [models.Index(fields=["closed_at", "opened_at"], name="incident_open")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.complaint}"

    @property
    def is_open(self):
        return self.closed_at is None

    @property
    def indicator_code(self):
        return self.INDICATOR[self.kind]


class IncidentStep(models.Model):
    """One step of the emergency plan, done at a time by someone; the last one closes it."""

    class Step(models.TextChoices):
        HEAD_OFFICE_ALERTED = "alerted", _("Head office alerted")
        PLAN_ACTIVATED = "plan_activated", _("Emergency plan activated")
        ON_SITE = "on_site", _("Staff on site")
        COMPANY_SUMMONED = "company_summoned", _("Company summoned")
        SITUATION_REPORTED = "situation_reported", _("Situation reported to head office")
        SETTLED = "settled", _("Settled: incident closed")

    incident = models.ForeignKey(
        Incident, verbose_name=_("incident"), on_delete=models.CASCADE, related_name="steps"
    )
    step = models.CharField(_("step"), max_length=20, choices=Step.choices)
    done_at = models.DateTimeField(_("done at"))
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("done by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["done_at", "id"]
        verbose_name = _("incident step")
        verbose_name_plural = _("incident steps")

    def __str__(self):
        return f"{self.get_step_display()} {self.done_at:%Y-%m-%d %H:%M}"
