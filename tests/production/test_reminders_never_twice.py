"""Two beats sending the day's reminders at the same moment against PostgreSQL: each unit that
owes its report gets one reminder row and one notification per person, never two, which the
worker e-mails."""

import datetime
import threading
import time

import pytest
from django.db import connection
from django.utils import timezone

from campaign.models import ExpectedUnit, StatisticsReport
from portal.models import Notification
from reports.models import Reminder
from reports.selectors import reminders as selectors
from reports.services import reminders as service

from ..factories import CampaignFactory, InsurerFactory, UserFactory

pytestmark = [pytest.mark.production, pytest.mark.django_db(transaction=True)]

UNITS = [f"insurer-remind-{n}" for n in range(5)]


def test_two_beats_at_once_remind_each_unit_once(monkeypatch):
    # 09:00 today, Beijing time, one day before the deadline: a reminder day in office hours.
    now = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0)
    campaign = CampaignFactory(
        year=2090, deadline=now.date() + datetime.timedelta(days=1), expected=False
    )
    units = [InsurerFactory(code=code, expected=False) for code in UNITS]
    for unit in units:
        ExpectedUnit.objects.create(campaign=campaign, organisation=unit)
        UserFactory(
            username=f"{unit.code}-clerk", email=f"{unit.code}@example.cn", organisation=unit
        )
    # The last unit has submitted: it owes nothing.
    StatisticsReport.objects.create(
        campaign=campaign, organisation=units[-1], status=StatisticsReport.Status.SUBMITTED
    )

    # Both runs list the units still to remind before either inserts: the race the
    # constraint has to decide.
    both_listed = threading.Barrier(2, timeout=30)
    listed = selectors.units_to_remind

    def list_then_wait(campaign, day):
        units = list(listed(campaign, day))
        both_listed.wait()
        return units

    monkeypatch.setattr(selectors, "units_to_remind", list_then_wait)
    sent, errors = [], []

    def beat():
        try:
            sent.append(service.send_scheduled_reminders(now=now))
        except Exception as error:  # reported below, with the other thread's result
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=beat) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    # Between them the two runs sent four reminders, whichever won each unit.
    assert sum(1 for rows in sent for row in rows if row.campaign_id == campaign.pk) == 4
    rows = Reminder.objects.filter(campaign=campaign)
    assert sorted(rows.values_list("organisation__code", flat=True)) == UNITS[:-1]
    assert {row.recipients for row in rows} == {1}
    notified = Notification.objects.filter(recipient__organisation__in=units)
    assert sorted(notified.values_list("recipient__organisation__code", flat=True)) == UNITS[:-1]
    # The worker e-mails them; waiting for it also keeps its work off the rows this test's
    # end empties.
    for _ in range(120):
        if not notified.filter(emailed_at__isnull=True).exists():
            break
        time.sleep(0.5)
    assert not notified.filter(emailed_at__isnull=True).exists(), "the worker did not e-mail them"
