"""Promises kept: each company measured against its own published time limit and against the
law, episode by episode, from the records of when its clock started and when it acted
(portal.timelines: the complaints app registers them).

The rules, each tested on constructed timelines (tests/commitments/test_promises.py):
- A limit in minutes or hours runs to the minute from when the clock started. A limit in days
  runs to the end of the Nth day after the day it started, a limit in working days to the end
  of the Nth working day after it (the holiday calendar's): the day it started is not counted,
  as in the law's "within ten days of the agreement". Days are Beijing days (TIME_ZONE).
- The company's own promise is its commitment of the kind that was published and not yet
  superseded or withdrawn when the clock started, and not of a campaign year older than one
  the company then had a commitment in force in (as on the public pages, a company's 2012
  promises give way to its 2013 ones, of any kind), and whose scope covers the complaint's
  product line and region; the most specific first (a product line before all lines; the
  complaint's own region before its province before nationwide). Between equally specific
  ones, the longest limit: nothing on the record tells which of them the company meant.
- The law's is the statutory limit of the kind in force on the day the clock started.
- Done before the limit ran out: kept. Done later, or not done once it has run out: not kept.
  Not done while it runs: pending, measured on a later day.
- A time given without a time zone is Beijing time.
"""

import bisect
import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import timezone

from campaign.working_days import WorkingCalendar

from .models import Duration, Unit

MINUTES = {Unit.MINUTES: 1, Unit.HOURS: 60}
# The smallest step of a stored time: a clock "runs out" the moment after its last allowed one.
TICK = datetime.timedelta(microseconds=1)
MIDNIGHT = datetime.time()


def share_kept(kept, measured):
    """kept / measured rounded down to a tenth of a percent, as every page and sheet shows
    it (a company that missed once never reads 100%); None when nothing was measured."""
    return kept * 1000 // measured / 1000 if measured else None


@dataclass(frozen=True)
class Promise:
    """A published commitment with a time limit, as measuring needs it."""

    product_line_id: int | None
    region_id: int | None
    duration: Duration
    published_at: datetime.datetime
    ended_at: datetime.datetime | None
    year: int | None = None  # its campaign's

    def in_force_at(self, moment):
        return _in_force(self, moment)


@dataclass(frozen=True)
class Publication:
    """When one of a company's commitments, of any kind, was in force, and its campaign year."""

    year: int
    published_at: datetime.datetime
    ended_at: datetime.datetime | None

    def in_force_at(self, moment):
        return _in_force(self, moment)


@dataclass(frozen=True)
class NewestYears:
    """For one company, the newest campaign year among its commitments in force from each
    moment of ``starts`` on (None: none in force): a lookup per episode, not a scan of every
    commitment it ever published."""

    starts: list
    years: list

    @classmethod
    def of(cls, publications):
        ends = {publication.ended_at for publication in publications} - {None}
        starts = sorted({publication.published_at for publication in publications} | ends)
        years = [
            max((p.year for p in publications if p.in_force_at(start)), default=None)
            for start in starts
        ]
        return cls(starts, years)

    def at(self, moment):
        index = bisect.bisect_right(self.starts, moment) - 1
        return self.years[index] if index >= 0 else None


def _in_force(published, moment):
    """Published by ``moment`` and not yet superseded or withdrawn at it."""
    return published.published_at <= moment and (
        published.ended_at is None or moment < published.ended_at
    )


@dataclass
class Tally:
    """One company's counts on one kind (the fields of PromiseRecord)."""

    kept: int = 0
    broken: int = 0
    kept_by_law: int = 0
    broken_by_law: int = 0
    without_promise: int = 0
    pending: int = 0


