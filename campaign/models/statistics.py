"""The statistics table (情况统计表) as data, and each unit's report against it."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .bilingual import BilingualName, localized
from .campaigns import Campaign
from .organisations import Organisation


class Section(BilingualName):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="sections")
    code = models.CharField(_("code"), max_length=10)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["campaign", "position", "code"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "code"], name="section_code_unique"),
        ]


class Indicator(BilingualName):
    """One line of the table. Its code is the notice's (``E01``) and stays with the line."""

    class ValueType(models.TextChoices):
        INTEGER = "integer", _("Whole number")
        MONEY = "money", _("Amount with 2 decimals")

    # Which field says whether a reporting unit of that kind fills this indicator.
    KIND_FIELDS = {
        Organisation.Kind.BUREAU: "for_bureau",
        Organisation.Kind.INSURER: "for_insurer",
        Organisation.Kind.ASSOCIATION: "for_association",
    }

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="indicators")
    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="indicators")
    code = models.CharField(_("code"), max_length=10)
    unit_zh = models.CharField(_("unit (Chinese)"), max_length=20)
    unit_en = models.CharField(_("unit (English)"), max_length=40, blank=True)
    value_type = models.CharField(
        _("value type"), max_length=10, choices=ValueType.choices, default=ValueType.INTEGER
    )
    for_bureau = models.BooleanField(_("filled by bureaus"), default=True)
    for_insurer = models.BooleanField(_("filled by insurers"), default=True)
    for_association = models.BooleanField(_("filled by the association"), default=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    is_retired = models.BooleanField(
        _("retired"),
        default=False,
        help_text=_("A retired indicator is no longer asked for; values already entered stay."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["campaign", "position", "code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "code"], name="indicator_code_unique"),
        ]

    @property
    def unit(self):
        return localized(self.unit_zh, self.unit_en)

    @property
    def is_money(self):
        return self.value_type == self.ValueType.MONEY

    @classmethod
    def filter_for_kind(cls, kind):
        """A Q object for the indicators a unit of ``kind`` fills."""
        return models.Q(**{cls.KIND_FIELDS[kind]: True}, is_retired=False)


class ValidationRule(models.Model):
    """A check across indicators, kept with the table so next year's copy carries it."""

    class Severity(models.TextChoices):
        ERROR = "error", _("Error (blocks submission)")
        WARNING = "warning", _("Warning (needs a note)")

    class Operator(models.TextChoices):
        EQUALS_SUM = "eq_sum", _("equals the sum of")
        AT_MOST = "le", _("is at most")
        AT_LEAST = "ge", _("is at least")
        ZERO_EXPECTED = "zero", _("is expected to be zero")
        OUTLIER = "outlier", _("is at most a multiple of last campaign's value")
        AT_MOST_NUMBER = "le_number", _("is at most the number")

    # Which field says whether the rule is checked on a report of a unit of that kind.
    KIND_FIELDS = Indicator.KIND_FIELDS

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="rules")
    code = models.CharField(_("code"), max_length=20)
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices)
    operator = models.CharField(_("check"), max_length=10, choices=Operator.choices)
    left = models.CharField(
        _("indicator"), max_length=10, blank=True, help_text=_("Empty for every indicator.")
    )
    right = models.CharField(
        _("compared with"),
        max_length=200,
        blank=True,
        help_text=_("Indicator codes, comma-separated."),
    )
    factor = models.DecimalField(
        _("factor"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_(
            'The multiple for an outlier check; the number itself for "is at most the number".'
        ),
    )
    # A limit may make sense for one kind only: the notice's ten best are per region, so a
    # bureau's figure has the limit and a company system's, summed over many regions, has not.
    for_bureau = models.BooleanField(_("checked for bureaus"), default=True)
    for_insurer = models.BooleanField(_("checked for insurers"), default=True)
    for_association = models.BooleanField(_("checked for the association"), default=True)
    alerts_head_office = models.BooleanField(_("alerts head office"), default=False)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["campaign", "position", "code"]
        verbose_name = _("validation rule")
        verbose_name_plural = _("validation rules")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "code"], name="rule_code_unique"),
        ]

    def __str__(self):
        return self.code

    @property
    def right_codes(self):
        return [code.strip() for code in self.right.split(",") if code.strip()]

    @classmethod
    def filter_for_kind(cls, kind):
        """A Q object for the rules checked on the report of a unit of ``kind``."""
        return models.Q(**{cls.KIND_FIELDS[kind]: True})


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned")
    RESUBMITTED = "resubmitted", _("Resubmitted")
    APPROVED = "approved", _("Approved")
    REOPENED = "reopened", _("Reopened")


