"""Time limits compared as a consumer reads them: shorter is stronger; hours, days and
working days compared correctly, working days over the year's holiday calendar."""

import datetime

import pytest

from campaign.models import CalendarDay
from commitments.limits import Comparison, Spans, compare_windows
from commitments.models import Duration

pytestmark = [pytest.mark.django_db, pytest.mark.postgresql]


@pytest.fixture
def spans():
    return Spans.load(2013)


def test_48_hours_is_shorter_than_3_days(spans):
    assert spans.compare(Duration(48, "hours"), Duration(3, "days")) == Comparison.STRONGER
    assert spans.compare(Duration(3, "days"), Duration(48, "hours")) == Comparison.WEAKER


def test_48_hours_and_2_days_are_the_same_promise(spans):
    assert spans.compare(Duration(48, "hours"), Duration(2, "days")) == Comparison.SAME


def test_working_days_take_longer_over_the_national_day_week(spans):
    # 2013: 1–7 October off, Sunday 29 September and Saturday 12 October worked. From Friday
    # 27 September: 29 and 30 September, then 8, 9 and 10 October, 13 days later.
    assert spans.working_days_in_days(5) == (5, 13)
    assert spans.working_days_in_days(1) == (1, 8)  # from Monday 30 September to 8 October


def test_working_days_against_days_compare_over_the_whole_range(spans):
    # 10 working days take 11 days (from 7 October, with Saturday 12 October worked) to 21
    # (from 18 September, over 中秋节 and National Day): always within 21 days, never within 11.
    assert spans.working_days_in_days(10) == (11, 21)
    assert spans.compare(Duration(10, "working_days"), Duration(21, "days")) == (
        Comparison.STRONGER
    )
    assert spans.compare(Duration(10, "working_days"), Duration(11, "days")) == (Comparison.WEAKER)
    assert spans.compare(Duration(10, "working_days"), Duration(14, "days")) == Comparison.MIXED


def test_the_calendar_is_data():
    """Holidays head office adds lengthen the working days across them."""
    for day in range(13, 25):  # two made-up weeks off in May
        CalendarDay.objects.create(
            date=datetime.date(2013, 5, day), is_working_day=False, name="假"
        )
    # From Friday 10 May: 27 to 31 May.
    assert Spans.load(2013).working_days_in_days(5) == (5, 21)


def test_narrower_call_hours_are_the_stronger_promise():
    nine_to_eight = (datetime.time(9), datetime.time(20))
    assert compare_windows((datetime.time(9), datetime.time(18)), nine_to_eight) == (
        Comparison.STRONGER
    )
    assert compare_windows((datetime.time(8), datetime.time(21)), nine_to_eight) == (
        Comparison.WEAKER
    )
    assert compare_windows((datetime.time(8), datetime.time(18)), nine_to_eight) == (
        Comparison.MIXED
    )
    assert compare_windows(nine_to_eight, nine_to_eight) == Comparison.SAME
