import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from campaign.models import Activity, Campaign
from campaign.services import activities
from tests.factories import activity as logged

URL = "/activities/2013/new/"
# "Today" for these tests: the 2013 campaign's season, after its events.
TODAY = datetime.datetime(2013, 3, 20, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def in_march_2013():
    with time_machine.travel(TODAY, tick=False):
        yield


def event(**fields):
    return {
        "held_on": "2013-03-08",
        "kind": Activity.Kind.SCHOOL,
        "place": "北京市第十一中学",
        "people_reached": "420",
        "brochures": "500",
        "display_boards": "4",
        "description": "讲解学生平安保险。",
        "no_insurance_sold": "on",
    } | fields


def without(name):
    data = event()
    del data[name]
    return data


def test_a_unit_records_an_event_and_the_history_names_who(client, bureau_a, campaign):
    client.force_login(bureau_a)
    response = client.post(URL, event())
    activity = Activity.objects.get()
    assert response["Location"] == f"/activities/2013/{activity.pk}/"
    assert (activity.organisation, activity.recorded_by) == (bureau_a.organisation, bureau_a)
    assert (activity.place, activity.people_reached, activity.no_insurance_sold) == (
        "北京市第十一中学",
        420,
        True,
    )
    entry = activity.history.get()
    assert (entry.history_type, entry.history_user) == ("+", bureau_a)


def test_an_event_without_the_no_sale_confirmation_is_refused_next_to_the_box(
    client, bureau_a, campaign, english
):
    client.force_login(bureau_a)
    response = client.post(URL, without("no_insurance_sold"))
    assert response.status_code == 200
    assert not Activity.objects.exists()
    errors = response.context["form"].errors
    assert "Confirm that no insurance was sold" in errors["no_insurance_sold"][0]
    assert "Confirm that no insurance was sold" in response.content.decode()


def test_the_form_cites_the_notice_on_selling_at_events(client, bureau_a, campaign, english):
    client.force_login(bureau_a)
    assert "avoid using them to sell insurance" in client.get(URL).content.decode()


def test_a_date_in_the_future_is_refused(client, bureau_a, campaign, english):
    client.force_login(bureau_a)
    response = client.post(URL, event(held_on="2013-03-21"))
    assert response.context["form"].errors["held_on"] == ["The date cannot be in the future."]
    assert not Activity.objects.exists()


def test_a_date_outside_the_campaigns_season_is_refused(client, bureau_a, campaign, english):
    client.force_login(bureau_a)
    response = client.post(URL, event(held_on="2011-03-08"))
    assert (
        "An event of the 2013 campaign is held between"
        in (response.context["form"].errors["held_on"][0])
    )
    assert not Activity.objects.exists()


def test_counts_beyond_ten_million_are_refused_with_a_message(client, bureau_a, campaign, english):
    client.force_login(bureau_a)
    response = client.post(URL, event(people_reached="10000001", brochures="99999999999"))
    errors = response.context["form"].errors
    assert errors["people_reached"] == ["Enter at most 10,000,000."]
    assert errors["brochures"]
    assert not Activity.objects.exists()


def test_a_closed_campaigns_log_is_read_only(client, bureau_a, campaign, english):
    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.CLOSED)
    client.force_login(bureau_a)
    response = client.get(URL, follow=True)
    assert response.redirect_chain == [("/activities/2013/", 302)]
    assert "its activity log can no longer be changed" in response.content.decode()
    client.post(URL, event())
    assert not Activity.objects.exists()
    assert "Record an event" not in client.get("/activities/2013/").content.decode()


@pytest.mark.parametrize("persona", ["head_office", "hotline"])
def test_head_office_and_the_hotline_record_no_events(client, as_persona, campaign, persona):
    as_persona(persona)
    assert client.get(URL).status_code == 403
    assert client.post(URL, event()).status_code == 403
    assert not Activity.objects.exists()


def test_anonymous_is_sent_to_log_in(client, campaign):
    assert client.post(URL, event())["Location"].startswith("/accounts/login/")


def test_the_service_itself_refuses_who_may_not_log_or_change_an_event(
    campaign, bureau_a, bureau_b, head_office
):
    """The rules hold for any caller, not only behind the pages' own checks."""
    fields = {
        "held_on": datetime.date(2013, 3, 8),
        "kind": Activity.Kind.SCHOOL,
        "place": "北京市第十一中学",
        "people_reached": 1,
        "no_insurance_sold": True,
    }
    with pytest.raises(PermissionDenied):
        activities.record_activity(actor=head_office, campaign=campaign, **fields)
    beijings = logged(bureau_a, campaign)
    with pytest.raises(PermissionDenied):
        activities.update_activity(actor=bureau_b, activity=beijings, place="上海")
    with pytest.raises(PermissionDenied):
        activities.delete_activity(actor=bureau_b, activity=beijings)
    assert Activity.objects.get().place == "北京市第十一中学"
