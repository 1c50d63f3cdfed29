"""One date style in both languages, as government documents write dates (issue 7, item 8)."""

import datetime

import pytest
from django.utils import translation
from django.utils.formats import date_format

MOMENT = datetime.datetime(2026, 12, 1, 0, 51)
DEADLINE = datetime.date(2013, 4, 10)


@pytest.mark.parametrize(
    ("language", "date", "moment"),
    [
        ("zh-hans", "2013年4月10日", "2026年12月1日 00:51"),
        ("en", "10 April 2013", "1 December 2026 00:51"),
    ],
)
def test_dates_and_times_read_the_same_way_in_both_languages(language, date, moment):
    with translation.override(language):
        assert date_format(DEADLINE, "DATE_FORMAT") == date
        assert date_format(DEADLINE, "SHORT_DATE_FORMAT") == date
        assert date_format(MOMENT, "DATETIME_FORMAT") == moment
        assert date_format(MOMENT, "SHORT_DATETIME_FORMAT") == moment


def test_the_deadline_is_inclusive_on_the_campaign_list(client, english, bureau_a, campaign):
    client.force_login(bureau_a)
    assert "10 April 2013 (inclusive)" in client.get("/campaigns/").content.decode()
