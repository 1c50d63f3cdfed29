"""Ranking companies' promises of one kind by how strong they are, for the public compare page.

A shorter time limit is a stronger promise, compared with ``Spans.compare`` (48 hours before
3 days; working days over the year's holiday calendar); narrower call hours are stronger
(``compare_windows``). Two promises that are neither stronger nor weaker than each other
(MIXED: 5 working days against 7 days, or call hours that overlap without one containing the
other) are put in order by the longest a limit can take, or by how many hours the call hours
cover, and marked so that the page can say so. A company that has published no promise of the
kind comes last.
"""

import datetime
import functools
from dataclasses import dataclass

from .limits import Comparison, compare_windows

ORDER = {Comparison.STRONGER: -1, Comparison.SAME: 0, Comparison.WEAKER: 1}


@dataclass
class Ranked:
    """One row of a kind's ranking: a company's commitment (None: it published none), its
    place (equal places for promises the same), ``mixed`` when it is neither stronger nor
    weaker than another row (its place then comes from the longest span, or the hours
    covered), and for a limit in working days the (shortest, longest) calendar days it takes."""

    company: object
    commitment: object = None
    place: int | None = None
    mixed: bool = False
    days: tuple | None = None


def rank_durations(commitments, spans):
    """``commitments`` with a time limit, strongest first, as Ranked rows."""

    def compared(first, second):
        comparison = spans.compare(first.duration, second.duration)
        if comparison is Comparison.MIXED:
            return _by_key(_longest_first(spans, first), _longest_first(spans, second))
        return ORDER[comparison]

    ordered = sorted(commitments, key=functools.cmp_to_key(compared))
    rows = [
        Ranked(
            company=commitment.company,
            commitment=commitment,
            days=(
                spans.working_days_in_days(commitment.limit_value)
                if commitment.duration.in_working_days
                else None
            ),
        )
        for commitment in ordered
    ]
    _place(
        rows,
        lambda first, second: spans.compare(first.duration, second.duration),
        # Only a limit in working days varies, so only it can be MIXED with another.
        may_be_mixed=lambda row: row.days is not None,
    )
    return rows


def rank_windows(commitments):
    """``commitments`` with hours of the day (call hours), narrowest first, as Ranked rows."""

    def compared(first, second):
        comparison = compare_windows(first.window, second.window)
        if comparison is Comparison.MIXED:
            return _by_key(_window_key(first), _window_key(second))
        return ORDER[comparison]

    ordered = sorted(commitments, key=functools.cmp_to_key(compared))
    rows = [Ranked(company=commitment.company, commitment=commitment) for commitment in ordered]
    _place(
        rows,
        lambda first, second: compare_windows(first.window, second.window),
        may_be_mixed=lambda row: True,
    )
    return rows


def rank_published(commitments, *, place=1):
    """Commitments not ranked by a limit, in the order given, all at ``place``: a kind
    without a time limit (what counts is that the company published one), or None for a
    commitment that states no limit although its kind now has one."""
    return [
        Ranked(company=commitment.company, commitment=commitment, place=place)
        for commitment in commitments
    ]


def _place(rows, compare, *, may_be_mixed):
    """Number the places (1, 2, 2, 4 for a tie) and mark every row that is MIXED with some
    other row, since its place then comes from the longest span (or the hours covered), not
    from the comparison."""
    for index, row in enumerate(rows):
        tied = index and compare(rows[index - 1].commitment, row.commitment) is Comparison.SAME
        row.place = rows[index - 1].place if tied else index + 1
    for row in rows:
        if row.mixed or not may_be_mixed(row):
            continue
        for other in rows:
            if other is not row and compare(row.commitment, other.commitment) is Comparison.MIXED:
                row.mixed = other.mixed = True
                break


def _longest_first(spans, commitment):
    shortest, longest = spans.of(commitment.duration)
    return longest, shortest


def _window_key(commitment):
    start, end = commitment.window
    return _minutes(end) - _minutes(start), start, end


def _minutes(time):
    return datetime.timedelta(hours=time.hour, minutes=time.minute).total_seconds() / 60


def _by_key(first, second):
    return (first > second) - (first < second)
