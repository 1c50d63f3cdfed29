"""Head office's dashboard lists the insurers the campaign expects that have not published
any service commitment for it."""

import datetime

import pytest

from campaign.models import ExpectedUnit
from commitments.services.commitments import withdraw_commitment
from tests.commitments.years import promise
from tests.factories import CampaignFactory, InsurerFactory

pytestmark = pytest.mark.postgresql

URL = "/reports/2013/dashboard/"


@pytest.fixture
def insurers(campaign, company_x, company_y):
    """X has published, Y has only a draft, Z is not expected and has published nothing."""
    promise(company_x, campaign, "claim_payment", (5, "days"))
    promise(company_y, campaign, "claim_payment", (5, "days"), publish=False)
    InsurerFactory(code="not-expected", name_zh="未列入保险公司", expected=False)
    return campaign


def listed(client, user):
    client.force_login(user)
    response = client.get(URL)
    assert response.status_code == 200
    return response


def test_it_lists_the_expected_insurers_without_a_published_commitment(
    client, head_office, insurers, english
):
    response = listed(client, head_office)

    names = [c.name_zh for c in response.context["dashboard"].unpublished_companies]
    assert names == ["示例财产保险股份有限公司"]
    assert "1 of the 2 insurers expected has not published" in response.content.decode()


def test_an_insurer_taken_off_the_list_is_not_chased(client, head_office, insurers):
    ExpectedUnit.objects.filter(organisation__code="demo-pc").delete()

    response = listed(client, head_office)

    assert response.context["dashboard"].unpublished_companies == []


def test_a_commitment_withdrawn_or_of_another_campaign_is_not_published_for_this_one(
    client, head_office, campaign, company_x, company_y
):
    earlier = CampaignFactory(
        year=2012,
        period_start=datetime.date(2012, 3, 1),
        period_end=datetime.date(2012, 3, 31),
        deadline=datetime.date(2012, 4, 10),
    )
    promise(company_y, earlier, "claim_payment", (5, "days"))
    withdraw_commitment(
        actor=company_x,
        commitment=promise(company_x, campaign, "claim_payment", (5, "days")),
        reason="撤回",
    )

    response = listed(client, head_office)

    assert {c.code for c in response.context["dashboard"].unpublished_companies} == {
        "demo-life",
        "demo-pc",
    }
