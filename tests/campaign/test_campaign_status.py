"""Head office opens, closes and reopens a campaign from its page."""

import datetime

import pytest

from campaign.models import Campaign
from campaign.services import campaigns as campaign_services

from ..factories import CampaignFactory


@pytest.fixture
def draft(db):
    return CampaignFactory(
        year=2014,
        status=Campaign.Status.DRAFT,
        period_start=datetime.date(2014, 3, 1),
        period_end=datetime.date(2014, 3, 31),
        deadline=datetime.date(2014, 4, 10),
    )


def status_of(year):
    return Campaign.objects.get(year=year).status


def test_head_office_opens_a_draft_campaign(client, head_office, bureau_a, draft):
    client.force_login(head_office)
    response = client.post("/campaigns/2014/open/")
    assert response.status_code == 302
    assert response["Location"] == "/campaigns/2014/"
    assert status_of(2014) == Campaign.Status.OPEN
    client.force_login(bureau_a)
    assert client.get("/campaigns/2014/").status_code == 200


def test_head_office_closes_an_open_campaign(client, head_office, campaign):
    client.force_login(head_office)
    response = client.post("/campaigns/2013/close/")
    assert response.status_code == 302
    assert status_of(2013) == Campaign.Status.CLOSED


def test_head_office_reopens_a_closed_campaign(client, head_office, campaign):
    campaign.status = Campaign.Status.CLOSED
    campaign.save()
    client.force_login(head_office)
    client.post("/campaigns/2013/open/")
    assert status_of(2013) == Campaign.Status.OPEN


def test_closing_a_draft_is_refused_with_a_message(client, head_office, draft):
    client.force_login(head_office)
    response = client.post("/campaigns/2014/close/", follow=True)
    assert status_of(2014) == Campaign.Status.DRAFT
    [message] = response.context["messages"]
    assert message.level_tag == "error"


def test_opening_an_open_campaign_is_refused(head_office, campaign):
    with pytest.raises(campaign_services.CampaignError):
        campaign_services.open_campaign(actor=head_office, campaign=campaign)
    assert status_of(2013) == Campaign.Status.OPEN


def test_the_transitions_are_draft_open_closed_and_back_to_open():
    transitions = campaign_services.TRANSITIONS
    assert transitions["open"] == {
        Campaign.Status.DRAFT: Campaign.Status.OPEN,
        Campaign.Status.CLOSED: Campaign.Status.OPEN,
    }
    assert transitions["close"] == {Campaign.Status.OPEN: Campaign.Status.CLOSED}


def test_the_campaign_page_shows_the_next_step_to_head_office(client, head_office, campaign, draft):
    client.force_login(head_office)
    page = client.get("/campaigns/2013/").content.decode()
    assert 'action="/campaigns/2013/close/"' in page
    assert 'action="/campaigns/2013/open/"' not in page
    assert 'href="/campaigns/2013/table/"' in page
    page = client.get("/campaigns/2014/").content.decode()
    assert 'action="/campaigns/2014/open/"' in page


def test_a_bureau_sees_no_status_buttons(client, bureau_a, campaign):
    client.force_login(bureau_a)
    page = client.get("/campaigns/2013/").content.decode()
    assert "/campaigns/2013/close/" not in page
    assert "/campaigns/2013/table/" not in page


@pytest.mark.parametrize("persona", ["bureau_a", "company_x", "association", "hotline"])
@pytest.mark.parametrize("action", ["open", "close"])
def test_only_head_office_changes_the_status(client, as_persona, campaign, persona, action):
    campaign.status = Campaign.Status.CLOSED if action == "open" else Campaign.Status.OPEN
    campaign.save()
    as_persona(persona)
    response = client.post(f"/campaigns/2013/{action}/")
    assert response.status_code == 403
    assert status_of(2013) == campaign.status


def test_a_bureau_gets_not_found_for_a_draft_campaign(client, bureau_a, draft):
    client.force_login(bureau_a)
    assert client.post("/campaigns/2014/open/").status_code == 404
    assert status_of(2014) == Campaign.Status.DRAFT


def test_anonymous_is_sent_to_log_in(client, campaign):
    response = client.post("/campaigns/2013/close/")
    assert response["Location"].startswith("/accounts/login/")
    assert status_of(2013) == Campaign.Status.OPEN


def test_it_rejects_get(client, head_office, campaign):
    client.force_login(head_office)
    assert client.get("/campaigns/2013/close/").status_code == 405
    assert status_of(2013) == Campaign.Status.OPEN
