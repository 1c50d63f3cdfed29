import datetime

from celery import shared_task

from .services import alerts


@shared_task
def alert_head_office(transition_id):
    """E-mail head office about a submission with group incidents (E10–E12 > 0); once."""
    return alerts.send_incident_alert(transition_id=transition_id)


@shared_task
def send_pending_incident_alerts():
    """Scheduled: enqueue the alerts that could not be enqueued when the report was submitted."""
    pending = list(alerts.pending_incident_alerts(older_than=datetime.timedelta(minutes=2)))
    for transition_id in pending:
        alert_head_office.delay(transition_id)
    return pending
