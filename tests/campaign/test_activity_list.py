import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from campaign.models import Activity, Organisation
from campaign.services import activities as activity_services

from ..factories import UserFactory, organisation
from ..factories import activity as logged
from .test_activity_photos import picture

pytestmark = pytest.mark.postgresql

URL = "/activities/2013/"


def places(response):
    return [activity.place for activity in response.context["page"]]


@pytest.fixture
def events(campaign, bureau_a, bureau_b, company_x):
    logged(bureau_a, campaign, held_on=datetime.date(2013, 3, 8), place="十一学校")
    logged(
        bureau_a,
        campaign,
        held_on=datetime.date(2013, 3, 15),
        kind=Activity.Kind.DESK,
        place="西单文化广场",
        description="现场解答车险理赔问题",
    )
    logged(bureau_b, campaign, held_on=datetime.date(2013, 3, 12), place="田林街道")
    logged(company_x, campaign, held_on=datetime.date(2013, 3, 14), place="开发区企业")


def test_a_unit_lists_only_its_own_events_newest_first(client, bureau_a, events):
    client.force_login(bureau_a)
    assert places(client.get(URL)) == ["西单文化广场", "十一学校"]


def test_head_office_lists_every_units_events_and_narrows_to_one(client, head_office, events):
    client.force_login(head_office)
    assert len(places(client.get(URL))) == 4
    assert places(client.get(URL, {"unit": "shanghai"})) == ["田林街道"]


def test_a_unit_cannot_widen_its_list_to_another_unit(client, bureau_a, events):
    client.force_login(bureau_a)
    assert places(client.get(URL, {"unit": "shanghai"})) == ["西单文化广场", "十一学校"]


def test_the_list_filters_by_kind_dates_and_words(client, bureau_a, events):
    client.force_login(bureau_a)
    assert places(client.get(URL, {"kind": "desk"})) == ["西单文化广场"]
    assert places(client.get(URL, {"date_to": "2013-03-10"})) == ["十一学校"]
    assert places(client.get(URL, {"date_from": "2013-03-10"})) == ["西单文化广场"]
    assert places(client.get(URL, {"q": "理赔"})) == ["西单文化广场"]
    assert places(client.get(URL, {"q": "学校"})) == ["十一学校"]
    assert len(places(client.get(URL, {"kind": "nonsense"}))) == 2


@pytest.mark.parametrize("persona", ["company_x", "association"])
def test_insurers_and_the_association_keep_a_log_too(client, as_persona, campaign, persona):
    as_persona(persona)
    response = client.get(URL)
    assert response.status_code == 200
    assert "/activities/2013/new/" in response.content.decode()


def test_the_hotline_has_no_log_and_anonymous_logs_in(client, hotline, campaign):
    assert client.get(URL)["Location"].startswith("/accounts/login/")
    client.force_login(hotline)
    assert client.get(URL).status_code == 403


def test_the_navigation_leads_to_the_current_campaigns_log(client, bureau_a, campaign):
    client.force_login(bureau_a)
    assert 'href="/activities/"' in client.get("/campaigns/").content.decode()
    assert client.get("/activities/")["Location"] == URL


def test_the_number_of_queries_does_not_grow_with_the_events_shown(
    client, campaign, head_office, django_assert_num_queries, django_capture_on_commit_callbacks
):
    units = Organisation.objects.filter(code__in=["beijing", "shanghai", "jiangsu", "iac"])
    for unit in units:
        clerk = UserFactory(username=f"clerk-{unit.code}", organisation=unit)
        for day in range(1, 7):
            event = logged(clerk, campaign, held_on=datetime.date(2013, 3, day))
            with django_capture_on_commit_callbacks(execute=True):
                activity_services.add_activity_photo(
                    actor=clerk,
                    activity=event,
                    upload=SimpleUploadedFile("a.png", picture("PNG", (10, 10))),
                )
    client.force_login(head_office)
    # Session, user, their organisation; the campaign; the units to filter by; count and
    # page of events; the bell's unread count.
    with django_assert_num_queries(8):
        response = client.get(URL)
    assert len(response.context["page"]) == 24
    assert {activity.photo_count for activity in response.context["page"]} == {1}
    assert organisation("beijing").name_zh in response.content.decode()