class ReportAction(models.TextChoices):
    SUBMIT = "submit", _("Submitted")
    RETURN = "return", _("Returned")
    APPROVE = "approve", _("Approved")
    REOPEN = "reopen", _("Reopened")


# The workflow, the one table of it: for each action, the status it may start from and the
# status it leads to. The services take the steps; everything else asks this table.
REPORT_TRANSITIONS = {
    ReportAction.SUBMIT: {
        ReportStatus.DRAFT: ReportStatus.SUBMITTED,
        ReportStatus.RETURNED: ReportStatus.RESUBMITTED,
        ReportStatus.REOPENED: ReportStatus.RESUBMITTED,
    },
    ReportAction.RETURN: {
        ReportStatus.SUBMITTED: ReportStatus.RETURNED,
        ReportStatus.RESUBMITTED: ReportStatus.RETURNED,
    },
    ReportAction.APPROVE: {
        ReportStatus.SUBMITTED: ReportStatus.APPROVED,
        ReportStatus.RESUBMITTED: ReportStatus.APPROVED,
    },
    ReportAction.REOPEN: {ReportStatus.APPROVED: ReportStatus.REOPENED},
}


class StatisticsReport(models.Model):
    """One reporting unit's statistics and written summary for one campaign."""

    Status = ReportStatus
    TRANSITIONS = REPORT_TRANSITIONS
    # Its unit may change it while it may be submitted; head office decides while it may
    # be approved.
    EDITABLE = frozenset(TRANSITIONS[ReportAction.SUBMIT])
    AWAITING_REVIEW = frozenset(TRANSITIONS[ReportAction.APPROVE])
    CONTACT_FIELDS = ("filled_by", "contact_phone", "unit_head")

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="reports")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="statistics_reports"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    summary = models.TextField(_("written summary"), blank=True)
    # Who answers for the figures: the lines under a government statistics form. A draft may
    # leave them empty; submitting needs them (services.statistics.responsibility_problems).
    filled_by = models.CharField(_("filled in by"), max_length=100, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    unit_head = models.CharField(_("head of the unit"), max_length=100, blank=True)
    # The notice: "避免利用公益活动之机推销保险业务". Confirmed once, it stays confirmed for a
    # resubmission unless the unit withdraws it; the history records who and when.
    no_sales_confirmed = models.BooleanField(
        _("no insurance sold at campaign events"), default=False
    )
    # Optimistic locking: every save increments it; a save based on an older one is refused.
    version = models.PositiveIntegerField(_("version"), default=0)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    is_late = models.BooleanField(_("late"), default=False)
    warning_count = models.PositiveSmallIntegerField(_("warnings"), default=0)
    has_alert = models.BooleanField(_("alert for head office"), default=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["campaign", "organisation__kind", "organisation__code"]
        verbose_name = _("statistics report")
        verbose_name_plural = _("statistics reports")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "organisation"], name="one_report_per_unit_and_campaign"
            ),
        ]

    def __str__(self):
        return f"{self.campaign.year} {self.organisation}"

    def allows(self, action):
        """Whether the workflow lets ``action`` be taken from the report's status."""
        return self.status in self.TRANSITIONS[action]

    @property
    def is_editable(self):
        return self.status in self.EDITABLE

    @property
    def accepts_changes(self):
        """Its unit may change and submit it now: an editable status in an open campaign."""
        return self.is_editable and self.campaign.is_open

    @property
    def awaits_review(self):
        return self.status in self.AWAITING_REVIEW

    @cached_property
    def unit_is_expected(self):
        """Whether its campaign still expects a report from its unit: one removed from the
        list keeps its report, but may no longer change it. The selectors that fetch reports
        for pages annotate it, so asking costs no query there."""
        return self.campaign.expects(self.organisation_id)

    @property
    def may_be_reopened(self):
        return self.allows(ReportAction.REOPEN)


