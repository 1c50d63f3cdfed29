"""Working-day arithmetic over the holiday calendar (CalendarDay, data): complaint clocks and
commitments' limits in working days count with it.

A working day is a Monday to Friday that is not an official holiday, or a weekend day the
calendar marks as worked (调休).
"""

import datetime
from dataclasses import dataclass

from .models import CalendarDay


@dataclass(frozen=True)
class WorkingCalendar:
    """The calendar's exceptions to the weekend rule: {date: is_working_day}."""

    exceptions: dict

    @classmethod
    def load(cls):
        """The calendar as head office keeps it (one query)."""
        return cls(dict(CalendarDay.objects.values_list("date", "is_working_day")))

    def is_working_day(self, day):
        if day in self.exceptions:
            return self.exceptions[day]
        return day.weekday() < 5

    def add_working_days(self, start, count):
        """The ``count``-th working day after ``start`` (``start`` itself not counted)."""
        day = start
        while count > 0:
            day += datetime.timedelta(days=1)
            if self.is_working_day(day):
                count -= 1
        return day

    def working_days_between(self, start, end):
        """Working days after ``start`` up to and including ``end``; negative when ``end`` is
        before ``start``."""
        if end < start:
            return -self.working_days_between(end, start)
        days = 0
        day = start
        while day < end:
            day += datetime.timedelta(days=1)
            days += self.is_working_day(day)
        return days
