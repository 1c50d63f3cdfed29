"""Head office moves an indicator up or down within its section."""

import pytest

from campaign.models import Campaign

URL = "/campaigns/2013/table/indicators/{}/move/"


def order(campaign, section):
    return list(
        campaign.indicators.filter(section__code=section)
        .order_by("position")
        .values_list("code", flat=True)
    )


def test_head_office_moves_an_indicator_up(client, head_office, campaign):
    client.force_login(head_office)
    response = client.post(URL.format("B02"), {"direction": "up"})
    assert response.status_code == 302
    assert response["Location"] == "/campaigns/2013/table/#indicator-B02"
    assert order(campaign, "B")[:3] == ["B02", "B01", "B03"]


def test_head_office_moves_an_indicator_down(client, head_office, campaign):
    client.force_login(head_office)
    client.post(URL.format("A01"), {"direction": "down"})
    assert order(campaign, "A") == ["A02", "A01", "A03"]


def test_an_indicator_stays_within_its_section(client, head_office, campaign):
    client.force_login(head_office)
    client.post(URL.format("A03"), {"direction": "down"})
    client.post(URL.format("B01"), {"direction": "up"})
    assert order(campaign, "A") == ["A01", "A02", "A03"]
    assert order(campaign, "B")[0] == "B01"


def test_positions_are_renumbered_across_the_table(client, head_office, campaign):
    client.force_login(head_office)
    client.post(URL.format("E05"), {"direction": "up"})
    positions = list(campaign.indicators.order_by("position").values_list("position", flat=True))
    assert positions == list(range(48))
    table = list(
        campaign.indicators.order_by("section__position", "position").values_list("code", flat=True)
    )
    assert list(campaign.indicators.order_by("position").values_list("code", flat=True)) == table


def test_a_bad_direction_is_refused_with_a_message(client, head_office, campaign, english):
    client.force_login(head_office)
    response = client.post(URL.format("B02"), {"direction": "sideways"}, follow=True)
    assert "Say whether to move the indicator up or down." in response.content.decode()
    assert order(campaign, "B")[:2] == ["B01", "B02"]


def test_others_are_refused_before_the_direction_is_read(client, bureau_a, campaign):
    client.force_login(bureau_a)
    assert client.post(URL.format("B02"), {"direction": "sideways"}).status_code == 403


def test_a_closed_campaigns_table_is_not_reordered(client, head_office, campaign):
    campaign.status = Campaign.Status.CLOSED
    campaign.save()
    client.force_login(head_office)
    client.post(URL.format("B02"), {"direction": "up"})
    assert order(campaign, "B")[:2] == ["B01", "B02"]


@pytest.mark.parametrize("persona", ["bureau_a", "company_x", "association", "hotline"])
def test_only_head_office_reorders(client, as_persona, campaign, persona):
    as_persona(persona)
    assert client.post(URL.format("B02"), {"direction": "up"}).status_code == 403
    assert order(campaign, "B")[:2] == ["B01", "B02"]


def test_anonymous_is_sent_to_log_in(client, campaign):
    response = client.post(URL.format("B02"), {"direction": "up"})
    assert response["Location"].startswith("/accounts/login/")
    assert order(campaign, "B")[:2] == ["B01", "B02"]
