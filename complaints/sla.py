"""The complaint clock: the time limit that applies to each step (data: TimeLimit), counted in
days or in working days over the holiday calendar (campaign.working_days). A limit of N
(working) days from a day ends on the Nth (working) day after it: the day the clock starts is
not counted.
"""

import datetime
from dataclasses import dataclass

from campaign.working_days import WorkingCalendar

from .models import TimeLimit


@dataclass(frozen=True)
class Limits:
    """Every time limit with its effective date: {step: [(effective_from, amount, unit)]},
    newest first."""

    by_step: dict

    @classmethod
    def load(cls):
        by_step = {}
        for row in TimeLimit.objects.order_by("step", "-effective_from").values_list(
            "step", "effective_from", "amount", "unit"
        ):
            by_step.setdefault(row[0], []).append(row[1:])
        return cls(by_step)

    def in_force(self, step, on):
        """(amount, unit) of ``step``'s limit in force on the day ``on``; before the first
        limit's day, the first limit (a complaint older than the rules still gets a clock)."""
        limits = self.by_step.get(step)
        if not limits:
            raise LookupError(f"no time limit for {step}")
        for effective_from, amount, unit in limits:
            if effective_from <= on:
                return amount, unit
        return limits[-1][1:]


@dataclass(frozen=True)
class Clock:
    """The calendar and the limits, loaded once for a piece of work (two queries)."""

    calendar: WorkingCalendar
    limits: Limits

    @classmethod
    def load(cls):
        return cls(WorkingCalendar.load(), Limits.load())

    def due(self, step, start, extra_days=0):
        """The last day ``step`` may be done on when its clock starts on the day ``start``,
        plus ``extra_days`` calendar days of an approved extension."""
        amount, unit = self.limits.in_force(step, start)
        if unit == TimeLimit.Unit.WORKING_DAYS:
            end = self.calendar.add_working_days(start, amount)
        else:
            end = start + datetime.timedelta(days=amount)
        return end + datetime.timedelta(days=extra_days)

    def limit(self, step, on):
        return self.limits.in_force(step, on)
