"""Where the dashboards are reached from: the campaign's home page and the navigation's
"数据看板", which leads to the dashboard of the campaign the user lands on."""

import datetime

import pytest

from campaign.models import Campaign

from ..factories import CampaignFactory
from ..html import Element


def nav_links(response):
    return Element.by_id(response, "portal-nav").links


@pytest.mark.parametrize("persona", ["head_office", "bureau_a", "company_x", "association"])
def test_the_campaign_home_links_to_its_dashboard(client, campaign, persona, request):
    client.force_login(request.getfixturevalue(persona))
    response = client.get("/campaigns/2013/")
    assert Element.by_id(response, "dashboard-link")["href"] == "/reports/2013/dashboard/"
    assert "/reports/dashboard/" in nav_links(response)


def test_the_hotline_has_no_dashboard_link(client, campaign, hotline):
    client.force_login(hotline)
    response = client.get("/campaigns/2013/")
    assert Element.by_id(response, "dashboard-link") is None
    assert "/reports/dashboard/" not in nav_links(response)


def test_the_navigation_leads_to_the_open_campaigns_dashboard(client, campaign, bureau_a):
    CampaignFactory(
        year=2012,
        status=Campaign.Status.CLOSED,
        period_start=datetime.date(2012, 3, 1),
        period_end=datetime.date(2012, 3, 31),
        deadline=datetime.date(2012, 4, 10),
    )
    client.force_login(bureau_a)
    response = client.get("/reports/dashboard/")
    assert response.status_code == 302
    assert response["Location"] == "/reports/2013/dashboard/"


def test_a_unit_is_not_led_to_a_draft_campaign(client, campaign, bureau_a, head_office):
    CampaignFactory(
        year=2014,
        status=Campaign.Status.DRAFT,
        period_start=datetime.date(2014, 3, 1),
        period_end=datetime.date(2014, 3, 31),
        deadline=datetime.date(2014, 4, 10),
    )
    Campaign.objects.filter(year=2013).update(status=Campaign.Status.CLOSED)
    client.force_login(bureau_a)
    assert client.get("/reports/dashboard/")["Location"] == "/reports/2013/dashboard/"
    client.force_login(head_office)
    assert client.get("/reports/dashboard/")["Location"] == "/reports/2014/dashboard/"


def test_without_a_campaign_it_goes_home(client, bureau_a):
    client.force_login(bureau_a)
    response = client.get("/reports/dashboard/")
    assert response["Location"] == "/"
