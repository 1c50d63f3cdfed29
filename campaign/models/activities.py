"""What units do in the campaign and record as they go (SPEC §2): events, 双十佳 exemplars,
knowledge articles and media reports."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from .campaigns import Campaign
from .organisations import Organisation, Region


class Activity(models.Model):
    """One event a unit held: where, when, whom it reached and what it handed out."""

    class Kind(models.TextChoices):
        SCHOOL = "school", _("Into schools")
        COUNTRYSIDE = "countryside", _("Into the countryside")
        COMMUNITY = "community", _("Into communities")
        GOVERNMENT = "government", _("Into government offices")
        ENTERPRISE = "enterprise", _("Into enterprises")
        DESK = "desk", _("Consultation desk")
        SUPERVISOR_FORUM = "supervisor_forum", _("Forum with social supervisors")
        RECEPTION_DAY = "reception_day", _("Director's reception day")
        COMMENDATION = "commendation", _("Commendation meeting")
        DEEDS_TALK = "deeds_talk", _("Talk on exemplary deeds")
        OTHER = "other", pgettext_lazy("activity kind", "Other")

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.PROTECT, related_name="activities"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="activities",
    )
    held_on = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    place = models.CharField(_("place"), max_length=200)
    people_reached = models.PositiveIntegerField(_("people reached"))
    brochures = models.PositiveIntegerField(_("brochures handed out"), default=0)
    display_boards = models.PositiveIntegerField(_("display boards"), default=0)
    description = models.TextField(_("description"), blank=True)
    # The notice (三(二)) forbids selling insurance at public-welfare events: every record
    # carries the unit's confirmation that none was sold.
    no_insurance_sold = models.BooleanField(_("no insurance was sold at the event"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(no_insurance_sold=True), name="activity_no_insurance_sold"
            ),
        ]
        indexes = [
            models.Index(fields=["campaign", "organisation", "held_on"], name="activity_unit"),
            models.Index(fields=["campaign", "held_on"], name="activity_national"),
        ]

    def __str__(self):
        return f"{self.held_on:%Y-%m-%d} {self.get_kind_display()} {self.place}"


def activity_photo_path(instance, filename):
    return f"activities/{instance.activity.campaign.year}/{filename}"


class ActivityPhoto(models.Model):
    """A photo of an event, checked to be an image and kept with a small copy for lists."""

    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="photos"
    )
    image = models.FileField(_("photo"), upload_to=activity_photo_path, max_length=200)
    thumbnail = models.FileField(_("thumbnail"), upload_to=activity_photo_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("activity photo")
        verbose_name_plural = _("activity photos")

    def __str__(self):
        return self.original_name

    @property
    def organisation_id(self):
        """The unit that owns the photo's event (portal.access reads owners by this)."""
        return self.activity.organisation_id


def exemplar_photo_path(instance, filename):
    return f"exemplars/{instance.campaign.year}/{filename}"


class Exemplar(models.Model):
    """One of a region's 双十佳 of a campaign: an excellent service person (优秀服务标兵) or a
    quality service counter (优质服务窗口), drafted and published by a bureau or the
    association. A region lists at most LIMIT of each kind a campaign."""

    LIMIT = 10

    class Kind(models.TextChoices):
        PERSON = "person", _("Excellent service person")
        COUNTER = "counter", _("Quality service counter")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.PROTECT, related_name="exemplars"
    )
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="exemplars"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("listed by"),
        on_delete=models.PROTECT,
        related_name="exemplars_listed",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name = models.CharField(
        _("name"), max_length=100, help_text=_("The person's name, or the counter's name.")
    )
    company = models.ForeignKey(
        Organisation,
        verbose_name=_("company"),
        on_delete=models.PROTECT,
        related_name="exemplars",
        limit_choices_to={"kind": Organisation.Kind.INSURER},
    )
    branch = models.CharField(
        _("branch"), max_length=100, blank=True, help_text=_("e.g. 北京分公司朝阳支公司")
    )
    post = models.CharField(_("post"), max_length=100, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    deeds = models.TextField(_("deeds"))
    photo = models.FileField(_("photo"), upload_to=exemplar_photo_path, max_length=200, blank=True)
    thumbnail = models.FileField(
        _("thumbnail"), upload_to=exemplar_photo_path, max_length=200, blank=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("drafted by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["region__code", "kind", "id"]
        verbose_name = _("exemplar")
        verbose_name_plural = _("exemplars")
        indexes = [
            models.Index(fields=["campaign", "region", "kind"], name="exemplar_list"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.name}"

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED


class Article(models.Model):
    """A short public article of the 保险知识大讲堂, by head office or the association."""

    class Topic(models.TextChoices):
        BUYING_GUIDE = "buying_guide", _("Guide to common insurance")
        CLAIMS_GUIDE = "claims_guide", _("Claims guide")
        LAW = "law", _("Legal basics")
        RISK = "risk", _("Risk management")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("published by"),
        on_delete=models.PROTECT,
        related_name="articles",
    )
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)
    title = models.CharField(_("title"), max_length=120)
    summary = models.CharField(
        _("summary"),
        max_length=200,
        help_text=_("One or two sentences shown in lists and to search engines."),
    )
    # Sanitised HTML: only text structure is kept (campaign.services.articles).
    body = models.TextField(_("text"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("knowledge article")
        verbose_name_plural = _("knowledge articles")
        indexes = [models.Index(fields=["status", "topic", "published_at"], name="article_list")]

    def __str__(self):
        return self.title

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED


class MediaReport(models.Model):
    """A news report on, or a special column about, a unit's campaign work."""

    class Kind(models.TextChoices):
        NEWS = "news", _("News report")
        COLUMN = "column", _("Special column")

    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("campaign"),
        on_delete=models.PROTECT,
        related_name="media_reports",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="media_reports",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    outlet = models.CharField(_("outlet"), max_length=100)
    published_on = models.DateField(_("date"))
    url = models.URLField(_("link"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-published_on", "-id"]
        verbose_name = _("media report")
        verbose_name_plural = _("media reports")
        indexes = [
            models.Index(fields=["campaign", "organisation"], name="media_report_unit"),
        ]

    def __str__(self):
        return self.title
