"""Which year's campaign the demo opens: the one whose 10 April is the next on or after today."""

import datetime
import zoneinfo

import pytest
from django.core.management import call_command
from django.utils import timezone

from campaign.demo import current_campaign_year
from campaign.models import Campaign, User

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def test_the_current_campaign_is_next_years_once_10_april_has_passed(db, monkeypatch, time_machine):
    monkeypatch.setenv("DEMO_PASSWORD", "another-demo-pass")
    time_machine.move_to(datetime.datetime(2027, 4, 11, 9, 0, tzinfo=SHANGHAI))

    call_command("seed_demo")

    assert Campaign.objects.get(year=2028).status == Campaign.Status.OPEN
    assert not Campaign.objects.filter(year=2027).exists()
    assert User.objects.get(username="xinjiang").check_password("another-demo-pass")


@pytest.mark.parametrize(
    ("moment", "year"),
    [
        (datetime.datetime(2027, 4, 10, 23, 59, tzinfo=SHANGHAI), 2027),
        (datetime.datetime(2027, 4, 11, 0, 0, tzinfo=SHANGHAI), 2028),
        (datetime.datetime(2027, 1, 1, 0, 0, tzinfo=SHANGHAI), 2027),
        (datetime.datetime(2026, 12, 31, 23, 0, tzinfo=SHANGHAI), 2027),
    ],
)
def test_the_current_campaign_year_is_that_of_the_next_10_april(time_machine, moment, year):
    time_machine.move_to(moment)

    assert current_campaign_year(timezone.localdate()) == year
