import datetime

from celery import shared_task

from . import health, notifications


@shared_task(bind=True)
def record_worker_heartbeat(self):
    """Scheduled by beat every minute; returns the worker's name."""
    hostname = self.request.hostname or "in-process"
    health.record_worker_heartbeat(hostname=hostname)
    return hostname


@shared_task
def send_notification_emails(notification_ids):
    """E-mail these notifications; each at most once, however often the task is delivered."""
    return [pk for pk in notification_ids if notifications.send_email(notification_id=pk)]


@shared_task
def send_pending_notification_emails():
    """Scheduled: e-mail the notifications whose e-mail was not enqueued or not sent."""
    pending = list(notifications.pending_emails(older_than=datetime.timedelta(minutes=2)))
    if pending:
        send_notification_emails.delay(pending)
    return pending
