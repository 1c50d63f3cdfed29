"""The daily overdue-complaint alert: each bureau and company with overdue complaints hears how
many, in office hours, once a day; nobody hears of another organisation's complaints."""

import datetime

import pytest
from django.db import IntegrityError
from django.utils import timezone

from complaints import tasks
from complaints.models import Complaint, OverdueAlert
from complaints.services import overdue as service
from complaints.services.workflow import accept_complaint, forward_complaint
from portal.models import Notification

from ..factories import UserFactory, complaint

pytestmark = pytest.mark.postgresql


def at(hour, minute=0):
    return timezone.localtime().replace(hour=hour, minute=minute, second=0, microsecond=0)


def make_overdue(*complaints):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    Complaint.objects.filter(pk__in=[c.pk for c in complaints]).update(due_on=yesterday)


def alerts_to(user):
    return Notification.objects.filter(recipient=user, link="/complaints/?deadline=overdue")


@pytest.fixture
def overdue(hotline, bureau_a, bureau_b, company_y):
    """Beijing: two overdue complaints (one forwarded to company Y, late with its decision)
    and one in time; Shanghai: one in time."""
    late = complaint(actor=hotline)
    forwarded = complaint(actor=hotline)
    accept_complaint(actor=bureau_a, complaint=forwarded)
    forward_complaint(actor=bureau_a, complaint=forwarded, complexity="simple")
    complaint(actor=hotline)
    complaint(actor=hotline, province="上海市")
    make_overdue(late, forwarded)


def test_a_bureau_hears_how_many_of_its_complaints_are_overdue(overdue, bureau_a):
    service.send_overdue_alerts(now=at(9))

    [notification] = alerts_to(bureau_a)
    assert notification.verb_en == (
        "2 complaints are overdue: past the time limit of their current step"
    )
    assert notification.link == "/complaints/?deadline=overdue"
    assert OverdueAlert.objects.get(organisation=bureau_a.organisation).overdue == 2


def test_a_company_hears_of_its_overdue_forwarded_complaints(overdue, company_y):
    service.send_overdue_alerts(now=at(9))

    [notification] = alerts_to(company_y)
    assert notification.verb_en == (
        "1 complaint is overdue: past the time limit of its current step"
    )


def test_a_bureau_does_not_hear_of_another_bureaus_complaints(overdue, bureau_b, company_x):
    service.send_overdue_alerts(now=at(9))

    assert not alerts_to(bureau_b).exists()
    assert not alerts_to(company_x).exists()
    assert not OverdueAlert.objects.filter(organisation=bureau_b.organisation).exists()


def test_the_alert_goes_out_once_a_day_when_called_twice(overdue, bureau_a, company_y):
    first = service.send_overdue_alerts(now=at(9))
    second = service.send_overdue_alerts(now=at(15))

    assert len(first) == 2 and second == []
    assert alerts_to(bureau_a).count() == 1
    assert alerts_to(company_y).count() == 1


def test_the_constraint_refuses_a_second_alert_the_same_day(overdue, bureau_a):
    service.send_overdue_alerts(now=at(9))

    with pytest.raises(IntegrityError):
        OverdueAlert.objects.create(
            organisation=bureau_a.organisation, day=timezone.localdate(), overdue=2
        )


def test_the_alert_goes_out_again_the_next_day(overdue, bureau_a):
    service.send_overdue_alerts(now=at(9))
    service.send_overdue_alerts(now=at(9) + datetime.timedelta(days=1))

    assert alerts_to(bureau_a).count() == 2


def test_nothing_is_sent_without_overdue_complaints(hotline, bureau_a):
    complaint(actor=hotline)

    assert service.send_overdue_alerts(now=at(9)) == []
    assert not OverdueAlert.objects.exists()
    assert not alerts_to(bureau_a).exists()


def test_nothing_is_sent_outside_office_hours(overdue, bureau_a):
    assert service.send_overdue_alerts(now=at(7, 59)) == []
    assert service.send_overdue_alerts(now=at(21)) == []
    assert not OverdueAlert.objects.exists()


def test_every_active_person_of_the_bureau_hears_but_not_its_inactive_ones(overdue, bureau_a):
    colleague = UserFactory(username="beijing-2", organisation=bureau_a.organisation)
    gone = UserFactory(username="beijing-3", organisation=bureau_a.organisation, is_active=False)

    service.send_overdue_alerts(now=at(9))

    assert alerts_to(colleague).count() == 1
    assert not alerts_to(gone).exists()


def test_the_task_sends_todays_alerts_once(overdue, bureau_a, time_machine):
    time_machine.move_to(at(8, 30), tick=False)

    assert tasks.send_overdue_alerts() == 2
    assert tasks.send_overdue_alerts() == 0
    assert alerts_to(bureau_a).count() == 1


def test_beat_sends_it_daily_at_half_past_eight(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["send-overdue-complaint-alerts"]
    assert entry["task"] == tasks.send_overdue_alerts.name
    assert entry["schedule"].hour == {8}
    assert entry["schedule"].minute == {30}
