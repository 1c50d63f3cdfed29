"""Telling people about things, for every feature: one row per recipient in the portal (the
bell and /notifications/), and the same text by e-mail once the caller's transaction commits.

``notify`` is the one way in. The e-mail is sent by a task that records ``emailed_at`` on the
row, so a redelivered task does not send twice; a row whose e-mail could not be enqueued (the
broker was down) or had nowhere to go (no address) stays pending for the scheduled sweep, and
the second case is logged as an error every time, never marked sent.
"""

import datetime
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme

from . import tasks
from .celery import delay_on_commit
from .models import Notification

logger = logging.getLogger(__name__)

# The sweep retries a pending e-mail for this long; older ones stay pending, for an operator.
EMAIL_RETRY_PERIOD = datetime.timedelta(days=7)


def is_local_path(link):
    """True for a path on this portal ("/statistics/…"), false for anything that leaves it."""
    return link.startswith("/") and url_has_allowed_host_and_scheme(link, allowed_hosts=set())


def in_each_language(message):
    """``notify``'s texts from ``message()``, a (line, details) pair built with gettext: called
    once in the portal's language (the e-mail's, and the page's for most readers) and once in
    English, so that each reader reads the notification in the language they chose."""
    with translation.override(settings.LANGUAGE_CODE):
        verb, body = message()
    with translation.override("en"):
        verb_en, body_en = message()
    return {"verb": verb, "body": body, "verb_en": verb_en, "body_en": body_en}


def notify(*, recipients, verb, body="", verb_en="", body_en="", link="", email=True):
    """Tell each of ``recipients`` (users) ``verb``, a line, with ``body`` as details and
    ``link`` (a local path) as where to look; by e-mail too unless ``email`` is false.
    ``verb_en`` and ``body_en`` are the English (``in_each_language`` gives all four).

    Call it inside the transaction that makes the change: the rows commit with it, and the
    e-mail is enqueued only after the commit. Returns the rows created.
    """
    if link and not is_local_path(link):
        raise ValueError(f"a notification links inside the portal only, not to {link!r}")
    length = Notification._meta.get_field("verb").max_length
    verb, verb_en = (" ".join(line.split())[:length] for line in (verb, verb_en))
    people = {user.pk: user for user in recipients}
    rows = Notification.objects.bulk_create(
        Notification(
            recipient=user,
            verb=verb,
            body=body,
            verb_en=verb_en,
            body_en=body_en,
            link=link,
            email=email,
        )
        for user in people.values()
    )
    if email and rows:
        delay_on_commit(tasks.send_notification_emails, [row.pk for row in rows])
    return rows


def send_email(*, notification_id):
    """E-mail one notification unless it was e-mailed already; True when sent now."""
    with transaction.atomic():
        row = (
            Notification.objects.select_for_update()
            .select_related("recipient")
            .filter(pk=notification_id)
            .first()
        )
        if row is None or not row.email or row.emailed_at is not None:
            return False
        address = row.recipient.email
        if not address:
            logger.error(
                "notification %s (%r) for user %s cannot be e-mailed: they have no e-mail "
                "address; it stays pending",
                row.pk,
                row.verb,
                row.recipient.get_username(),
            )
            return False
        text = row.body
        if row.link:
            text = f"{text}\n\n{settings.PORTAL_URL}{row.link}".lstrip()
        send_mail(row.verb, text, None, [address])
        row.emailed_at = timezone.now()
        row.save(update_fields=["emailed_at"])
    logger.info("notification %s e-mailed to %s", row.pk, address)
    return True


def pending_emails(*, older_than):
    """Notifications whose e-mail is still owed, made between a week and ``older_than`` ago
    (a younger one may still be on its way through the broker)."""
    now = timezone.now()
    return Notification.objects.filter(
        email=True,
        emailed_at__isnull=True,
        created_at__lt=now - older_than,
        created_at__gte=now - EMAIL_RETRY_PERIOD,
    ).values_list("pk", flat=True)


def notifications_of(user):
    """The user's own notifications, newest first: nobody sees anyone else's."""
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-id")


def unread_count(user):
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def mark_read(*, actor, notification):
    """Mark one of the actor's notifications read (once: the first reading time is kept)."""
    if notification.recipient_id != actor.pk:
        raise PermissionError("a user marks only their own notifications read")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )
    return notification


def mark_all_read(*, actor):
    """Mark every unread notification of the actor read; returns how many were unread."""
    return Notification.objects.filter(recipient=actor, read_at__isnull=True).update(
        read_at=timezone.now()
    )
