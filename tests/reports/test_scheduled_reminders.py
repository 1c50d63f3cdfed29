"""Beat's deadline reminders: 7, 3 and 1 days before, on the day and daily once overdue, to the
units whose report does not count; never twice for a unit and day."""

import datetime
import logging
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.db import IntegrityError
from django.utils import translation
from django.utils.translation import ngettext

from campaign.models import Campaign, ExpectedUnit, StatisticsReport, User
from portal.models import Notification
from reports import tasks
from reports.models import Reminder
from reports.selectors import reminders as selectors
from reports.services import reminders as service

from ..factories import CampaignFactory, UserFactory, organisation

pytestmark = pytest.mark.postgresql

SHANGHAI = ZoneInfo("Asia/Shanghai")
Status = StatisticsReport.Status
DEADLINE = datetime.date(2013, 4, 10)


def at(day, hour=9):
    return datetime.datetime.combine(day, datetime.time(hour), SHANGHAI)


def days_before(days, hour=9):
    return at(DEADLINE - datetime.timedelta(days=days), hour)


@pytest.fixture
def campaign(db):
    """The 2013 campaign (due 10 April), open, expecting Beijing, Shanghai and the association."""
    campaign = CampaignFactory(expected=False)
    for code in ("beijing", "shanghai", "iac"):
        ExpectedUnit.objects.create(campaign=campaign, organisation=organisation(code))
    return campaign


@pytest.fixture
def people(bureau_a, bureau_b, association):
    bureau_a.email = "clerk@beijing.example"
    bureau_a.save()
    return {"beijing": bureau_a, "shanghai": bureau_b, "iac": association}


def report(campaign, code, status):
    return StatisticsReport.objects.create(
        campaign=campaign, organisation=organisation(code), status=status
    )


def reminded():
    return sorted(Reminder.objects.values_list("organisation__code", flat=True))


@pytest.mark.parametrize("days", [7, 3, 1, 0, -1, -5])
def test_a_unit_that_owes_its_report_is_reminded_once_on_each_reminder_day(
    campaign, people, time_machine, days
):
    time_machine.move_to(days_before(days), tick=False)
    sent = service.send_scheduled_reminders()
    assert reminded() == ["beijing", "iac", "shanghai"]
    assert {r.days_left for r in sent} == {days}
    assert {r.day for r in sent} == {DEADLINE - datetime.timedelta(days=days)}
    assert {r.kind for r in sent} == {Reminder.Kind.SCHEDULED}
    assert {r.sent_by for r in sent} == {None}
    assert Notification.objects.filter(recipient=people["beijing"]).count() == 1


@pytest.mark.parametrize("days", [6, 5, 4, 2, 8, 30])
def test_nothing_is_sent_on_other_days(campaign, people, time_machine, days):
    time_machine.move_to(days_before(days), tick=False)
    assert service.send_scheduled_reminders() == []
    assert not Reminder.objects.exists()
    assert not Notification.objects.exists()


