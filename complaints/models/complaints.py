"""The complaint, each step taken on it, its attachments, and who saw its personal data."""

import re

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from encrypted_fields.fields import EncryptedCharField

from campaign.models import Organisation, ProductLine, Region

from .reference import Category

REFERENCE_PREFIX = "12378"
# 12378-2013-00012345: the hotline's number, the year received, the complaint's row number.
REFERENCE_PATTERN = re.compile(r"^\s*12378-(\d{4})-(\d{8,})\s*$")


def parse_reference(text):
    """(year, id) of a reference like 12378-2013-00012345; None for anything else."""
    match = REFERENCE_PATTERN.match(text or "")
    if match is None:
        return None
    return int(match[1]), int(match[2])


class Complaint(models.Model):
    """One complaint (信、访、电、网) from its registration to its closing.

    Its reference is made from the year it was received and its row id, so it is unique and
    never reused by construction, whatever number of operators register complaints at once.
    ``status``, ``due_on`` and the clock fields change only through complaints.services.
    """

    class Channel(models.TextChoices):
        LETTER = "letter", _("Letter")
        VISIT = "visit", _("Visit")
        PHONE = "phone", _("Phone (12378)")
        WEB = "web", _("Web")

    class Status(models.TextChoices):
        # In context: a statistics report is "accepted" (已接收) and a campaign "closed" (已结束),
        # while a complaint is 已受理 and 已办结.
        REGISTERED = "registered", pgettext_lazy("complaint status", "Registered")
        AWAITING_MATERIAL = (
            "awaiting_material",
            pgettext_lazy("complaint status", "Awaiting material from the complainant"),
        )
        ACCEPTED = "accepted", pgettext_lazy("complaint status", "Accepted")
        NOT_ACCEPTED = "not_accepted", pgettext_lazy("complaint status", "Not accepted")
        FORWARDED = "forwarded", pgettext_lazy("complaint status", "Forwarded to the company")
        ANSWERED = "answered", pgettext_lazy("complaint status", "Company answered")
        MEDIATION = "mediation", pgettext_lazy("complaint status", "In mediation")
        CLOSED = "closed", pgettext_lazy("complaint status", "Closed")
        REOPENED = "reopened", pgettext_lazy("complaint status", "Reopened")

    # The states in which nobody's clock runs any more.
    FINISHED = (Status.NOT_ACCEPTED, Status.CLOSED)

    class Complexity(models.TextChoices):
        SIMPLE = "simple", _("Simple case")
        OTHER = "other", _("Other case")

    class Outcome(models.TextChoices):
        RESOLVED = "resolved", _("Resolved")
        UNRESOLVED = "unresolved", _("Not resolved")
        MERGED = "merged", _("Merged into another complaint")

    year = models.PositiveSmallIntegerField(_("year"))
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    received_at = models.DateTimeField(_("received at"))

    # Personal information, encrypted at rest (keys: settings.SALT_KEY, from the environment).
    complainant_name = EncryptedCharField(_("complainant's name"), max_length=100)
    complainant_phone = EncryptedCharField(_("complainant's phone"), max_length=30)
    # The package stores an empty value as NULL.
    complainant_id_number = EncryptedCharField(
        _("complainant's ID number"), max_length=30, blank=True, null=True
    )
    complainant_address = EncryptedCharField(
        _("complainant's address"), max_length=300, blank=True, null=True
    )
    # A keyed hash of the phone's digits: finds possible duplicates without decrypting.
    phone_hash = models.CharField(_("phone hash"), max_length=64, editable=False)

    company = models.ForeignKey(
        Organisation,
        verbose_name=_("company"),
        on_delete=models.PROTECT,
        related_name="complaints_against",
        limit_choices_to={"kind": Organisation.Kind.INSURER},
    )
    company_branch = models.CharField(_("branch"), max_length=200, blank=True)
    region = models.ForeignKey(
        Region,
        verbose_name=_("complainant's region"),
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    bureau = models.ForeignKey(
        Organisation,
        verbose_name=_("handling bureau"),
        on_delete=models.PROTECT,
        related_name="complaints_handled",
        limit_choices_to={"kind": Organisation.Kind.BUREAU},
    )
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="+"
    )
    product_line = models.ForeignKey(
        ProductLine, verbose_name=_("product line"), on_delete=models.PROTECT, related_name="+"
    )
    description = models.TextField(_("what happened"))
    amount_in_dispute = models.DecimalField(
        _("amount in dispute (yuan)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    request = models.TextField(_("what the complainant asks for"), blank=True)
    complainant_count = models.PositiveIntegerField(_("number of complainants"), default=1)
    group_visit = models.BooleanField(_("group visit or group complaint (群访群诉)"), default=False)
    petition_risk = models.BooleanField(
        _("risk of petitioning above the bureau (越级上访/进京上访)"), default=False
    )
    major_matter = models.BooleanField(_("major matter (重大投诉事项)"), default=False)

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.REGISTERED
    )
    status_changed_at = models.DateTimeField(_("status changed at"))
    # The current step's limit: the last day it may be done on. Empty while the clock is
    # paused (awaiting material) or once the complaint is finished.
    due_on = models.DateField(_("due on"), null=True, blank=True)
    # Why the clock stands still, shown beside the complaint while it does.
    paused_reason = models.CharField(_("clock paused because"), max_length=300, blank=True)
    material_complete_on = models.DateField(_("material complete on"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    forwarded_at = models.DateTimeField(_("forwarded at"), null=True, blank=True)
    # When the company registered and accepted the forwarded complaint (立案受理): the end of
    # the acceptance time its service commitment promises.
    company_accepted_at = models.DateTimeField(
        _("accepted by the company at"), null=True, blank=True
    )
    complexity = models.CharField(
        _("complexity"), max_length=10, choices=Complexity.choices, blank=True
    )
    extension_days = models.PositiveSmallIntegerField(_("extension (days)"), default=0)
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices, blank=True)
    consumer_satisfied = models.BooleanField(_("complainant satisfied"), null=True, blank=True)

    possible_duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("possible duplicate of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="possible_duplicates",
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged",
    )

    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints_registered",
        help_text=_("Empty for a complaint filed on the public web form."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_index=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        indexes = [
            # A bureau's and a company's list: their open complaints, nearest deadline first.
            models.Index(fields=["bureau", "status", "due_on"], name="complaint_bureau_queue"),
            models.Index(fields=["company", "status", "due_on"], name="complaint_company_queue"),
            models.Index(fields=["bureau", "received_at"], name="complaint_bureau_received"),
            models.Index(fields=["status", "due_on"], name="complaint_status_due"),
            # The lists' order (nearest deadline, then newest) read straight off an index,
            # whatever set of open states is asked for (bench/complaints.py: 189 ms → 0.5 ms).
            models.Index(
                fields=["bureau", "due_on", "-received_at", "-id"], name="complaint_bureau_deadline"
            ),
            models.Index(
                fields=["company", "due_on", "-received_at", "-id"],
                name="complaint_company_deadline",
            ),
            # Head office's list, every bureau's complaints in the same order (bench/pages.py:
            # 1.1 s → 31 ms at 1,000,000 complaints).
            models.Index(fields=["due_on", "-received_at", "-id"], name="complaint_deadline"),
            models.Index(fields=["received_at"], name="complaint_received"),
            models.Index(fields=["phone_hash", "company"], name="complaint_duplicate_search"),
            models.Index(fields=["registered_by", "created_at"], name="complaint_registered_by"),
            # The hotline API's changes for the seat that registered them, in cursor order.
            models.Index(
                fields=["registered_by", "updated_at", "id"], name="complaint_registered_changes"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(complainant_count__gte=1), name="complaint_has_a_complainant"
            ),
            models.CheckConstraint(
                condition=~Q(merged_into=models.F("id")), name="complaint_not_merged_into_itself"
            ),
        ]

    def __str__(self):
        return self.reference

    @property
    def reference(self):
        return f"{REFERENCE_PREFIX}-{self.year}-{self.pk:08d}"

    @property
    def is_open(self):
        return self.status not in self.FINISHED

    @property
    def clock_is_paused(self):
        return self.status == self.Status.AWAITING_MATERIAL

    @property
    def needs_escalation(self):
        """Whether the complaint is an incident's matter (SPEC §4, escalation)."""
        return (
            self.complainant_count >= 5
            or self.group_visit
            or self.petition_risk
            or self.major_matter
        )


class ComplaintTransition(models.Model):
    """One step taken on a complaint: who, when, from which state to which, and why.

    Re-routing and merging are steps too (the state may stay the same); ``details`` keeps
    what such a step changed besides the state (the bureaus, the other complaint).
    """

    complaint = models.ForeignKey(
        Complaint, verbose_name=_("complaint"), on_delete=models.CASCADE, related_name="transitions"
    )
    action = models.CharField(_("action"), max_length=30)
    from_status = models.CharField(
        _("from"), max_length=20, choices=Complaint.Status.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=20, choices=Complaint.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty for the complainant on the public web form."),
    )
    at = models.DateTimeField(_("at"))
    note = models.TextField(_("note"), blank=True)
    # A reply the complainant reads on the public tracking page.
    is_public = models.BooleanField(_("shown to the complainant"), default=False)
    due_on = models.DateField(_("next step due on"), null=True, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("complaint step")
        verbose_name_plural = _("complaint steps")
        indexes = [models.Index(fields=["complaint", "at"], name="complaint_transition_order")]

    def __str__(self):
        return f"{self.complaint_id} {self.action} {self.at:%Y-%m-%d %H:%M}"


def attachment_path(instance, filename):
    # The original name is kept in ``name``; the stored one reveals nothing about it.
    return f"complaints/{instance.complaint.year}/{instance.complaint_id}/{instance.token}"


class ComplaintAttachment(models.Model):
    """A file the complainant or staff added to a complaint (a letter's scan, a policy)."""

    complaint = models.ForeignKey(
        Complaint, verbose_name=_("complaint"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=300)
    token = models.CharField(max_length=40, unique=True, editable=False)
    name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size (bytes)"))
    content_type = models.CharField(_("type"), max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.name


class PersonalDataView(models.Model):
    """One time someone saw a complainant's personal information unmasked (or exported it)."""

    complaint = models.ForeignKey(
        Complaint,
        verbose_name=_("complaint"),
        on_delete=models.CASCADE,
        related_name="personal_data_views",
        null=True,
        blank=True,
        help_text=_("Empty for an export of many complaints."),
    )
    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("seen by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    purpose = models.CharField(_("where"), max_length=200)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("personal data view")
        verbose_name_plural = _("personal data views")

    def __str__(self):
        return f"{self.viewer_id} {self.complaint_id} {self.at:%Y-%m-%d %H:%M}"


class IdempotencyKey(models.Model):
    """The complaint an API client's POST with an ``Idempotency-Key`` header created: the same
    key from the same client again answers with that complaint instead of a second one."""

    client = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=200)
    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("idempotency key")
        verbose_name_plural = _("idempotency keys")
        constraints = [
            models.UniqueConstraint(fields=["client", "key"], name="idempotency_key_once"),
        ]

    def __str__(self):
        return self.key


class OverdueAlert(models.Model):
    """The day's alert to one organisation about its overdue complaints: at most one a day
    (the constraint holds when beat fires twice or two workers run the task at once)."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="+"
    )
    day = models.DateField(_("day"))
    overdue = models.PositiveIntegerField(_("overdue complaints"))
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        ordering = ["-day"]
        verbose_name = _("overdue complaints alert")
        verbose_name_plural = _("overdue complaints alerts")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "day"], name="overdue_alert_once_a_day"
            ),
        ]

    def __str__(self):
        return f"{self.organisation_id} {self.day}"