class IndicatorValue(models.Model):
    report = models.ForeignKey(StatisticsReport, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="values")
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=2, null=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="one_value_per_indicator"),
            models.CheckConstraint(
                condition=models.Q(value__gte=Decimal(0)) | models.Q(value__isnull=True),
                name="indicator_value_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.indicator.code}={self.value}"


class WarningAcknowledgement(models.Model):
    """A unit's note on a warning it has seen; a warning with a note does not block submission."""

    report = models.ForeignKey(
        StatisticsReport, on_delete=models.CASCADE, related_name="acknowledgements"
    )
    key = models.CharField(_("warning"), max_length=40)
    note = models.CharField(_("note"), max_length=500)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    acknowledged_at = models.DateTimeField(_("acknowledged at"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("warning acknowledgement")
        verbose_name_plural = _("warning acknowledgements")
        constraints = [
            models.UniqueConstraint(fields=["report", "key"], name="one_note_per_warning"),
        ]

    def __str__(self):
        return f"{self.key}: {self.note}"


class ReportTransition(models.Model):
    """One step of the workflow, with the values as they stood: the report's timeline."""

    Action = ReportAction

    report = models.ForeignKey(
        StatisticsReport, on_delete=models.CASCADE, related_name="transitions"
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    from_status = models.CharField(_("from"), max_length=12, choices=ReportStatus.choices)
    to_status = models.CharField(_("to"), max_length=12, choices=ReportStatus.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("at"))
    is_late = models.BooleanField(_("late"), default=False)
    comment = models.TextField(_("comment"), blank=True)
    # Indicator code → value as text ("" for empty), to show what changed since this step.
    values = models.JSONField(_("values"), default=dict)
    # The rest as it stood: {"summary": sanitised HTML, "attachments": [{"id", "name"}],
    # "contacts": {field: text}}. Empty for steps taken before it was recorded.
    snapshot = models.JSONField(_("snapshot"), default=dict, blank=True)
    # A submission with group incidents (E10–E12 > 0) owes head office one alert; the alert's
    # state lives here, on the submission it is about, not on the report that moves on.
    alert_due = models.BooleanField(_("alerts head office"), default=False)
    # Set once head office has been alerted about this submission.
    alert_sent_at = models.DateTimeField(_("alert sent at"), null=True, blank=True)

    class Meta:
        ordering = ["report", "at", "id"]
        verbose_name = _("report transition")
        verbose_name_plural = _("report transitions")

    def __str__(self):
        when = date_format(timezone.localtime(self.at), "DATETIME_FORMAT")
        return f"{self.get_action_display()} {when}"


class IndicatorComment(models.Model):
    """Head office's comment pinned to one indicator when returning a report."""

    transition = models.ForeignKey(
        ReportTransition, on_delete=models.CASCADE, related_name="indicator_comments"
    )
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    text = models.CharField(_("comment"), max_length=500)

    class Meta:
        ordering = ["transition", "indicator__position"]
        verbose_name = _("indicator comment")
        verbose_name_plural = _("indicator comments")

    def __str__(self):
        return self.text


def attachment_path(instance, filename):
    report = instance.report
    return f"statistics/{report.campaign.year}/{report.organisation.code}/{filename}"


class ReportAttachment(models.Model):
    report = models.ForeignKey(
        StatisticsReport, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to=attachment_path)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["report", "uploaded_at"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.original_name


def statistics_upload_path(instance, filename):
    # The stored name is ours; the user's file name is kept for display only.
    report = instance.report
    return f"statistics/{report.campaign.year}/{report.organisation.code}/uploads/form.xlsx"


class StatisticsUpload(models.Model):
    """An Excel form uploaded for a report, accepted or refused.

    A refused file is kept (unless refused for safety) so that it can be given back with
    its problems marked; ``errors`` lists them as {"sheet", "cell", "code", "message",
    "message_en"}.
    """

    report = models.ForeignKey(StatisticsReport, on_delete=models.CASCADE, related_name="uploads")
    file = models.FileField(_("file"), upload_to=statistics_upload_path, blank=True)
    original_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveBigIntegerField(_("size"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    accepted = models.BooleanField(_("accepted"), default=False)
    changed_count = models.PositiveIntegerField(_("values changed"), default=0)
    # The result in Chinese and in English, each reader's shown (``result``); rows from
    # before both were kept have only ``message``, in the uploader's language.
    message = models.TextField(_("result"), blank=True)
    message_en = models.TextField(_("result (English)"), blank=True)
    errors = models.JSONField(_("errors"), default=list, blank=True)

    class Meta:
        ordering = ["report", "-uploaded_at", "-id"]
        verbose_name = _("Excel upload")
        verbose_name_plural = _("Excel uploads")

    def __str__(self):
        return self.original_name

    @property
    def can_be_annotated(self):
        return not self.accepted and bool(self.file) and bool(self.errors)

    @property
    def result(self):
        return localized(self.message, self.message_en)
