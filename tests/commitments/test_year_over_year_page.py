"""/commitments/companies/<code>/year-over-year/: for anyone, no login; each of this year's
commitments beside last year's with what changed, and the reason beside a loosened one."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commitments.models import CommitmentKind
from tests.factories import InsurerFactory, UserFactory
from tests.html import Element

from .years import promise, two_campaigns

pytestmark = pytest.mark.postgresql

URL = "/commitments/companies/demo-life/year-over-year/"


@pytest.fixture
def campaigns(db):
    return two_campaigns()


@pytest.fixture
def compared(company_x, campaigns):
    last, this = campaigns
    promise(company_x, last, "claim_payment", (3, "days"), text="达成协议后3日内支付。")
    promise(company_x, last, "liability_decision", (10, "days"), text="10日内核定。")
    promise(company_x, last, "return_visit", (15, "days"), text="15日内回访。")
    promise(company_x, this, "claim_payment", (48, "hours"), text="达成协议后48小时内支付。")
    promise(
        company_x,
        this,
        "liability_decision",
        (15, "days"),
        text="15日内核定。",
        loosening_reason="因大灾案件集中，核定需要实地查勘。",
    )
    promise(company_x, this, "information_security", text="客户信息严格保密。")
    return campaigns


def rows(response):
    return [(p.commitment.kind.code, p.change) for p in response.context["comparison"].pairs]


def test_it_shows_each_change_and_the_reason_beside_the_loosened_one(client, compared, english):
    response = client.get(URL)

    assert response.status_code == 200
    assert rows(response) == [
        ("information_security", "new"),
        ("liability_decision", "loosened"),
        ("claim_payment", "tightened"),
        ("return_visit", "dropped"),
    ]
    page = response.content.decode()
    assert "The commitments published for 2013 beside those of 2012" in page
    assert "达成协议后3日内支付。" in page and "达成协议后48小时内支付。" in page
    assert page.count("因大灾案件集中，核定需要实地查勘。") == 1
    assert "Loosened" in page and "Tightened" in page and "Dropped" in page


def test_its_trail_leads_back_to_the_company_and_the_list_and_names_the_scope(
    client, compared, english
):
    page = Element.parse(client.get(URL).content.decode())

    trail = page.first("nav", **{"class": "portal-breadcrumbs"})
    assert trail.links == ["/commitments/", "/commitments/companies/demo-life/"]
    assert "Nationwide · every product line" in page.first("tbody").text


def test_anyone_may_read_it_without_logging_in(client, compared):
    assert client.get(URL).status_code == 200


def test_an_earlier_year_is_chosen_by_its_year(client, compared):
    response = client.get(URL, {"year": 2012})

    assert response.context["comparison"].campaign.year == 2012
    assert [change for _code, change in rows(response)] == ["new", "new", "new"]


def test_a_year_without_a_campaign_or_not_a_year_is_not_found(client, compared):
    assert client.get(URL, {"year": 2099}).status_code == 404
    assert client.get(URL, {"year": "last"}).status_code == 404


@pytest.mark.parametrize("year", ["²⁰¹³", "２０１３", "9" * 5000])
def test_a_year_of_other_digits_or_too_many_of_them_is_not_found(client, compared, year):
    # Digits str.isdigit() accepts but int() does not, or more than int() reads.
    assert client.get(URL, {"year": year}).status_code == 404


def test_a_company_without_commitments_is_told_so(client, campaigns, company_y, english):
    response = client.get("/commitments/companies/demo-pc/year-over-year/")

    assert response.status_code == 200
    assert "published no commitments" in response.content.decode()


def test_drafts_are_not_shown(client, company_x, campaigns):
    _last, this = campaigns
    promise(company_x, this, "claim_payment", (3, "days"), publish=False, text="草稿，不公开。")

    response = client.get(URL)

    assert rows(response) == []
    assert "草稿，不公开。" not in response.content.decode()


def test_an_unknown_company_or_a_bureau_is_not_found(client, campaigns):
    assert client.get("/commitments/companies/nobody/year-over-year/").status_code == 404
    assert client.get("/commitments/companies/beijing/year-over-year/").status_code == 404


def test_it_is_not_posted_to(client, compared):
    assert client.post(URL).status_code == 405


def _queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return len(queries)


def test_its_queries_do_not_grow_with_the_commitments(client, company_x, campaigns):
    last, this = campaigns
    promise(company_x, last, "claim_payment", (3, "days"))
    promise(company_x, this, "claim_payment", (2, "days"))
    few = _queries(client)

    kinds = CommitmentKind.objects.filter(limit=CommitmentKind.Limit.NONE)
    for index in range(12):
        for campaign in (last, this):
            promise(company_x, campaign, kinds[index % kinds.count()].code, text=f"第{index}条")
    for hours in (1, 2, 3):
        promise(company_x, this, "arrival_on_scene", (hours, "hours"))
    other = UserFactory(username="other", organisation=InsurerFactory(code="other"))
    promise(other, this, "claim_payment", (1, "days"))

    assert _queries(client) == few
