"""A unit a campaign does not expect is not offered that campaign's form, by any way in."""

import pytest

from campaign import excel
from campaign.services import statistics
from portal import access

from ..factories import InsurerFactory, UserFactory


@pytest.fixture
def newcomer(campaign):
    """The clerk of an insurer licensed after the 2013 list was drawn up."""
    insurer = InsurerFactory(code="new-life", expected=False)
    return UserFactory(username="new-life", organisation=insurer)


def test_its_campaign_page_says_so_instead_of_offering_the_form(client, english, newcomer):
    client.force_login(newcomer)
    page = client.get("/campaigns/2013/").content.decode()
    assert "/statistics/2013/new-life/" not in page
    assert "list of units expected to report, so it has no statistics form" in page


def test_an_expected_units_campaign_page_offers_the_form(client, english, campaign, company_x):
    client.force_login(company_x)
    page = client.get("/campaigns/2013/").content.decode()
    assert "/statistics/2013/demo-life/" in page
    assert "so it has no statistics form" not in page


def test_the_statistics_link_leads_to_the_campaign_page(client, newcomer):
    client.force_login(newcomer)
    assert client.get("/statistics/")["Location"] == "/campaigns/2013/"


def test_its_form_is_not_found_and_no_report_is_started(client, newcomer, campaign):
    client.force_login(newcomer)
    assert client.get("/statistics/2013/new-life/").status_code == 404
    assert client.post("/statistics/2013/new-life/").status_code == 404
    assert not campaign.reports.filter(organisation__code="new-life").exists()
    assert statistics.start_report(campaign=campaign, organisation=newcomer.organisation) is None


def test_head_offices_import_refuses_it(newcomer, campaign):
    with pytest.raises(LookupError, match="应填报单位中没有"):
        excel.unit_report(2013, "new-life")


def test_asking_whether_a_unit_may_fill_a_campaigns_form_is_one_query(
    newcomer, company_x, campaign, django_assert_num_queries
):
    newcomer.organisation, company_x.organisation  # noqa: B018 - loaded before counting
    with django_assert_num_queries(1):
        assert not access.may(newcomer, "fill_statistics", campaign)
    with django_assert_num_queries(1):
        assert access.may(company_x, "fill_statistics", campaign)
