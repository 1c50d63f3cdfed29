"""Promises kept, measured exactly on constructed timelines: each company against its own
published limit and against the law, in minutes, hours, days and working days over the 2013
holiday calendar (19–21 September off for 中秋节, Sunday 22 September worked)."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from campaign.models import ProductLine, Region
from campaign.working_days import WorkingCalendar
from commitments.models import Duration, PromiseRecord
from commitments.promises import Measure, Promise
from commitments.services.commitments import (
    amend_commitment,
    publish_commitment,
    update_draft,
)
from commitments.services.promises import measure_promises
from commitments.tasks import measure_promises as measure_promises_task
from portal import timelines
from portal.timelines import Episode

from .years import promise as year_promise
from .years import two_campaigns

pytestmark = pytest.mark.postgresql

BEIJING = ZoneInfo("Asia/Shanghai")
PUBLISHED = datetime.datetime(2013, 3, 1, tzinfo=BEIJING)
NOW = datetime.datetime(2013, 12, 31, 12, tzinfo=BEIJING)
COMPANY = 1
LINE, OTHER_LINE = 10, 11
CITY, PROVINCE, OTHER_PROVINCE = 210200, 210000, 310000


def at(day, hour=9, minute=0, second=0, microsecond=0):
    month, date = day
    return datetime.datetime(2013, month, date, hour, minute, second, microsecond, tzinfo=BEIJING)


def promise(value, unit, *, line=None, region=None, published_at=PUBLISHED, ended_at=None):
    return Promise(line, region, Duration(value, unit), published_at, ended_at)


def episode(started_at, done_at, *, line=LINE, region=CITY, company=COMPANY):
    return Episode(company, line, region, started_at, done_at)


@pytest.fixture
def measure_with(db):
    calendar = WorkingCalendar.load()

    def measure(*promises, statutory=(), now=NOW):
        return Measure(
            calendar=calendar,
            promises={COMPANY: list(promises)},
            statutory=list(statutory),
            provinces={CITY: PROVINCE, PROVINCE: None, OTHER_PROVINCE: None},
            now=now,
        )

    return measure


def outcome(measure, started_at, done_at, **scope):
    tally = measure.tally([episode(started_at, done_at, **scope)])[COMPANY]
    if tally.without_promise:
        return "without promise"
    return {tally.kept: "kept", tally.broken: "broken", tally.pending: "pending"}[1]


def test_a_limit_in_days_runs_to_the_end_of_the_nth_day_after_the_start(measure_with):
    measure = measure_with(promise(5, "days"))
    assert outcome(measure, at((6, 3), 16), at((6, 8), 23, 59, 59, 999999)) == "kept"
    assert outcome(measure, at((6, 3), 16), at((6, 9), 0)) == "broken"


def test_the_day_the_clock_starts_is_not_counted_whatever_its_hour(measure_with):
    measure = measure_with(promise(1, "days"))
    assert outcome(measure, at((6, 3), 0, 0), at((6, 4), 23, 30)) == "kept"
    assert outcome(measure, at((6, 3), 23, 59), at((6, 4), 23, 30)) == "kept"


def test_a_limit_in_hours_runs_to_the_minute(measure_with):
    measure = measure_with(promise(48, "hours"))
    assert outcome(measure, at((6, 3), 16), at((6, 5), 16)) == "kept"
    assert outcome(measure, at((6, 3), 16), at((6, 5), 16, 0, 0, 1)) == "broken"


def test_a_limit_in_minutes_runs_to_the_minute(measure_with):
    measure = measure_with(promise(30, "minutes"))
    assert outcome(measure, at((6, 3), 16), at((6, 3), 16, 30)) == "kept"
    assert outcome(measure, at((6, 3), 16), at((6, 3), 16, 31)) == "broken"


def test_working_days_skip_the_holiday_and_count_the_worked_sunday(measure_with):
    # Wednesday 18 September: 19–21 off, Sunday 22 worked (1), 23 (2), 24 (3).
    measure = measure_with(promise(3, "working_days"))
    assert outcome(measure, at((9, 18), 10), at((9, 24), 22)) == "kept"
    assert outcome(measure, at((9, 18), 10), at((9, 25), 0, 1)) == "broken"


def test_the_same_number_of_calendar_days_runs_out_sooner_over_the_holiday(measure_with):
    measure = measure_with(promise(3, "days"))
    assert outcome(measure, at((9, 18), 10), at((9, 21), 22)) == "kept"
    assert outcome(measure, at((9, 18), 10), at((9, 24), 22)) == "broken"


def test_working_days_from_a_weekend_start_on_the_next_working_day(measure_with):
    # Saturday 8 June is a worked day (端午节 调休), Sunday 9 too, 10–12 off: one working day
    # after Friday 7 June is Saturday 8.
    measure = measure_with(promise(1, "working_days"))
    assert outcome(measure, at((6, 7), 17), at((6, 8), 18)) == "kept"
    assert outcome(measure, at((6, 7), 17), at((6, 10), 9)) == "broken"


def test_not_done_is_pending_while_the_limit_runs_and_broken_once_it_has_run_out(measure_with):
    started = at((12, 28), 9)
    assert outcome(measure_with(promise(5, "days")), started, None) == "pending"
    assert outcome(measure_with(promise(2, "days")), started, None) == "broken"


def test_limits_run_out_at_midnight_beijing_time_whatever_the_timezone_of_the_record(
    measure_with,
):
    measure = measure_with(promise(1, "days"))
    utc = datetime.UTC
    # Started 3 June 08:00 Beijing (00:00 UTC); done 4 June 23:30 Beijing (15:30 UTC).
    assert (
        outcome(
            measure,
            datetime.datetime(2013, 6, 3, 0, tzinfo=utc),
            datetime.datetime(2013, 6, 4, 15, 30, tzinfo=utc),
        )
        == "kept"
    )
    # Done 5 June 00:30 Beijing, still 4 June in UTC: too late.
    assert (
        outcome(
            measure,
            datetime.datetime(2013, 6, 3, 0, tzinfo=utc),
            datetime.datetime(2013, 6, 4, 16, 30, tzinfo=utc),
        )
        == "broken"
    )


def test_a_record_without_a_timezone_is_read_as_beijing_time(measure_with):
    """A source may hand over naive datetimes (dates combined with times): they are the
    portal's time (TIME_ZONE), as Django reads them, rather than the night's measure failing
    for every company."""
    measure = measure_with(
        promise(1, "days"), statutory=[(datetime.date(2009, 10, 1), Duration(1, "days"))]
    )
    started = datetime.datetime(2013, 6, 3, 23, 30)
    kept = measure.tally([episode(started, datetime.datetime(2013, 6, 4, 23, 59))])[COMPANY]
    late = measure.tally([episode(started, datetime.datetime(2013, 6, 5, 0, 1))])[COMPANY]
    assert (kept.kept, kept.kept_by_law, late.broken, late.broken_by_law) == (1, 1, 1, 1)
    assert outcome(measure_with(promise(30, "minutes")), started, None) == "broken"


def test_the_promise_in_force_when_the_clock_started_applies_not_a_later_version(measure_with):
    amended = at((6, 10))
    measure = measure_with(
        promise(5, "days", ended_at=amended), promise(3, "days", published_at=amended)
    )
    # Started before the amendment: five days; after it: three.
    assert outcome(measure, at((6, 3)), at((6, 8))) == "kept"
    assert outcome(measure, at((6, 12)), at((6, 16))) == "broken"


def test_a_clock_started_before_any_promise_is_measured_against_the_law_only(measure_with):
    measure = measure_with(
        promise(5, "days"), statutory=[(datetime.date(2009, 10, 1), Duration(10, "days"))]
    )
    tally = measure.tally([episode(at((2, 1)), at((2, 9)))])[COMPANY]
    assert (tally.without_promise, tally.kept, tally.broken) == (1, 0, 0)
    assert (tally.kept_by_law, tally.broken_by_law) == (1, 0)


def test_a_promise_published_the_moment_the_clock_starts_applies(measure_with):
    started = at((6, 3), 9)
    measure = measure_with(promise(1, "days", published_at=started))
    assert outcome(measure, started, at((6, 4), 20)) == "kept"


def test_a_promise_ended_the_moment_the_clock_starts_no_longer_applies(measure_with):
    started = at((6, 3), 9)
    measure = measure_with(
        promise(5, "days", ended_at=started), promise(1, "days", published_at=started)
    )
    assert outcome(measure, started, at((6, 6), 9)) == "broken"


def test_done_before_the_clock_started_is_kept(measure_with):
    # The company acted before the record says its clock started (accepted a complaint
    # before the bureau forwarded it): it did not keep anyone waiting.
    measure = measure_with(promise(30, "minutes"))
    assert outcome(measure, at((6, 3), 9), at((6, 3), 8)) == "kept"


def test_a_withdrawn_promise_no_longer_applies(measure_with):
    measure = measure_with(promise(5, "days", ended_at=at((6, 1))))
    assert outcome(measure, at((6, 3)), at((6, 4))) == "without promise"


def test_the_most_specific_scope_applies(measure_with):
    measure = measure_with(
        promise(10, "days"),
        promise(7, "days", region=PROVINCE),
        promise(5, "days", region=CITY),
        promise(3, "days", line=LINE),
    )
    # The product line's 3 days, before any region's.
    assert outcome(measure, at((6, 3)), at((6, 7))) == "broken"
    # Another line in the city: the city's 5 days.
    assert outcome(measure, at((6, 3)), at((6, 8)), line=OTHER_LINE) == "kept"
    assert outcome(measure, at((6, 3)), at((6, 9)), line=OTHER_LINE) == "broken"


def test_a_province_promise_covers_its_cities_and_not_other_provinces(measure_with):
    measure = measure_with(promise(7, "days", region=PROVINCE))
    assert outcome(measure, at((6, 3)), at((6, 10))) == "kept"
    assert outcome(measure, at((6, 3)), at((6, 10)), region=OTHER_PROVINCE) == "without promise"


def test_another_product_lines_promise_does_not_apply(measure_with):
    measure = measure_with(promise(3, "days", line=OTHER_LINE))
    assert outcome(measure, at((6, 3)), at((6, 4))) == "without promise"


def test_between_equally_specific_promises_the_longest_limit_applies(measure_with):
    # 城区 3 days and 郊区 5 days, both nationwide: the record cannot tell which.
    measure = measure_with(promise(3, "days"), promise(5, "working_days"))
    # Thursday 6 June + 5 working days: 7, 8 and 9 (调休 weekend), 10–12 off (端午节), 13, 14.
    assert outcome(measure, at((6, 6)), at((6, 14), 20)) == "kept"
    assert outcome(measure, at((6, 6)), at((6, 15), 9)) == "broken"


def test_the_law_in_force_on_the_day_the_clock_started_applies(measure_with):
    measure = measure_with(
        statutory=[
            (datetime.date(2013, 7, 1), Duration(5, "days")),
            (datetime.date(2009, 10, 1), Duration(10, "days")),
        ]
    )
    late_under_new_law = measure.tally([episode(at((7, 1)), at((7, 8)))])[COMPANY]
    kept_under_old_law = measure.tally([episode(at((6, 30)), at((7, 8)))])[COMPANY]
    assert (late_under_new_law.kept_by_law, late_under_new_law.broken_by_law) == (0, 1)
    assert (kept_under_old_law.kept_by_law, kept_under_old_law.broken_by_law) == (1, 0)


def test_a_company_keeping_its_promise_but_not_the_law_is_counted_so(measure_with):
    # A promise weaker than the law cannot be published today; one published under an older,
    # longer limit is still measured against both.
    measure = measure_with(
        promise(15, "days"), statutory=[(datetime.date(2009, 10, 1), Duration(10, "days"))]
    )
    tally = measure.tally([episode(at((6, 3)), at((6, 15)))])[COMPANY]
    assert (tally.kept, tally.broken, tally.kept_by_law, tally.broken_by_law) == (1, 0, 0, 1)


def test_each_company_is_tallied_on_its_own_episodes(measure_with):
    measure = measure_with(promise(5, "days"))
    tallies = measure.tally(
        [
            episode(at((6, 3)), at((6, 4))),
            episode(at((6, 3)), at((6, 20))),
            episode(at((6, 3)), None),
            episode(at((6, 3)), at((6, 4)), company=2),
        ]
    )
    assert (tallies[COMPANY].kept, tallies[COMPANY].broken) == (1, 2)
    assert (tallies[2].without_promise, tallies[2].kept) == (1, 0)


@pytest.fixture
def payment_episodes(monkeypatch):
    """The claim payment episodes a source reports, by year: set ``episodes[2013]``."""
    episodes = {}
    monkeypatch.setitem(timelines._sources, "claim_payment", lambda year: episodes.get(year, []))
    return episodes


@pytest.fixture
def published_payment(payment):
    """Company X's 5-day promise, published at the start of 2013 (the fixture publishes it
    now; the measure reads the time)."""
    type(payment).objects.filter(pk=payment.pk).update(published_at=PUBLISHED)
    return payment


def test_measuring_stores_each_companys_record_for_the_year(
    published_payment, company_x, company_y, kinds, payment_episodes
):
    x, y = company_x.organisation_id, company_y.organisation_id
    line = ProductLine.objects.first().pk
    city = Region.objects.get(code="210200").pk
    payment_episodes[2013] = [
        Episode(x, line, city, at((6, 3)), at((6, 8))),
        Episode(x, line, city, at((6, 3)), at((6, 11))),
        Episode(x, line, city, at((6, 3)), at((6, 14))),
        Episode(y, line, city, at((6, 3)), at((6, 5))),
    ]

    assert measure_promises(year=2013, now=NOW) == 2

    record = PromiseRecord.objects.get(company_id=x, year=2013, kind=kinds["claim_payment"])
    assert (record.kept, record.broken, record.kept_by_law, record.broken_by_law) == (1, 2, 2, 1)
    assert record.kept_share == pytest.approx(1 / 3)
    other = PromiseRecord.objects.get(company_id=y, year=2013)
    assert (other.without_promise, other.kept_by_law, other.kept_share) == (1, 1, None)


def test_measuring_again_replaces_the_years_records(
    published_payment, company_x, company_y, kinds, payment_episodes
):
    x, y = company_x.organisation_id, company_y.organisation_id
    line = ProductLine.objects.first().pk
    city = Region.objects.get(code="210200").pk
    payment_episodes[2013] = [
        Episode(x, line, city, at((6, 3)), None),
        Episode(y, line, city, at((6, 3)), at((6, 5))),
    ]
    measure_promises(year=2013, now=at((6, 5)))
    assert PromiseRecord.objects.get(company_id=x).pending == 1

    # Paid late; company Y's complaint was re-routed to company X.
    payment_episodes[2013] = [
        Episode(x, line, city, at((6, 3)), at((6, 10))),
        Episode(x, line, city, at((6, 3)), at((6, 5))),
    ]
    measure_promises(year=2013, now=NOW)

    record = PromiseRecord.objects.get(company_id=x)
    assert (record.kept, record.broken, record.pending) == (1, 1, 0)
    assert not PromiseRecord.objects.filter(company_id=y).exists()


def test_an_amended_promise_measures_each_episode_by_the_version_then_in_force(
    published_payment, company_x, kinds, payment_episodes
):
    draft = amend_commitment(actor=company_x, commitment=published_payment)
    draft = update_draft(actor=company_x, commitment=draft, limit_value=3)
    tighter = publish_commitment(actor=company_x, commitment=draft)
    type(tighter).objects.filter(pk=tighter.pk).update(published_at=at((7, 1)))
    type(tighter).objects.filter(pk=published_payment.pk).update(ended_at=at((7, 1)))
    x = company_x.organisation_id
    line = ProductLine.objects.first().pk
    city = Region.objects.get(code="210200").pk
    payment_episodes[2013] = [
        Episode(x, line, city, at((6, 3)), at((6, 7))),  # 4 days under "5 days": kept
        Episode(x, line, city, at((7, 3)), at((7, 7))),  # 4 days under "3 days": broken
    ]

    measure_promises(year=2013, now=NOW)

    record = PromiseRecord.objects.get(company_id=x)
    assert (record.kept, record.broken) == (1, 1)


def test_the_nightly_task_measures_every_year_from_the_first_campaigns_to_this_one(
    published_payment, company_x, payment_episodes, time_machine
):
    time_machine.move_to(datetime.datetime(2015, 2, 1, tzinfo=BEIJING))
    x = company_x.organisation_id
    line = ProductLine.objects.first().pk
    city = Region.objects.get(code="210200").pk
    payment_episodes[2013] = [Episode(x, line, city, at((6, 3)), at((6, 4)))]
    # A year without a campaign of its own, and this year.
    payment_episodes[2014] = [Episode(x, line, city, at((6, 3)).replace(year=2014), None)]
    payment_episodes[2015] = [Episode(x, line, city, at((1, 30)).replace(year=2015), None)]
    payment_episodes[2012] = [Episode(x, line, city, at((6, 3)).replace(year=2012), None)]

    assert measure_promises_task.delay().get() == 3
    assert measure_promises_task.delay().get() == 3

    records = PromiseRecord.objects.filter(company_id=x).order_by("year")
    assert [(r.year, r.kept, r.broken, r.pending) for r in records] == [
        (2013, 1, 0, 0),
        (2014, 0, 1, 0),
        (2015, 0, 0, 1),
    ]


def test_a_kind_no_source_records_is_not_measured(published_payment, payment_episodes, kinds):
    assert timelines.source_for("arrival_on_scene") is None
    measure_promises(year=2013, now=NOW)
    assert not PromiseRecord.objects.filter(kind=kinds["arrival_on_scene"]).exists()


def test_an_earlier_years_promise_gives_way_once_the_company_publishes_for_a_newer_year(
    company_x, payment_episodes
):
    """As on the public pages: 2012's "5 days" stands until the company's first 2013
    commitment is published (15 March 2013), then 2013's "3 days" alone is its promise."""
    last, this = two_campaigns()
    year_promise(company_x, last, "claim_payment", (5, "days"))
    year_promise(company_x, this, "claim_payment", (3, "days"))
    x = company_x.organisation_id
    line = ProductLine.objects.first().pk
    city = Region.objects.get(code="210200").pk
    payment_episodes[2013] = [
        Episode(x, line, city, at((3, 1)), at((3, 5))),  # 4 days under 2012's 5: kept
        Episode(x, line, city, at((6, 3)), at((6, 7))),  # 4 days under 2013's 3: broken
    ]

    measure_promises(year=2013, now=NOW)

    record = PromiseRecord.objects.get(company_id=x, year=2013)
    assert (record.kept, record.broken) == (1, 1)


def test_an_earlier_years_promise_gives_way_to_a_newer_year_without_that_kind(
    company_x, payment_episodes
):
    last, this = two_campaigns()
    year_promise(company_x, last, "claim_payment", (5, "days"))
    year_promise(company_x, this, "information_security")
    x = company_x.organisation_id
    line = ProductLine.objects.first().pk
    city = Region.objects.get(code="210200").pk
    payment_episodes[2013] = [Episode(x, line, city, at((6, 3)), at((6, 7)))]

    measure_promises(year=2013, now=NOW)

    record = PromiseRecord.objects.get(company_id=x, year=2013)
    assert (record.kept, record.broken, record.without_promise) == (0, 0, 1)
