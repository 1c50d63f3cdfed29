"""The national report's records: each build (a run), the summary head office edits, the
versions it marked final, and the deadline reminders sent to units."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def run_file_path(run, filename):
    """Every file of a run lives under the run's own folder: a re-delivered run rewrites the
    same names, so there is never a second set."""
    return f"national/{run.campaign.year}/run-{run.pk}/{filename}"


def version_file_path(version, filename):
    return f"national/{version.campaign.year}/final-{version.number}/{filename}"


class NationalReportRun(models.Model):
    """One build of a campaign's national statistics table and summary."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")

    ACTIVE = (Status.QUEUED, Status.RUNNING)
    FINISHED = (Status.SUCCEEDED, Status.FAILED)

    campaign = models.ForeignKey(
        "campaign.Campaign",
        verbose_name=_("campaign"),
        on_delete=models.PROTECT,
        related_name="national_report_runs",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    # Set once the broker took the task; a queued run without it is the sweeper's to enqueue.
    enqueued_at = models.DateTimeField(_("enqueued at"), null=True, blank=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    stage = models.CharField(_("stage"), max_length=100, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.TextField(_("error"), blank=True)
    # The database state the build saw, so head office can tell a stale build.
    report_count = models.PositiveIntegerField(_("reports counted"), null=True, blank=True)
    latest_change = models.DateTimeField(_("latest change seen"), null=True, blank=True)
    workbook = models.FileField(_("statistics table"), upload_to=run_file_path, blank=True)
    summary_docx = models.FileField(_("summary (Word)"), upload_to=run_file_path, blank=True)
    # The summary's text as generated from the figures (sanitised HTML), and its charts
    # (documents.charts.Chart.data of each): the summary page and every final version show
    # the figures of the run they came from, not today's.
    summary_html = models.TextField(_("generated summary"), blank=True)
    charts = models.JSONField(_("charts"), default=list, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("national report run")
        verbose_name_plural = _("national report runs")
        constraints = [
            # Asking again while one is queued or running returns that one (services.runs).
            models.UniqueConstraint(
                fields=["campaign"],
                condition=models.Q(status__in=["queued", "running"]),
                name="one_active_national_report_run_per_campaign",
            ),
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="national_report_progress_percent"
            ),
        ]

    def __str__(self):
        return f"{self.campaign.year} #{self.pk}"

    @property
    def is_active(self):
        return self.status in self.ACTIVE

    @property
    def is_finished(self):
        return self.status in self.FINISHED


class SummaryDraft(models.Model):
    """The summary text head office is editing for a campaign: the latest build's text until
    someone edits it; an edited draft is kept when the report is built again."""

    campaign = models.OneToOneField(
        "campaign.Campaign",
        verbose_name=_("campaign"),
        on_delete=models.CASCADE,
        related_name="summary_draft",
    )
    run = models.ForeignKey(
        NationalReportRun,
        verbose_name=_("figures from run"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    html = models.TextField(_("text"))
    # Optimistic locking, as for statistics reports: a save based on an older one is refused.
    version = models.PositiveIntegerField(_("version"), default=0)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("edited by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)

    class Meta:
        verbose_name = _("summary draft")
        verbose_name_plural = _("summary drafts")

    def __str__(self):
        return str(self.campaign)

    @property
    def is_edited(self):
        return self.edited_by_id is not None


class SummaryVersion(models.Model):
    """A final version of a campaign's summary: numbered from 1, kept, never overwritten."""

    campaign = models.ForeignKey(
        "campaign.Campaign",
        verbose_name=_("campaign"),
        on_delete=models.PROTECT,
        related_name="summary_versions",
    )
    number = models.PositiveSmallIntegerField(_("version"))
    run = models.ForeignKey(
        NationalReportRun,
        verbose_name=_("figures from run"),
        on_delete=models.PROTECT,
        related_name="final_versions",
    )
    html = models.TextField(_("text"))
    docx = models.FileField(_("summary (Word)"), upload_to=version_file_path)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("marked final by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    finalised_at = models.DateTimeField(_("marked final at"))

    class Meta:
        ordering = ["campaign", "-number"]
        verbose_name = _("final summary version")
        verbose_name_plural = _("final summary versions")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "number"], name="summary_version_number_unique"
            ),
        ]

    def __str__(self):
        return f"{self.campaign.year} v{self.number}"


class Reminder(models.Model):
    """A reminder to a unit that has not submitted: scheduled ones at most once per unit,
    campaign and day (the constraint holds when beat fires twice or two beats run); head
    office's 催报 ones each time it sends them, with who sent them."""

    class Kind(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        MANUAL = "manual", _("Sent by head office")

    campaign = models.ForeignKey(
        "campaign.Campaign",
        verbose_name=_("campaign"),
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    organisation = models.ForeignKey(
        "campaign.Organisation",
        verbose_name=_("reporting unit"),
        on_delete=models.PROTECT,
        related_name="reminders",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    # The Beijing date the reminder is for, and how many days it was before the deadline
    # (0 on the day, negative once overdue).
    day = models.DateField(_("day"))
    days_left = models.SmallIntegerField(_("days to the deadline"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    recipients = models.PositiveSmallIntegerField(_("people notified"), default=0)

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "organisation", "day"],
                condition=models.Q(kind="scheduled"),
                name="one_scheduled_reminder_per_unit_and_day",
            ),
        ]

    def __str__(self):
        return f"{self.campaign.year} {self.organisation} {self.day}"
