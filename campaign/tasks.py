from celery import shared_task

from .services import alerts


@shared_task
def alert_head_office(transition_id):
    """E-mail head office about a submission with group incidents (E10–E12 > 0); once."""
    return alerts.send_incident_alert(transition_id=transition_id)
