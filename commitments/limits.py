"""Comparing time limits the way a consumer would: which promise is shorter.

Minutes, hours and days are converted exactly (48 hours is less than 3 days). A limit in
working days has no fixed length in days: N working days from a given day take at least and
at most so many calendar days, according to the holiday calendar of the year (weekends,
official holidays and the 调休 working weekends). A comparison across the two is made over
that range and says so, rather than assuming five working days make a week.
"""

import bisect
import datetime
import enum
from dataclasses import dataclass, field

from campaign.working_days import WorkingCalendar

from .models import Unit

MINUTES_IN = {Unit.MINUTES: 1, Unit.HOURS: 60, Unit.DAYS: 24 * 60}
DAY = 24 * 60
# The longest time limit a service promise may state, in each unit: a year (a leap year's
# days; the working days of any year). Beyond it the figure is a slip or an attack, and
# counting out millions of working days would take a request minutes and gigabytes.
LONGEST = {
    Unit.MINUTES: 366 * DAY,
    Unit.HOURS: 366 * 24,
    Unit.DAYS: 366,
    Unit.WORKING_DAYS: 250,
}


class Comparison(enum.Enum):
    """How a limit compares with another, for the consumer: shorter is stronger."""

    STRONGER = "stronger"  # never longer, sometimes shorter
    SAME = "same"
    WEAKER = "weaker"  # never shorter, sometimes longer
    MIXED = "mixed"  # longer on some days, shorter on others (working days vs days)


@dataclass
class Spans:
    """The shortest and longest a duration lasts, in minutes, over the days of ``year`` (a
    limit in working days depends on the day it starts)."""

    calendar: WorkingCalendar
    year: int
    _working_days: dict = field(default_factory=dict)
    _working_numbers: list = field(default_factory=list)

    @classmethod
    def load(cls, year):
        return cls(WorkingCalendar.load(), year)

    def of(self, duration):
        """(shortest, longest) in minutes."""
        if not duration.in_working_days:
            minutes = duration.value * MINUTES_IN[duration.unit]
            return minutes, minutes
        shortest, longest = self.working_days_in_days(duration.value)
        return shortest * DAY, longest * DAY

    def working_days_in_days(self, count):
        """(shortest, longest) number of calendar days that ``count`` working days take from a
        day of the year to the last of them."""
        if count not in self._working_days:
            working, first_after = self._working_day_numbers(count)
            lengths = [
                working[first_after[start] + count - 1] - start for start in range(len(first_after))
            ]
            self._working_days[count] = (min(lengths), max(lengths))
        return self._working_days[count]

    def _working_day_numbers(self, count):
        """(the working days from 2 January on, as day numbers from 1 January, running at
        least ``count`` past the year's end; for each day of the year, the index in that
        list of the first working day after it). Read once per year, then extended: with
        them, the count-th working day after any day is one lookup, not a walk."""
        first = datetime.date(self.year, 1, 1)
        days_in_year = (datetime.date(self.year + 1, 1, 1) - first).days
        working = self._working_numbers
        if not working:
            working.extend(
                number
                for number in range(1, days_in_year + 1)
                if self.calendar.is_working_day(first + datetime.timedelta(days=number))
            )
        number = working[-1] if working else days_in_year
        while len(working) - bisect.bisect_left(working, days_in_year) < count:
            number += 1
            if self.calendar.is_working_day(first + datetime.timedelta(days=number)):
                working.append(number)
        first_after = [bisect.bisect_right(working, start) for start in range(days_in_year)]
        return working, first_after

    def compare(self, first, second):
        """How ``first`` compares with ``second`` (a Comparison)."""
        if first == second:
            return Comparison.SAME
        first_short, first_long = self.of(first)
        second_short, second_long = self.of(second)
        if first_long <= second_short:
            return Comparison.SAME if first_short == second_long else Comparison.STRONGER
        if first_short >= second_long:
            return Comparison.WEAKER
        return Comparison.MIXED

    def never_longer(self, first, second):
        """Whether ``first`` is at most ``second`` whatever day it starts on."""
        return self.of(first)[1] <= self.of(second)[0]


def compare_windows(first, second):
    """How hours of the day ``first`` compare with ``second`` ((start, end) times): for call
    hours a narrower window is the stronger promise."""
    if first == second:
        return Comparison.SAME
    (first_start, first_end), (second_start, second_end) = first, second
    if second_start <= first_start and first_end <= second_end:
        return Comparison.STRONGER
    if first_start <= second_start and second_end <= first_end:
        return Comparison.WEAKER
    return Comparison.MIXED
