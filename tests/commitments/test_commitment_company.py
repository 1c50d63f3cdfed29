"""A company's public page (/commitments/companies/<code>/): its current commitments by
stage, each with its version and the day it was published."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import organisation
from tests.html import Element

from .public import Status, commitment, insurer, table_rows


@pytest.fixture
def pingan(db):
    return insurer("pingan", "示例平安财产保险")


def url(code):
    return f"/commitments/companies/{code}/"


def stages(response):
    return [section.first("h2").text for section in Element.parse(
        response.content.decode()).find_all("section")]  # fmt: skip


def test_the_commitments_come_by_stage_sales_after_sales_claims(client, english, pingan, kinds):
    commitment(pingan, kinds["claim_payment"], limit_value=5, limit_unit="days")
    commitment(pingan, kinds["information_security"])
    commitment(pingan, kinds["return_visit"], limit_value=10, limit_unit="working_days")

    response = client.get(url("pingan"))

    assert response.status_code == 200
    assert stages(response) == ["Sales", "After-sales", "Claims"]
    assert [row[:2] for row in table_rows(response, "after_sales")] == [
        ["Return visit to new customers", "10 working days"]
    ]
    assert table_rows(response, "claims")[0][4:] == ["Version 1", "15 March 2013"]


def test_an_amended_commitment_shows_its_current_version_only(client, english, pingan, kinds):
    first = commitment(pingan, kinds["claim_payment"], status=Status.SUPERSEDED,
                       limit_value=5, limit_unit="days")  # fmt: skip
    commitment(pingan, kinds["claim_payment"], version=2, previous_version=first,
               limit_value=3, limit_unit="days")  # fmt: skip

    rows = table_rows(client.get(url("pingan")), "claims")

    assert [(row[1], row[4]) for row in rows] == [("3 days", "Version 2")]


def test_drafts_are_not_shown_even_to_the_company_itself(client, company_x, kinds):
    commitment(company_x.organisation, kinds["claim_payment"], status=Status.DRAFT,
               limit_value=5, limit_unit="days")  # fmt: skip
    client.force_login(company_x)

    response = client.get(url("demo-life"))

    assert stages(response) == []
    assert Element.by_id(response, "no-commitments") is not None


def test_a_loosened_promise_shows_its_reason(client, pingan, kinds):
    commitment(pingan, kinds["claim_payment"], limit_value=8, limit_unit="days",
               loosening_reason="新增偏远地区网点。")  # fmt: skip

    assert "新增偏远地区网点。" in table_rows(client.get(url("pingan")), "claims")[0][2]


def test_an_unknown_code_or_an_organisation_that_is_not_an_insurer_is_not_found(client, db):
    assert organisation("beijing")
    assert client.get(url("nobody")).status_code == 404
    assert client.get(url("beijing")).status_code == 404


def test_the_page_takes_as_many_queries_for_3_commitments_as_for_11(
    client, pingan, kinds, django_assert_num_queries
):
    chosen = list(kinds.values())
    for kind in chosen[:3]:
        commitment(pingan, kind, **_limit(kind))
    with CaptureQueriesContext(connection) as small:
        client.get(url("pingan"))
    for kind in chosen[3:]:
        commitment(pingan, kind, **_limit(kind))

    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(url("pingan"))
    assert (
        sum(len(table_rows(response, stage)) for stage in ("sales", "after_sales", "claims")) == 11
    )


def _limit(kind):
    if kind.limit == "duration":
        return {"limit_value": 1, "limit_unit": kind.units[0]}
    if kind.limit == "time_window":
        return {"window_start": "09:00", "window_end": "20:00"}
    return {}


def test_its_trail_leads_back_to_the_list_and_names_the_company_once(client, pingan, kinds):
    commitment(pingan, kinds["claim_payment"], limit_value=5, limit_unit="days")

    page = Element.parse(client.get(url("pingan")).content.decode())

    trail = page.first("nav", **{"class": "portal-breadcrumbs"})
    assert trail.links == ["/commitments/"]
    assert trail.text.count("示例平安财产保险") == 1
