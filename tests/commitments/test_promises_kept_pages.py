"""Promises kept as the public reads them: on a company's page year by year, and beside each
company's commitment on the compare page."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from commitments.models import PromiseRecord
from tests.html import Element

from .public import commitment, insurer, table_rows

pytestmark = [pytest.mark.usefixtures("measured_kinds"), pytest.mark.postgresql]

MEASURED_AT = timezone.make_aware(datetime.datetime(2013, 12, 31, 2, 30))
COMPARE = "/commitments/compare/"


@pytest.fixture
def pingan(db):
    return insurer("pingan", "示例平安财产保险")


def record(company, kind, year=2013, **counts):
    return PromiseRecord.objects.create(
        company=company, kind=kind, year=year, measured_at=MEASURED_AT, **counts
    )


def test_the_company_page_shows_each_years_share_against_its_promise_and_the_law(
    client, english, pingan, kinds
):
    commitment(pingan, kinds["claim_payment"], limit_value=5, limit_unit="days")
    record(pingan, kinds["claim_payment"], kept=11, broken=1, kept_by_law=12, pending=2)
    record(pingan, kinds["complaint_acceptance"], kept=3, broken=0, without_promise=4)
    record(pingan, kinds["claim_payment"], year=2012, kept=1, broken=2, kept_by_law=2,
           broken_by_law=1)  # fmt: skip

    response = client.get("/commitments/companies/pingan/")

    assert table_rows(response, "promises-kept") == [
        ["Registering and accepting a complaint", "100% (3 of 3)", "No statutory limit", "4", "0"],
        ["Payment after agreement", "91.6% (11 of 12)", "100% (12 of 12)", "0", "2"],
        ["Payment after agreement", "33.3% (1 of 3)", "66.6% (2 of 3)", "0", "0"],
    ]
    footer = Element.by_id(response, "promises-kept").text
    assert "Last measured 31 December 2013" in footer


def test_a_company_without_measured_complaints_shows_no_such_section(client, pingan, kinds):
    commitment(pingan, kinds["claim_payment"], limit_value=5, limit_unit="days")

    response = client.get("/commitments/companies/pingan/")

    assert Element.by_id(response, "promises-kept") is None


def test_the_company_page_links_to_its_year_over_year_view(client, pingan, kinds):
    commitment(pingan, kinds["claim_payment"], limit_value=5, limit_unit="days")

    response = client.get("/commitments/companies/pingan/")

    link = Element.by_id(response, "year-over-year-link")
    assert link.attrs["href"] == "/commitments/companies/pingan/year-over-year/"


def test_compare_shows_beside_each_commitment_how_often_it_was_kept(client, english, kinds):
    fast, slow, new = insurer("fast"), insurer("slow"), insurer("new")
    commitment(fast, kinds["claim_payment"], limit_value=3, limit_unit="days")
    commitment(slow, kinds["claim_payment"], limit_value=8, limit_unit="days")
    commitment(new, kinds["claim_payment"], limit_value=9, limit_unit="days")
    record(fast, kinds["claim_payment"], kept=9, broken=1, kept_by_law=10)
    record(fast, kinds["claim_payment"], year=2012, kept=1, broken=1, kept_by_law=2)
    # No 2013 complaint measured yet: 2012's record, said to be 2012's.
    record(slow, kinds["claim_payment"], year=2012, kept=5, kept_by_law=5)
    # A later year's complaints are not measured against a 2013 commitment.
    record(new, kinds["claim_payment"], year=2014, kept=5, kept_by_law=5)

    response = client.get(COMPARE, {"kind": ["claim_payment"]})

    rows = table_rows(response, "compare-claim_payment")
    assert [row[1] for row in rows] == [
        "fast保险股份有限公司", "slow保险股份有限公司", "new保险股份有限公司"
    ]  # fmt: skip
    kept = [" ".join(row[-1].split()) for row in rows]
    assert kept == [
        "Complaints of 2013 Own promise: 90% (9 of 10) Statutory limit: 100% (10 of 10)",
        "Complaints of 2012 Own promise: 100% (5 of 5) Statutory limit: 100% (5 of 5)",
        "No complaint to measure",
    ]
    assert "Promise kept" in Element.by_id(response, "kept-claim_payment").text


def test_compare_shows_no_such_column_for_a_kind_no_complaint_measures(client, english, kinds):
    company = insurer("calls")
    commitment(company, kinds["call_hours"], window_start="09:00", window_end="20:00")

    response = client.get(COMPARE, {"company": ["calls"], "kind": ["call_hours"]})

    header = Element.by_id(response, "compare-call_hours").first("thead").text
    assert "Promise kept" not in header
    assert Element.by_id(response, "kept-call_hours") is None


def test_compare_takes_as_many_queries_with_records_for_2_companies_as_for_20(
    client, kinds, django_assert_num_queries
):
    def fill(first, count):
        for number in range(first, first + count):
            company = insurer(f"company-{number}")
            commitment(company, kinds["claim_payment"], limit_value=number + 1, limit_unit="days")
            record(company, kinds["claim_payment"], kept=number, broken=1)

    fill(0, 2)
    with CaptureQueriesContext(connection) as small:
        client.get(COMPARE, {"kind": ["claim_payment"]})
    fill(2, 18)

    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(COMPARE, {"kind": ["claim_payment"]})
    rows = table_rows(response, "compare-claim_payment")
    assert len(rows) == 20
    assert all("按承诺" in row[-1] for row in rows)
