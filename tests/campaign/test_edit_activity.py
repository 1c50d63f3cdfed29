import re

import pytest

from campaign.models import Activity, Campaign

from ..factories import activity as logged


@pytest.fixture
def event(campaign, bureau_a):
    return logged(bureau_a, campaign, people_reached=300, place="北京市第十一中学")


def url(event):
    return f"/activities/2013/{event.pk}/edit/"


def changed(event, **fields):
    data = {
        "held_on": event.held_on.isoformat(),
        "kind": event.kind,
        "place": event.place,
        "people_reached": event.people_reached,
        "brochures": event.brochures,
        "display_boards": event.display_boards,
        "description": event.description,
        "no_insurance_sold": "on",
    }
    return data | fields


def test_a_unit_edits_its_event_and_the_page_shows_who_changed_what(
    client, bureau_a_admin, bureau_a, event, english
):
    client.force_login(bureau_a_admin)  # a colleague of the one who recorded it
    response = client.post(url(event), changed(event, people_reached="350", place="十一学校"))
    assert response["Location"] == f"/activities/2013/{event.pk}/"
    event.refresh_from_db()
    assert (event.people_reached, event.place) == (350, "十一学校")
    latest = event.history.first()
    assert (latest.history_type, latest.history_user) == ("~", bureau_a_admin)
    page = client.get(f"/activities/2013/{event.pk}/").content.decode()
    assert "People reached" in page and "300" in page and "350" in page
    assert "北京市第十一中学" in page and str(bureau_a_admin) in page


def test_saving_without_a_change_writes_no_history(client, bureau_a, event):
    client.force_login(bureau_a)
    client.post(url(event), changed(event))
    assert event.history.count() == 1


def test_an_edit_keeps_the_rules(client, bureau_a, event, english):
    client.force_login(bureau_a)
    response = client.post(url(event), changed(event, no_insurance_sold="", held_on="2031-01-01"))
    errors = response.context["form"].errors
    assert set(errors) == {"held_on", "no_insurance_sold"}
    event.refresh_from_db()
    assert event.no_insurance_sold and event.held_on.year == 2013


def test_a_closed_campaigns_event_is_not_edited(client, bureau_a, event, english):
    Campaign.objects.update(status=Campaign.Status.CLOSED)
    client.force_login(bureau_a)
    response = client.post(url(event), changed(event, place="别处"), follow=True)
    assert response.redirect_chain == [(f"/activities/2013/{event.pk}/", 302)]
    assert "its activity log can no longer be changed" in response.content.decode()
    assert Activity.objects.get().place == "北京市第十一中学"
    assert f"/activities/2013/{event.pk}/edit/" not in response.content.decode()


def test_another_unit_does_not_find_the_event(client, bureau_b, company_x, event):
    for user in (bureau_b, company_x):
        client.force_login(user)
        assert client.get(url(event)).status_code == 404
        assert client.get(f"/activities/2013/{event.pk}/").status_code == 404


def test_head_office_reads_the_event_but_does_not_edit_it(client, head_office, event):
    client.force_login(head_office)
    page = client.get(f"/activities/2013/{event.pk}/")
    assert page.status_code == 200
    assert url(event) not in page.content.decode()
    assert client.post(url(event), changed(event, place="别处")).status_code == 403


def test_the_hotline_and_anonymous_do_not_see_events(client, hotline, event):
    assert client.get(f"/activities/2013/{event.pk}/")["Location"].startswith("/accounts/login/")
    client.force_login(hotline)
    assert client.get(f"/activities/2013/{event.pk}/").status_code == 404


def test_of_two_colleagues_editing_at_once_the_second_is_told_and_loses_nothing(
    client, bureau_a, bureau_a_admin, event, english
):
    client.force_login(bureau_a)
    # As the browser sends it back: the hidden field's text, in the portal's time zone.
    opened = re.search(r'name="saved_at" value="([^"]+)"', client.get(url(event)).text)[1]
    client.force_login(bureau_a_admin)
    client.post(url(event), changed(event, place="十一学校", saved_at=opened))

    client.force_login(bureau_a)
    response = client.post(url(event), changed(event, people_reached="350", saved_at=opened))

    assert response.status_code == 200
    form = response.context["form"]
    [error] = form.non_field_errors()
    assert "Someone else saved this event while you were editing it" in error
    assert "Place" in error
    assert form["people_reached"].value() == "350"  # what this clerk typed is still there
    event.refresh_from_db()
    assert (event.place, event.people_reached) == ("十一学校", 300)

    saved_at = form["saved_at"].value()  # the form now carries the colleague's save
    again = client.post(url(event), changed(event, people_reached="350", saved_at=saved_at))
    assert again.status_code == 302
    event.refresh_from_db()
    assert (event.place, event.people_reached) == ("十一学校", 350)
