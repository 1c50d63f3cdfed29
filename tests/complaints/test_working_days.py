import datetime

import pytest

from campaign.models import CalendarDay
from campaign.working_days import WorkingCalendar
from complaints.models import TimeLimit
from complaints.sla import Clock

pytestmark = pytest.mark.postgresql

D = datetime.date


@pytest.fixture
def clock(db):
    return Clock.load()


def test_qingming_and_the_weekend_are_skipped_and_the_worked_sunday_counts(clock):
    # Mon 1 Apr 2013: 4–6 Apr are 清明 holidays, Sunday 7 Apr is worked in exchange.
    assert clock.calendar.add_working_days(D(2013, 4, 1), 7) == D(2013, 4, 11)


def test_acceptance_is_due_seven_working_days_after_receipt(clock):
    assert clock.due(TimeLimit.Step.ACCEPTANCE, D(2013, 4, 1)) == D(2013, 4, 11)


def test_an_ordinary_weekend_is_not_a_working_day(clock):
    # Fri 15 Mar 2013 + 1 working day is Monday 18 Mar.
    assert clock.calendar.add_working_days(D(2013, 3, 15), 1) == D(2013, 3, 18)


def test_a_worked_weekend_day_is_a_working_day(clock):
    assert clock.calendar.is_working_day(D(2013, 4, 7))
    assert not clock.calendar.is_working_day(D(2013, 4, 4))
    assert not clock.calendar.is_working_day(D(2013, 4, 6))


def test_working_days_between_counts_the_end_not_the_start(clock):
    assert clock.calendar.working_days_between(D(2013, 4, 1), D(2013, 4, 11)) == 7
    assert clock.calendar.working_days_between(D(2013, 4, 11), D(2013, 4, 1)) == -7
    assert clock.calendar.working_days_between(D(2013, 4, 3), D(2013, 4, 6)) == 0


def test_calendar_day_limits_count_every_day(clock):
    assert clock.due(TimeLimit.Step.COMPANY_DECISION, D(2013, 4, 1)) == D(2013, 5, 1)
    assert clock.due(TimeLimit.Step.BUREAU_DECISION, D(2013, 4, 1)) == D(2013, 5, 31)


def test_simple_company_decisions_skip_the_may_day_holidays(clock):
    # From Fri 26 Apr: 27–28 Apr worked (2), 29 Apr–1 May off, 2–3 May (4), 6–10 May (9),
    # so the tenth working day is Monday 13 May.
    assert clock.due(TimeLimit.Step.COMPANY_DECISION_SIMPLE, D(2013, 4, 26)) == D(2013, 5, 13)


def test_an_extension_adds_calendar_days(clock):
    assert clock.due(TimeLimit.Step.COMPANY_DECISION, D(2013, 4, 1), extra_days=30) == D(
        2013, 5, 31
    )


def test_a_holiday_head_office_adds_is_used(db):
    CalendarDay.objects.create(date=D(2026, 1, 1), is_working_day=False, name="元旦")

    assert WorkingCalendar.load().add_working_days(D(2025, 12, 31), 1) == D(2026, 1, 2)


def test_a_new_limit_applies_from_its_effective_date(db):
    TimeLimit.objects.create(
        step=TimeLimit.Step.ACCEPTANCE,
        amount=3,
        unit=TimeLimit.Unit.WORKING_DAYS,
        effective_from=D(2014, 1, 1),
        source="test",
    )
    clock = Clock.load()

    assert clock.due(TimeLimit.Step.ACCEPTANCE, D(2013, 12, 2)) == D(2013, 12, 11)
    assert clock.due(TimeLimit.Step.ACCEPTANCE, D(2014, 1, 6)) == D(2014, 1, 9)
