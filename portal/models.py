"""The portal's own records, shared by every feature: notifications, worker heartbeats."""

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class WorkerHeartbeat(models.Model):
    """When each Celery worker last ran the scheduled heartbeat task (shown on /healthz/)."""

    hostname = models.CharField(_("worker"), max_length=200, unique=True)
    last_seen = models.DateTimeField(_("last seen"))

    class Meta:
        ordering = ["-last_seen"]
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self):
        return self.hostname


class Notification(models.Model):
    """One thing one person is told about, in the portal and (optionally) by e-mail.

    Written by ``portal.notifications.notify`` only. ``emailed_at`` stays empty while an
    e-mail is wanted but not yet handed to the mail server, so the scheduled task can retry it.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    # In the portal's language (as e-mailed), and in English for those who chose it.
    verb = models.CharField(_("what"), max_length=300)
    body = models.TextField(_("details"), blank=True)
    verb_en = models.CharField(_("what (English)"), max_length=300, blank=True)
    body_en = models.TextField(_("details (English)"), blank=True)
    # A path inside the portal (never another site): where opening the notification leads.
    link = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    email = models.BooleanField(_("by e-mail"), default=False)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            # The bell's unread count and the list page.
            models.Index(fields=["recipient", "read_at"], name="notification_unread"),
            models.Index(
                fields=["created_at"],
                name="notification_email_pending",
                condition=models.Q(email=True, emailed_at__isnull=True),
            ),
        ]

    def __str__(self):
        return self.verb

    @property
    def is_read(self):
        return self.read_at is not None

    @property
    def shown_verb(self):
        return self.verb_en if translation.get_language() == "en" and self.verb_en else self.verb

    @property
    def shown_body(self):
        return self.body_en if translation.get_language() == "en" and self.verb_en else self.body