def test_the_notification_says_how_many_days_are_left_and_links_to_the_form(
    campaign, people, time_machine, django_capture_on_commit_callbacks
):
    time_machine.move_to(days_before(3), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        service.send_scheduled_reminders()
    notice = Notification.objects.get(recipient=people["beijing"])
    with translation.override("zh-hans"):
        expected = ngettext(
            "%(days)s day left until the deadline (%(deadline)s) for the statistics of "
            "the %(campaign)s: please submit them soon",
            "%(days)s days left until the deadline (%(deadline)s) for the statistics of "
            "the %(campaign)s: please submit them soon",
            3,
        ) % {"days": 3, "deadline": "4月10日", "campaign": str(campaign)}
    assert notice.verb == expected
    assert "4月10日" in notice.verb
    assert notice.verb_en.startswith("3 days left until the deadline (10 April)")
    assert notice.link == "/statistics/2013/beijing/"
    assert notice.email
    assert [m.to for m in mail.outbox] == [["clerk@beijing.example"]]
    assert mail.outbox[0].subject == notice.verb


def test_on_the_day_and_when_overdue_the_text_says_so(campaign, people, time_machine):
    time_machine.move_to(days_before(0), tick=False)
    service.send_scheduled_reminders()
    time_machine.move_to(days_before(-2), tick=False)
    service.send_scheduled_reminders()
    on_the_day, overdue = Notification.objects.filter(recipient=people["beijing"]).order_by("id")
    assert on_the_day.verb_en.startswith("Today (10 April) is the deadline")
    assert overdue.verb_en.startswith("The statistics of the 2013 3·15 campaign are 2 days overdue")


def test_a_unit_whose_report_counts_is_not_reminded(campaign, people, time_machine):
    report(campaign, "beijing", Status.SUBMITTED)
    report(campaign, "shanghai", Status.APPROVED)
    report(campaign, "iac", Status.RESUBMITTED)
    time_machine.move_to(days_before(1), tick=False)
    assert service.send_scheduled_reminders() == []
    assert not Notification.objects.exists()


@pytest.mark.parametrize("status", [Status.DRAFT, Status.RETURNED, Status.REOPENED, None])
def test_draft_returned_reopened_and_not_started_reports_are_reminded(
    campaign, people, time_machine, status
):
    if status:
        report(campaign, "beijing", status)
    report(campaign, "shanghai", Status.APPROVED)
    report(campaign, "iac", Status.SUBMITTED)
    time_machine.move_to(days_before(7), tick=False)
    service.send_scheduled_reminders()
    assert reminded() == ["beijing"]
    assert Notification.objects.get().recipient == people["beijing"]


def test_running_twice_the_same_day_sends_once(campaign, people, time_machine):
    time_machine.move_to(days_before(1, hour=8), tick=False)
    assert tasks.send_scheduled_reminders.delay().get() == 3
    time_machine.move_to(days_before(1, hour=15), tick=False)
    assert tasks.send_scheduled_reminders.delay().get() == 0
    assert reminded() == ["beijing", "iac", "shanghai"]
    assert Notification.objects.filter(recipient=people["beijing"]).count() == 1


def test_a_unit_returned_later_in_the_day_is_reminded_that_day(campaign, people, time_machine):
    returned = report(campaign, "beijing", Status.SUBMITTED)
    time_machine.move_to(days_before(0, hour=8), tick=False)
    service.send_scheduled_reminders()
    assert reminded() == ["iac", "shanghai"]
    returned.status = Status.RETURNED
    returned.save()
    time_machine.move_to(days_before(0, hour=14), tick=False)
    service.send_scheduled_reminders()
    assert reminded() == ["beijing", "iac", "shanghai"]


def test_a_run_that_loses_the_race_skips_the_unit_without_a_notification(
    campaign, people, time_machine, monkeypatch
):
    """Two beats at once: the other inserted Beijing's row after this one listed Beijing as
    still to remind. The constraint refuses the second row; no second notification."""
    time_machine.move_to(days_before(3), tick=False)
    listed = selectors.units_to_remind

    def listed_then_raced(campaign, day):
        units = list(listed(campaign, day))
        Reminder.objects.create(
            campaign=campaign,
            organisation=organisation("beijing"),
            kind=Reminder.Kind.SCHEDULED,
            day=day,
            days_left=3,
        )
        return units

    monkeypatch.setattr(selectors, "units_to_remind", listed_then_raced)
    sent = service.send_scheduled_reminders()
    assert sorted(r.organisation.code for r in sent) == ["iac", "shanghai"]
    assert Reminder.objects.filter(organisation__code="beijing").count() == 1
    assert not Notification.objects.filter(recipient=people["beijing"]).exists()
    assert Notification.objects.filter(recipient=people["shanghai"]).count() == 1


def test_the_database_refuses_a_second_scheduled_reminder_for_a_unit_and_day(campaign):
    fields = {
        "campaign": campaign,
        "organisation": organisation("beijing"),
        "kind": Reminder.Kind.SCHEDULED,
        "day": DEADLINE,
        "days_left": 0,
    }
    Reminder.objects.create(**fields)
    with pytest.raises(IntegrityError):
        Reminder.objects.create(**fields)


def test_a_failed_notification_leaves_no_reminder_row(campaign, people, time_machine, monkeypatch):
    time_machine.move_to(days_before(3), tick=False)

    def broken(**kwargs):
        raise RuntimeError("notifications are down")

    monkeypatch.setattr(service, "notify", broken)
    with pytest.raises(RuntimeError):
        service.send_scheduled_reminders()
    assert not Reminder.objects.exists()


@pytest.mark.parametrize("hour", [0, 3, 7])
def test_nothing_is_sent_before_8_in_the_morning(campaign, people, time_machine, hour):
    time_machine.move_to(days_before(1, hour=hour).replace(minute=59), tick=False)
    assert service.send_scheduled_reminders() == []
    assert not Reminder.objects.exists()


def test_nothing_is_sent_late_in_the_evening(campaign, people, time_machine):
    time_machine.move_to(days_before(1, hour=21), tick=False)
    assert service.send_scheduled_reminders() == []


def test_beat_runs_it_hourly_from_8_in_the_morning(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["send-deadline-reminders"]
    assert entry["task"] == tasks.send_scheduled_reminders.name
    assert min(entry["schedule"].hour) == 8
    assert entry["schedule"].minute == {0}


@pytest.mark.parametrize("status", [Campaign.Status.CLOSED, Campaign.Status.DRAFT])
def test_a_campaign_that_is_not_open_sends_nothing(campaign, people, time_machine, status):
    campaign.status = status
    campaign.save()
    time_machine.move_to(days_before(-3), tick=False)
    assert service.send_scheduled_reminders() == []


def test_hotline_seats_and_deactivated_people_are_not_notified(campaign, people, time_machine):
    beijing = organisation("beijing")
    left = UserFactory(username="beijing-left", organisation=beijing, is_active=False)
    seat = UserFactory(username="beijing-seat", organisation=beijing, role=User.Role.HOTLINE)
    time_machine.move_to(days_before(7), tick=False)
    service.send_scheduled_reminders()
    notified = set(Notification.objects.values_list("recipient__username", flat=True))
    assert notified == {"beijing", "shanghai", "iac"}
    assert not notified & {left.username, seat.username}
    assert Reminder.objects.get(organisation=beijing).recipients == 1


def test_a_unit_with_nobody_to_notify_keeps_its_row_and_is_logged(
    campaign, people, time_machine, caplog
):
    people["iac"].is_active = False
    people["iac"].save()
    time_machine.move_to(days_before(7, hour=8), tick=False)
    with caplog.at_level(logging.WARNING, logger="reports.services.reminders"):
        service.send_scheduled_reminders()
    row = Reminder.objects.get(organisation__code="iac")
    assert row.recipients == 0
    assert "iac" in caplog.text and "nobody" in caplog.text
    # Not retried every hour.
    time_machine.move_to(days_before(7, hour=9), tick=False)
    assert service.send_scheduled_reminders() == []
    assert Reminder.objects.filter(organisation__code="iac").count() == 1


def test_the_units_owing_are_found_in_one_query(campaign, django_assert_num_queries):
    report(campaign, "beijing", Status.RETURNED)
    report(campaign, "shanghai", Status.APPROVED)
    with django_assert_num_queries(1):
        owing = {unit.code: unit.report_status for unit in selectors.units_owing(campaign)}
    assert owing == {"beijing": Status.RETURNED, "iac": None}
