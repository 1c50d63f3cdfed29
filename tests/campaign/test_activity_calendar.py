import datetime

import pytest

from campaign.models import Activity, Organisation

from ..factories import UserFactory
from ..factories import activity as logged

URL = "/activities/2013/calendar/"


def day(response, date):
    return next(d for week in response.context["weeks"] for d in week if d.date == date)


@pytest.fixture
def events(campaign, bureau_a, bureau_b):
    march_8 = datetime.date(2013, 3, 8)
    logged(bureau_a, campaign, held_on=march_8, people_reached=100)
    logged(bureau_a, campaign, held_on=march_8, people_reached=50)
    logged(bureau_a, campaign, held_on=march_8, kind=Activity.Kind.DESK, people_reached=7)
    logged(bureau_b, campaign, held_on=march_8, people_reached=1000)
    logged(bureau_a, campaign, held_on=datetime.date(2013, 4, 2), people_reached=5)


def test_a_units_month_counts_its_own_events_by_day_and_kind(client, bureau_a, events, english):
    client.force_login(bureau_a)
    response = client.get(URL, {"month": "2013-03"})
    march_8 = day(response, datetime.date(2013, 3, 8))
    assert (march_8.events, march_8.people) == (3, 157)
    assert march_8.kinds == [("Into schools", 2), ("Consultation desk", 1)]
    assert [d.date for d in response.context["days"]] == [datetime.date(2013, 3, 8)]
    assert "Into schools × 2" in response.content.decode()


def test_head_office_sees_the_national_month_and_one_unit(client, head_office, events):
    client.force_login(head_office)
    march_8 = datetime.date(2013, 3, 8)
    assert day(client.get(URL, {"month": "2013-03"}), march_8).events == 4
    only_shanghai = client.get(URL, {"month": "2013-03", "unit": "shanghai"})
    assert (day(only_shanghai, march_8).events, day(only_shanghai, march_8).people) == (1, 1000)


def test_without_a_month_the_campaigns_activity_period_is_shown(client, bureau_a, events):
    client.force_login(bureau_a)
    for month in ("", "nonsense"):
        response = client.get(URL, {"month": month})
        assert response.context["month"] == datetime.date(2013, 3, 1)
        assert response.context["next_month"] == datetime.date(2013, 4, 1)
    assert 'value="2013-03"' in client.get(URL).content.decode()


def test_the_hotline_has_no_calendar(client, hotline, campaign):
    client.force_login(hotline)
    assert client.get(URL).status_code == 403


def test_the_number_of_queries_does_not_grow_with_the_events(
    client, campaign, head_office, django_assert_num_queries
):
    for unit in Organisation.objects.filter(code__in=["beijing", "shanghai", "jiangsu"]):
        clerk = UserFactory(username=f"clerk-{unit.code}", organisation=unit)
        for n in range(20):
            logged(clerk, campaign, held_on=datetime.date(2013, 3, 1 + n % 28))
    client.force_login(head_office)
    # Session, user, their organisation; the campaign; the units to filter by; the month's
    # events counted by day and kind; the bell's unread count.
    with django_assert_num_queries(7):
        response = client.get(URL, {"month": "2013-03"})
    assert sum(d.events for week in response.context["weeks"] for d in week) == 60


def test_a_month_outside_the_campaigns_season_is_refused_next_to_the_field(
    client, bureau_a, events, english
):
    client.force_login(bureau_a)
    for month in ("0001-01", "9999-12", "2014-01", "2012-03"):
        response = client.get(URL, {"month": month})
        assert response.status_code == 200
        assert response.context["month"] == datetime.date(2013, 3, 1)
        assert response.context["search"].errors["month"] == [
            "Choose a month between April 2012 and December 2013."
        ]


def test_the_calendar_links_no_month_outside_the_season(client, bureau_a, events):
    client.force_login(bureau_a)
    first = client.get(URL, {"month": "2012-04"})
    assert first.context["previous_month"] is None
    assert first.context["next_month"] == datetime.date(2012, 5, 1)
    last = client.get(URL, {"month": "2013-12"})
    assert last.context["next_month"] is None
    assert 'rel="next"' not in last.content.decode()
