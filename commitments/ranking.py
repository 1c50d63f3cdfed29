"""Ranking companies' promises of one kind by how strong they are, for the public compare page.

A shorter time limit is a stronger promise, compared with ``Spans.compare`` (48 hours before
3 days; working days over the year's holiday calendar); narrower call hours are stronger
(``compare_windows``). Two promises that are neither stronger nor weaker than each other
(MIXED: 5 working days against 7 days, or call hours that overlap without one containing the
other) are put in order by the longest a limit can take, or by how many hours the call hours
cover, and marked so that the page can say so. A company that has published no promise of the
kind comes last.
"""

from dataclasses import dataclass
from functools import cmp_to_key

from .limits import Comparison, compare_windows

ORDER = {Comparison.STRONGER: -1, Comparison.SAME: 0, Comparison.WEAKER: 1}


@dataclass
class Ranked:
    """One row of a kind's ranking: a company's commitment (None: it published none), its
    place (equal places for promises the same), ``mixed`` when it is neither stronger nor
    weaker than another row (its place then comes from the longest span, or the hours
    covered), for a limit in working days the (shortest, longest) calendar days it takes, and
    for a kind that complaints measure, the company's latest PromiseRecord up to the
    commitment's year."""

    company: object
    commitment: object = None
    place: int | None = None
    mixed: bool = False
    days: tuple | None = None
    promises: object = None


def rank_durations(commitments, spans):
    """``commitments`` with a time limit, strongest first, as Ranked rows."""
    rows = _rank(
        commitments,
        limit_of=lambda commitment: commitment.duration,
        compare=spans.compare,
        when_mixed=lambda duration: _longest_first(spans, duration),
    )
    for row in rows:
        duration = row.commitment.duration
        if duration.in_working_days:
            row.days = spans.working_days_in_days(duration.value)
    return rows


def rank_windows(commitments):
    """``commitments`` with hours of the day (call hours), narrowest first, as Ranked rows."""
    return _rank(
        commitments,
        limit_of=lambda commitment: commitment.window,
        compare=compare_windows,
        when_mixed=_hours_covered,
    )


def rank_published(commitments, *, place=1):
    """Commitments not ranked by a limit, in the order given, all at ``place``: a kind
    without a time limit (what counts is that the company published one), or None for a
    commitment that states no limit although its kind now has one."""
    return [
        Ranked(company=commitment.company, commitment=commitment, place=place)
        for commitment in commitments
    ]


def _rank(commitments, *, limit_of, compare, when_mixed):
    """Ranked rows of ``commitments`` by their limits (``limit_of``): by ``compare``, or by
    the key ``when_mixed`` gives for two limits it finds MIXED. Places are shared by limits
    that are the SAME (48 hours, 2 days); commitments with the same limit keep their order.

    Companies promise round figures, so the comparisons are made between the few distinct
    limits, not between every pair of commitments."""

    def ordered(first, second):
        comparison = compare(first, second)
        if comparison is Comparison.MIXED:
            return _by_key(when_mixed(first), when_mixed(second))
        return ORDER[comparison]

    limits = sorted({limit_of(commitment) for commitment in commitments}, key=cmp_to_key(ordered))
    # Limits the SAME as the one before (72 hours after 3 days) share its group.
    group = {}
    for index, limit in enumerate(limits):
        same = index and compare(limits[index - 1], limit) is Comparison.SAME
        group[limit] = group[limits[index - 1]] if same else index
    mixed = {
        first for first in limits for second in limits if compare(first, second) is Comparison.MIXED
    }
    rows = [
        Ranked(
            company=commitment.company, commitment=commitment, mixed=limit_of(commitment) in mixed
        )
        for commitment in sorted(commitments, key=lambda commitment: group[limit_of(commitment)])
    ]
    for index, row in enumerate(rows):
        tied = (
            index and group[limit_of(row.commitment)] == group[limit_of(rows[index - 1].commitment)]
        )
        row.place = rows[index - 1].place if tied else index + 1
    return rows


def _longest_first(spans, duration):
    shortest, longest = spans.of(duration)
    return longest, shortest


def _hours_covered(window):
    start, end = window
    return (end.hour - start.hour) * 60 + end.minute - start.minute, start, end


def _by_key(first, second):
    return (first > second) - (first < second)
