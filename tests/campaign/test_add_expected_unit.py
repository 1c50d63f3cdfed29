"""Head office adds a unit to a campaign's list: /campaigns/<year>/units/add/."""

import pytest

from campaign.models import Campaign, ExpectedUnit
from campaign.services import expected_units as service

from ..factories import InsurerFactory, UserFactory, organisation

URL = "/campaigns/2013/units/add/"


@pytest.fixture
def newly_licensed(campaign):
    """An insurer licensed this year, with a clerk: not on the 2013 list yet."""
    insurer = InsurerFactory(code="new-life", name_en="New Life", expected=False)
    UserFactory(username="new-life", organisation=insurer)
    return insurer


def test_head_office_adds_a_newly_licensed_insurer(client, english, head_office, newly_licensed):
    client.force_login(head_office)
    response = client.post(URL, {"unit": "new-life"}, follow=True)
    assert response.redirect_chain == [("/campaigns/2013/units/", 302)]
    assert "The 2013 campaign now expects a report from New Life." in response.content.decode()
    assert "new-life" in [unit.code for unit in response.context["units"]]
    [added] = ExpectedUnit.history.filter(organisation=newly_licensed)
    assert (added.history_type, added.history_user) == ("+", head_office)


def test_the_review_table_then_shows_it_as_not_started(client, head_office, newly_licensed):
    client.force_login(head_office)
    before = client.get("/statistics/2013/review/").context["summary"]
    client.post(URL, {"unit": "new-life"})
    response = client.get("/statistics/2013/review/", {"status": "not_started"})
    assert "new-life" in [unit.code for unit in response.context["page"].object_list]
    after = response.context["summary"]
    assert after["units"] == before["units"] + 1
    assert after["not_started"] == before["not_started"] + 1


def test_the_added_unit_is_offered_its_form(client, head_office, newly_licensed):
    clerk = newly_licensed.members.get()
    client.force_login(clerk)
    assert client.get("/statistics/2013/new-life/").status_code == 404
    service.add_expected_unit(
        actor=head_office, campaign=Campaign.objects.get(year=2013), organisation=newly_licensed
    )
    assert client.get("/statistics/2013/new-life/").status_code == 200
    assert client.get("/statistics/")["Location"] == "/statistics/2013/new-life/"


def test_nothing_chosen_shows_the_page_with_the_error(client, head_office, newly_licensed):
    client.force_login(head_office)
    response = client.post(URL, {"unit": ""})
    assert response.status_code == 200
    assert response.context["add_form"].errors["unit"]
    assert not newly_licensed.expectations.exists()


@pytest.mark.parametrize("code", ["beijing", "hq", "gone-life", "nobody"])
def test_only_an_active_reporting_unit_not_yet_expected_can_be_chosen(
    client, head_office, campaign, code
):
    InsurerFactory(code="gone-life", is_active=False, expected=False)
    client.force_login(head_office)
    expected = campaign.expectations.count()
    response = client.post(URL, {"unit": code})
    assert response.status_code == 200
    assert response.context["add_form"].errors["unit"]
    assert campaign.expectations.count() == expected


def test_a_closed_campaigns_list_is_refused_on_the_server(
    client, english, head_office, campaign, newly_licensed
):
    campaign.status = Campaign.Status.CLOSED
    campaign.save()
    client.force_login(head_office)
    response = client.post(URL, {"unit": "new-life"}, follow=True)
    assert "its list of units can no longer be changed" in response.content.decode()
    assert not newly_licensed.expectations.exists()


def test_the_service_refuses_head_office_and_deactivated_units(head_office, campaign):
    with pytest.raises(service.ExpectedUnitError):
        service.add_expected_unit(
            actor=head_office, campaign=campaign, organisation=organisation("hq")
        )
    gone = InsurerFactory(code="gone-life", is_active=False, expected=False)
    with pytest.raises(service.ExpectedUnitError):
        service.add_expected_unit(actor=head_office, campaign=campaign, organisation=gone)


def test_adding_a_unit_already_expected_changes_nothing(head_office, campaign):
    beijing = organisation("beijing")
    assert not service.add_expected_unit(actor=head_office, campaign=campaign, organisation=beijing)
    assert campaign.expectations.filter(organisation=beijing).count() == 1
    assert not ExpectedUnit.history.filter(organisation=beijing).exists()


@pytest.mark.parametrize(
    "persona", ["bureau_a", "bureau_a_admin", "company_x", "association", "hotline"]
)
def test_only_head_office_may_add(client, request, persona, newly_licensed):
    client.force_login(request.getfixturevalue(persona))
    assert client.post(URL, {"unit": "new-life"}).status_code == 403
    assert not newly_licensed.expectations.exists()
