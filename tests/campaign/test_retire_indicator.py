"""Head office retires an indicator (no longer asked for, values kept) and restores it."""

from decimal import Decimal

import pytest

from campaign.models import Campaign, IndicatorValue
from campaign.selectors.reports import indicators_for

from ..factories import statistics_report


@pytest.fixture
def report(campaign):
    """Beijing's report, with a value for F03."""
    report = statistics_report(campaign, "beijing")
    IndicatorValue.objects.create(
        report=report, indicator=campaign.indicators.get(code="F03"), value=Decimal(12)
    )
    return report


def codes(report):
    return [indicator.code for indicator in indicators_for(report)]


def test_a_retired_indicator_is_no_longer_asked_for_but_its_value_stays(
    client, head_office, campaign, report
):
    client.force_login(head_office)
    response = client.post("/campaigns/2013/table/indicators/F03/retire/")
    assert response.status_code == 302
    assert response["Location"] == "/campaigns/2013/table/#indicator-F03"
    assert campaign.indicators.get(code="F03").is_retired
    assert "F03" not in codes(report)
    value = IndicatorValue.objects.get(report=report, indicator__code="F03")
    assert value.value == Decimal(12)


def test_a_restored_indicator_is_asked_for_again(client, head_office, campaign, report):
    client.force_login(head_office)
    client.post("/campaigns/2013/table/indicators/F03/retire/")
    client.post("/campaigns/2013/table/indicators/F03/restore/")
    assert not campaign.indicators.get(code="F03").is_retired
    assert "F03" in codes(report)


def test_retiring_twice_changes_nothing(client, head_office, campaign):
    client.force_login(head_office)
    client.post("/campaigns/2013/table/indicators/F03/retire/", follow=True)
    response = client.post("/campaigns/2013/table/indicators/F03/retire/", follow=True)
    assert list(response.context["messages"]) == []
    assert campaign.indicators.get(code="F03").is_retired


def test_a_closed_campaigns_indicator_is_not_retired(client, head_office, campaign):
    campaign.status = Campaign.Status.CLOSED
    campaign.save()
    client.force_login(head_office)
    response = client.post("/campaigns/2013/table/indicators/F03/retire/", follow=True)
    [message] = response.context["messages"]
    assert message.level_tag == "error"
    assert not campaign.indicators.get(code="F03").is_retired


def test_an_unknown_code_is_not_found(client, head_office, campaign):
    client.force_login(head_office)
    assert client.post("/campaigns/2013/table/indicators/Z99/retire/").status_code == 404


@pytest.mark.parametrize("persona", ["bureau_a", "company_x", "association", "hotline"])
@pytest.mark.parametrize("action", ["retire", "restore"])
def test_only_head_office_retires_and_restores(client, as_persona, campaign, persona, action):
    campaign.indicators.filter(code="F03").update(is_retired=action == "restore")
    as_persona(persona)
    response = client.post(f"/campaigns/2013/table/indicators/F03/{action}/")
    assert response.status_code == 403
    assert campaign.indicators.get(code="F03").is_retired is (action == "restore")


def test_anonymous_is_sent_to_log_in(client, campaign):
    response = client.post("/campaigns/2013/table/indicators/F03/retire/")
    assert response["Location"].startswith("/accounts/login/")
    assert not campaign.indicators.get(code="F03").is_retired


def test_it_rejects_get(client, head_office, campaign):
    client.force_login(head_office)
    assert client.get("/campaigns/2013/table/indicators/F03/retire/").status_code == 405
    assert not campaign.indicators.get(code="F03").is_retired
