"""The public list of every current commitment (/commitments/): no login, searched and
filtered, paginated, in a constant number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaign.models import ProductLine, Region
from commitments.selectors.public import PAGE_SIZE
from tests.html import Element

from .public import Status, commitment, insurer, table_rows

pytestmark = pytest.mark.postgresql

URL = "/commitments/"


def listed(response):
    """(company, kind) of each row."""
    return [(row[0], row[2]) for row in table_rows(response, "commitment-table")]


@pytest.fixture
def pingan(db):
    return insurer("pingan", "示例平安财产保险")


@pytest.fixture
def renshou(db):
    return insurer("renshou", "示例人寿保险")


def test_anyone_reads_a_commitment_with_its_limit_scope_and_date(client, english, pingan, kinds):
    commitment(pingan, kinds["claim_payment"], limit_value=5, limit_unit="days")
    commitment(
        pingan,
        kinds["call_hours"],
        window_start="09:00",
        window_end="20:00",
        region=Region.objects.get(code="110000"),
        product_line=ProductLine.objects.first(),
    )

    response = client.get(URL)

    assert response.status_code == 200
    rows = table_rows(response, "commitment-table")
    line = ProductLine.objects.first().name
    assert [row[:4] + row[5:] for row in rows] == [
        ["示例平安财产保险", "Sales", "Telemarketing call hours", "09:00–20:00",
         f"Beijing · {line}", "15 March 2013"],
        ["示例平安财产保险", "Claims", "Payment after agreement", "5 days",
         "Nationwide · every product line", "15 March 2013"],
    ]  # fmt: skip
    assert "/commitments/companies/pingan/" in Element.by_id(response, "commitment-table").links


def test_drafts_superseded_and_withdrawn_versions_are_not_listed(client, pingan, kinds):
    old = commitment(pingan, kinds["claim_payment"], status=Status.SUPERSEDED, limit_value=5,
                     limit_unit="days")  # fmt: skip
    commitment(pingan, kinds["claim_payment"], version=2, previous_version=old, limit_value=3,
               limit_unit="days")  # fmt: skip
    commitment(pingan, kinds["liability_decision"], status=Status.DRAFT, limit_value=9,
               limit_unit="days")  # fmt: skip
    commitment(pingan, kinds["return_visit"], status=Status.WITHDRAWN, limit_value=9,
               limit_unit="days")  # fmt: skip

    rows = table_rows(client.get(URL), "commitment-table")

    assert [(row[2], row[3]) for row in rows] == [("赔款支付", "3日")]


def test_a_company_still_reads_only_published_ones_here_not_its_own_drafts(
    client, company_x, kinds
):
    commitment(company_x.organisation, kinds["claim_payment"], status=Status.DRAFT,
               limit_value=5, limit_unit="days")  # fmt: skip
    client.force_login(company_x)

    assert listed(client.get(URL)) == []


def test_last_years_commitments_give_way_to_this_years(client, pingan, renshou, kinds):
    commitment(pingan, kinds["claim_payment"], year=2012, limit_value=7, limit_unit="days")
    commitment(pingan, kinds["return_visit"], year=2013, limit_value=15, limit_unit="days")
    commitment(renshou, kinds["claim_payment"], year=2012, limit_value=8, limit_unit="days")

    rows = table_rows(client.get(URL), "commitment-table")

    # 平安 has published for 2013; 人寿 not yet, so its 2012 promise still stands.
    assert sorted((row[0], row[2], row[3]) for row in rows) == [
        ("示例人寿保险", "赔款支付", "8日"),
        ("示例平安财产保险", "成交客户回访", "15日"),
    ]


def test_it_finds_a_company_by_name_and_a_promise_by_its_words(client, pingan, renshou, kinds):
    commitment(pingan, kinds["claim_payment"], text="小额案件当日赔付。", limit_value=1,
               limit_unit="days")  # fmt: skip
    commitment(renshou, kinds["return_visit"], text="新单十日内回访。", limit_value=10,
               limit_unit="days")  # fmt: skip

    assert listed(client.get(URL, {"q": "人寿"})) == [("示例人寿保险", "成交客户回访")]
    assert listed(client.get(URL, {"q": "当日赔付"})) == [("示例平安财产保险", "赔款支付")]
    assert listed(client.get(URL, {"q": "无此内容"})) == []


def test_it_filters_by_company_stage_and_kind(client, pingan, renshou, kinds):
    commitment(pingan, kinds["claim_payment"], limit_value=5, limit_unit="days")
    commitment(pingan, kinds["information_security"])
    commitment(renshou, kinds["claim_payment"], limit_value=3, limit_unit="days")

    assert listed(client.get(URL, {"company": "renshou"})) == [("示例人寿保险", "赔款支付")]
    assert listed(client.get(URL, {"stage": "sales"})) == [("示例平安财产保险", "客户信息安全")]
    assert listed(client.get(URL, {"kind": "claim_payment", "company": "pingan"})) == [
        ("示例平安财产保险", "赔款支付")
    ]


def test_a_region_shows_its_own_its_provinces_and_the_nationwide_commitments(client, pingan, kinds):
    liaoning, dalian, beijing = (
        Region.objects.get(code=code) for code in ("210000", "210200", "110000")
    )
    assert dalian.parent == liaoning
    commitment(pingan, kinds["information_security"])
    commitment(pingan, kinds["call_frequency"], region=liaoning)
    commitment(pingan, kinds["return_visit"], region=dalian, limit_value=5, limit_unit="days")
    commitment(pingan, kinds["claim_payment"], region=beijing, limit_value=5, limit_unit="days")

    def kinds_in(code):
        return [kind for _company, kind in listed(client.get(URL, {"region": code}))]

    assert kinds_in("210200") == ["电话销售呼叫频次", "客户信息安全", "成交客户回访"]
    # A province's list includes what its cities' people are promised.
    assert kinds_in("210000") == ["电话销售呼叫频次", "客户信息安全", "成交客户回访"]
    assert kinds_in("110000") == ["客户信息安全", "赔款支付"]


def test_an_unknown_filter_value_lists_everything(client, pingan, kinds):
    commitment(pingan, kinds["information_security"])

    response = client.get(URL, {"company": "nobody", "stage": "moon"})

    assert response.status_code == 200
    assert listed(response) == [("示例平安财产保险", "客户信息安全")]


def test_the_list_is_paginated_keeping_the_filters(client, pingan, kinds):
    for _ in range(PAGE_SIZE + 1):
        commitment(pingan, kinds["information_security"])

    first = client.get(URL, {"stage": "sales"})
    second = client.get(URL, {"stage": "sales", "page": 2})

    assert len(listed(first)) == PAGE_SIZE
    assert len(listed(second)) == 1
    pages = Element.parse(first.content.decode()).first("nav", **{"class": "portal-pagination"})
    assert "?stage=sales&page=2" in pages.links


def test_the_list_takes_as_many_queries_for_2_companies_as_for_20(
    client, kinds, django_assert_num_queries
):
    def fill(first, count):
        for number in range(first, first + count):
            company = insurer(f"company-{number}")
            commitment(company, kinds["claim_payment"], limit_value=5, limit_unit="days",
                       region=Region.objects.get(code="110000"))  # fmt: skip
            commitment(company, kinds["call_hours"], window_start="09:00", window_end="20:00",
                       product_line=ProductLine.objects.first())  # fmt: skip

    filters = {"region": "110000", "q": "保险"}
    fill(0, 2)
    with CaptureQueriesContext(connection) as small:
        assert len(listed(client.get(URL, filters))) == 4
    fill(2, 18)

    with django_assert_num_queries(len(small.captured_queries)):
        assert len(listed(client.get(URL, filters))) == 40
