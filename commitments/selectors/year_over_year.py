"""A company's commitments in a campaign beside the previous campaign's, and what changed:
tightened, unchanged, loosened, new or dropped, computed from the time limits, never the text.

The rules, in one place (the year-over-year page, publish_commitment's demand for a reason
and the national workbook all read them from here):

- The previous campaign is the latest earlier one, as the statistics compare (one rule for
  both: campaign.selectors.campaigns.previous_campaign; campaign years need not follow each
  other: the demo goes from 2013 to the current year).
- This year's commitments are the published ones. Last year's is the version that stood at
  the end of that campaign's year (Beijing time): published before then and not superseded
  or withdrawn by then, so a later amendment or withdrawal does not rewrite what was promised.
- Commitments match by (kind, product line, region). Several of one kind for one scope (城区
  30 分钟, 郊区 2 小时) pair in order of strength, the nearest limits together; what is left
  over is new or dropped.
- Durations compare over this year's holiday calendar (Spans), hours of the day by
  compare_windows. A comparison that is MIXED — N working days against M days, longer on some
  days and shorter on others, or call hours moved rather than narrowed — counts as loosened
  "on some days": a consumer who comes on such a day waits (or is called) where last year's
  promise spared them, so it needs a stated reason like any other loosening.
- A kind without a limit is unchanged when it is there both years.
"""

import datetime
import functools
from collections import defaultdict
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import pgettext_lazy

from campaign.models import Campaign, Organisation
from campaign.selectors.campaigns import previous_campaign

from ..limits import Comparison, Spans, compare_windows
from ..models import ServiceCommitment

Status = ServiceCommitment.Status


class Change(models.TextChoices):
    """What happened to a promise since last year."""

    TIGHTENED = "tightened", pgettext_lazy("since last year", "Tightened")
    UNCHANGED = "unchanged", pgettext_lazy("since last year", "Unchanged")
    LOOSENED = "loosened", pgettext_lazy("since last year", "Loosened")
    PARTLY_LOOSENED = "partly_loosened", pgettext_lazy("since last year", "Loosened on some days")
    NEW = "new", pgettext_lazy("since last year", "New")
    DROPPED = "dropped", pgettext_lazy("since last year", "Dropped")


LOOSENING = (Change.LOOSENED, Change.PARTLY_LOOSENED)

COMPARISON_CHANGE = {
    Comparison.STRONGER: Change.TIGHTENED,
    Comparison.SAME: Change.UNCHANGED,
    Comparison.WEAKER: Change.LOOSENED,
    Comparison.MIXED: Change.PARTLY_LOOSENED,
}


@dataclass(frozen=True)
class Pair:
    """This year's commitment beside last year's matching one (either may be None)."""

    current: ServiceCommitment | None
    previous: ServiceCommitment | None
    change: str

    @property
    def label(self):
        return Change(self.change).label

    @property
    def is_loosened(self):
        return self.change in LOOSENING

    @property
    def commitment(self):
        """The one that says what the pair is about (this year's, or the dropped one)."""
        return self.current or self.previous


@dataclass(frozen=True)
class YearOverYear:
    company: Organisation
    campaign: Campaign | None
    previous_campaign: Campaign | None
    pairs: list

    def count(self, *changes):
        return sum(pair.change in changes for pair in self.pairs)


def end_of(campaign):
    """The first instant after ``campaign``'s year, Beijing time."""
    return datetime.datetime(campaign.year + 1, 1, 1, tzinfo=ZoneInfo(settings.TIME_ZONE))


def in_force_at_end(campaign):
    """A filter for the versions of ``campaign``'s commitments that stood at its year's end."""
    end = end_of(campaign)
    return (
        Q(campaign=campaign, published_at__lt=end)
        & ~Q(status=Status.DRAFT)
        & (Q(ended_at__isnull=True) | Q(ended_at__gte=end))
    )


def insurers():
    """The companies whose commitments the public pages show."""
    return Organisation.objects.filter(kind=Organisation.Kind.INSURER)


def campaigns_published_by(company):
    """The (visible) campaigns in which ``company`` has a published commitment, latest first."""
    return Campaign.objects.exclude(status=Campaign.Status.DRAFT).filter(
        pk__in=ServiceCommitment.objects.filter(company=company, status=Status.PUBLISHED).values(
            "campaign"
        )
    )


def campaign_to_show(company, year=None):
    """The campaign of ``year`` if given (None when there is no such visible campaign), else
    the latest in which ``company`` has published, else the latest campaign of all."""
    visible = Campaign.objects.exclude(status=Campaign.Status.DRAFT)
    if year is not None:
        return visible.filter(year=year).first()
    return campaigns_published_by(company).first() or visible.first()


def _with_related(commitments):
    return commitments.select_related("kind", "product_line", "region").order_by(
        # The notice's order: sales, after-sales, claims (the kinds' positions follow it).
        "kind__position",
        "kind__code",
        "product_line__position",
        "region__code",
        "pk",
    )


