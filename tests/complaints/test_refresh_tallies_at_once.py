"""Beat and a dashboard refreshing a year's complaint figures at the same moment
(PostgreSQL), the year never counted before: neither fails on the other's new rows, and the
figures stored are those of the later count, one row a dashboard."""

import datetime
from zoneinfo import ZoneInfo

from complaints.models import ComplaintTally
from complaints.selectors.statistics import ComplaintCounts
from complaints.services.tallies import refresh_tallies
from tests.concurrency import ON_POSTGRESQL_WITH_REAL_TRANSACTIONS, at_once
from tests.factories import complaint

pytestmark = ON_POSTGRESQL_WITH_REAL_TRANSACTIONS

MAY_2 = datetime.datetime(2013, 5, 2, 10, tzinfo=ZoneInfo("Asia/Shanghai"))


def test_two_first_refreshes_at_once_store_the_later_count_once(campaign, hotline, bureau_a):
    for _ in range(3):
        complaint(actor=hotline, received_at=MAY_2 - datetime.timedelta(days=1))
    earlier, later = MAY_2, MAY_2 + datetime.timedelta(seconds=1)

    outcomes = at_once(
        lambda: refresh_tallies(2013, now=earlier), lambda: refresh_tallies(2013, now=later)
    )

    assert sorted(outcomes, key=str) in ([False, True], [True, True])
    national = ComplaintTally.objects.get(year=2013, organisation=None)
    assert national.computed_at == later
    assert ComplaintCounts.from_json(national.counts).received == 3
    bureau = ComplaintTally.objects.get(year=2013, organisation=bureau_a.organisation)
    assert bureau.computed_at == later