@dataclass
class Measure:
    """What one pass measures with: the calendar, each company's promises of the kind, the
    law's limits of the kind, the provinces of the regions, and the moment it is measured at."""

    calendar: WorkingCalendar
    promises: dict  # company id → [Promise]
    statutory: list  # [(effective_from, Duration)], newest first
    provinces: dict  # region id → its province's id (None for a province)
    now: datetime.datetime
    # company id → [Publication]: every commitment it published, for a newer year's to
    # supersede an older year's promises.
    publications: dict = field(default_factory=dict)
    # Beijing time (TIME_ZONE), whatever time zone a request has activated.
    zone: datetime.tzinfo = field(default_factory=timezone.get_default_timezone)
    _last_days: dict = field(default_factory=dict)
    _newest_years: dict = field(default_factory=dict)

    def runs_out(self, duration, started_at, start_day):
        """The first moment at which ``duration`` from ``started_at`` (on the day
        ``start_day``) has run out."""
        if duration.unit in MINUTES:
            minutes = duration.value * MINUTES[duration.unit]
            return started_at + datetime.timedelta(minutes=minutes) + TICK
        key = (start_day, duration)
        if key not in self._last_days:
            if duration.in_working_days:
                last_day = self.calendar.add_working_days(start_day, duration.value)
            else:
                last_day = start_day + datetime.timedelta(days=duration.value)
            midnight = datetime.datetime.combine(last_day + datetime.timedelta(days=1), MIDNIGHT)
            self._last_days[key] = midnight.replace(tzinfo=self.zone)
        return self._last_days[key]

    def own_limit(self, episode, start_day):
        """When the company's own promise for ``episode`` ran out (None: it had none)."""
        best, runs_out = None, None
        for promise in self.promises.get(episode.company_id, ()):
            if not promise.in_force_at(episode.started_at) or self._newer_year_in_force(
                episode.company_id, promise.year, episode.started_at
            ):
                continue
            rank = self._specificity(promise, episode)
            if rank is None or (best is not None and rank < best):
                continue
            moment = self.runs_out(promise.duration, episode.started_at, start_day)
            if best is None or rank > best or moment > runs_out:
                best, runs_out = rank, moment
        return runs_out

    def _newer_year_in_force(self, company_id, year, moment):
        """Whether the company had a commitment of a campaign year after ``year`` in force at
        ``moment``."""
        if year is None:
            return False
        if company_id not in self._newest_years:
            publications = self.publications.get(company_id, ())
            self._newest_years[company_id] = NewestYears.of(publications)
        newest = self._newest_years[company_id].at(moment)
        return newest is not None and newest > year

    def _specificity(self, promise, episode):
        """How closely ``promise``'s scope fits the episode (higher is closer); None when it
        does not cover it."""
        if promise.product_line_id is None:
            line = 0
        elif promise.product_line_id == episode.product_line_id:
            line = 1
        else:
            return None
        if promise.region_id is None:
            region = 0
        elif promise.region_id == episode.region_id:
            region = 2
        elif promise.region_id == self.provinces.get(episode.region_id):
            region = 1
        else:
            return None
        return line, region

    def law_limit(self, episode, start_day):
        """When the law's limit for ``episode`` ran out (None: the law sets none)."""
        for effective_from, duration in self.statutory:
            if effective_from <= start_day:
                return self.runs_out(duration, episode.started_at, start_day)
        return None

    def tally(self, episodes):
        """{company id: Tally} over ``episodes``."""
        tallies = defaultdict(Tally)
        for episode in episodes:
            episode = _aware(episode, self.zone)
            tally = tallies[episode.company_id]
            start_day = episode.started_at.astimezone(self.zone).date()
            own = self.own_limit(episode, start_day)
            if own is None:
                tally.without_promise += 1
            else:
                outcome = self._outcome(episode, own)
                if outcome is True:
                    tally.kept += 1
                elif outcome is False:
                    tally.broken += 1
                else:
                    tally.pending += 1
            law = self.law_limit(episode, start_day)
            if law is not None:
                outcome = self._outcome(episode, law)
                if outcome is True:
                    tally.kept_by_law += 1
                elif outcome is False:
                    tally.broken_by_law += 1
        return tallies

    def _outcome(self, episode, runs_out):
        """True: kept; False: not kept; None: not done and the limit still runs."""
        if episode.done_at is not None:
            return episode.done_at < runs_out
        return False if self.now >= runs_out else None


def _aware(episode, zone):
    """``episode`` with its times in ``zone`` where a source gave them without one (as
    Django reads a naive datetime); comparing naive with aware times would fail."""
    started_at, done_at = episode.started_at, episode.done_at
    if started_at.tzinfo is not None and (done_at is None or done_at.tzinfo is not None):
        return episode
    if started_at.tzinfo is None:
        started_at = started_at.replace(tzinfo=zone)
    if done_at is not None and done_at.tzinfo is None:
        done_at = done_at.replace(tzinfo=zone)
    return episode._replace(started_at=started_at, done_at=done_at)
