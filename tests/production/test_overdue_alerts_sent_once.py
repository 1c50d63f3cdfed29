"""The daily overdue-complaint alert enqueued twice (beat firing twice) and run by the real
worker against PostgreSQL: each organisation is alerted once, its people notified once."""

import datetime
import time

import pytest
from django.utils import timezone

from complaints import tasks
from complaints.models import Complaint, OverdueAlert
from portal.celery import app
from portal.models import Notification

from ..factories import UserFactory, complaint, organisation

pytestmark = [pytest.mark.production, pytest.mark.django_db(transaction=True)]

TASK = "complaints.tasks.send_overdue_alerts"


def our_tasks_pending():
    inspect = app.control.inspect(timeout=1)
    queues = [inspect.active() or {}, inspect.reserved() or {}, inspect.scheduled() or {}]
    return any(
        (task.get("name") or task.get("request", {}).get("name")) == TASK
        for queue in queues
        for tasks_ in queue.values()
        for task in tasks_
    )


def test_beat_firing_twice_alerts_each_organisation_once(reference_data):
    beijing = organisation("beijing")
    clerk = UserFactory(
        username="beijing-overdue", organisation=beijing, email="overdue@beijing.example"
    )
    hotline = UserFactory(
        username="hotline-overdue", organisation=organisation("hq"), role="hotline"
    )
    late = [complaint(actor=hotline) for _ in range(3)]
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    Complaint.objects.filter(pk__in=[c.pk for c in late]).update(due_on=yesterday)
    # 09:00 today, Beijing time: in office hours whenever CI runs.
    now = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0)

    for _ in range(2):
        tasks.send_overdue_alerts.delay(now.isoformat())

    for _ in range(120):
        if OverdueAlert.objects.filter(organisation=beijing).exists():
            break
        time.sleep(0.5)
    else:
        pytest.fail("the worker sent no alert")
    for _ in range(60):
        if not our_tasks_pending():
            break
        time.sleep(0.5)

    alert = OverdueAlert.objects.get(organisation=beijing)
    assert alert.overdue == 3
    assert (
        Notification.objects.filter(recipient=clerk, link="/complaints/?deadline=overdue").count()
        == 1
    )