def year_over_year(company, campaign):
    """``company``'s published commitments in ``campaign`` beside those of the previous
    campaign, paired and compared (four queries whatever the number of commitments)."""
    if campaign is None:
        return YearOverYear(company, None, None, [])
    previous = previous_campaign(campaign)
    current = _with_related(
        ServiceCommitment.objects.filter(
            company=company, campaign=campaign, status=Status.PUBLISHED
        )
    )
    last_year = (
        _with_related(ServiceCommitment.objects.filter(in_force_at_end(previous), company=company))
        if previous
        else ServiceCommitment.objects.none()
    )
    spans = Spans.load(campaign.year)
    return YearOverYear(company, campaign, previous, pair_up(list(current), list(last_year), spans))


def counterpart_of(commitment, spans):
    """``commitment`` (about to be published) beside last year's matching one, as the
    year-over-year page will show it once published: a Pair, or None without a previous
    campaign."""
    previous = previous_campaign(commitment.campaign)
    if previous is None:
        return None
    scope = {
        "company_id": commitment.company_id,
        "kind_id": commitment.kind_id,
        "product_line_id": commitment.product_line_id,
        "region_id": commitment.region_id,
    }
    last_year = ServiceCommitment.objects.filter(in_force_at_end(previous), **scope)
    # Its siblings: this year's other published commitments of the kind for the scope, less
    # the version it replaces.
    siblings = ServiceCommitment.objects.filter(
        campaign_id=commitment.campaign_id, status=Status.PUBLISHED, **scope
    ).exclude(pk__in=[commitment.pk, commitment.previous_version_id])
    pairs = pair_up([*siblings, commitment], list(last_year), spans)
    return next(pair for pair in pairs if pair.current is commitment)


def pair_up(current, previous, spans):
    """[Pair] of the commitments of this year (``current``) and last (``previous``), matched
    by kind and scope; in the order of ``current``'s kinds and scopes (strongest first within
    one), then the dropped ones."""
    groups = defaultdict(lambda: ([], []))
    for side, commitments in enumerate((current, previous)):
        for commitment in commitments:
            groups[_scope(commitment)][side].append(commitment)
    pairs = []
    for this_year, last_year in groups.values():
        for now, before in _nearest(this_year, last_year, spans):
            pairs.append(Pair(now, before, change_between(now, before, spans)))
    return sorted(pairs, key=lambda pair: pair.current is None)


def _nearest(this_year, last_year, spans):
    """Several commitments of one kind for one scope (城区 30 分钟, 郊区 2 小时): pair as
    many as there are on the shorter side, in order of strength, the nearest limits
    together (so a company that publishes its 郊区 90 分钟 first is set beside last year's
    2 小时, not its 30 分钟); [(this year's or None, last year's or None)]."""
    this_year = sorted(this_year, key=lambda c: _strength(c, spans))
    last_year = sorted(last_year, key=lambda c: _strength(c, spans))
    n, m = len(this_year), len(last_year)

    @functools.cache
    def best(i, j):
        """(distance, pairs of indexes) for this_year[i:] and last_year[j:]."""
        if i == n or j == m:
            return 0, ()
        distance, pairs = best(i + 1, j + 1)
        options = [(distance + _distance(this_year[i], last_year[j], spans), ((i, j), *pairs))]
        if n - i > m - j:
            options.append(best(i + 1, j))
        if m - j > n - i:
            options.append(best(i, j + 1))
        return min(options, key=lambda option: option[0])

    matched = best(0, 0)[1]
    paired_now = {i for i, _j in matched}
    paired_before = {j for _i, j in matched}
    return [
        *((this_year[i], last_year[j]) for i, j in matched),
        *((c, None) for i, c in enumerate(this_year) if i not in paired_now),
        *((None, c) for j, c in enumerate(last_year) if j not in paired_before),
    ]


def change_between(current, previous, spans):
    """The Change from ``previous`` to ``current`` (either may be None)."""
    if previous is None:
        return Change.NEW
    if current is None:
        return Change.DROPPED
    if current.duration and previous.duration:
        return COMPARISON_CHANGE[spans.compare(current.duration, previous.duration)]
    if current.window and previous.window:
        return COMPARISON_CHANGE[compare_windows(current.window, previous.window)]
    return Change.UNCHANGED


def _scope(commitment):
    return (commitment.kind_id, commitment.product_line_id, commitment.region_id)


def _strength(commitment, spans):
    """Shorter limits and narrower hours first; then the order they were made in."""
    start, end = _window_minutes(commitment)
    return (_duration_minutes(commitment, spans), end - start, commitment.pk or 0)


def _distance(first, second, spans):
    duration = zip(_duration_minutes(first, spans), _duration_minutes(second, spans), strict=True)
    window = zip(_window_minutes(first), _window_minutes(second), strict=True)
    return sum(abs(a - b) for a, b in (*duration, *window))


def _duration_minutes(commitment, spans):
    """(shortest, longest) the time limit lasts, in minutes; (0, 0) without one."""
    return spans.of(commitment.duration) if commitment.duration else (0, 0)


def _window_minutes(commitment):
    """The hours of the day as minutes after midnight; (0, 0) without them."""
    if not commitment.window:
        return 0, 0
    return tuple(moment.hour * 60 + moment.minute for moment in commitment.window)
