"""The public compare page (/commitments/compare/): chosen companies side by side on the
same kinds, the strongest promise first, in a constant number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaign.models import Organisation
from tests.html import Element

from .public import Status, commitment, insurer, table_rows

URL = "/commitments/compare/"


def ranking(response, kind):
    """(place, company, time limit) of each row of ``kind``'s table, the limit without the
    working days' calendar days below it."""
    return [(row[0], row[1], row[2]) for row in table_rows(response, f"compare-{kind}")]


def note(response, kind):
    found = Element.by_id(response, f"note-{kind}")
    return found.text if found else ""


@pytest.fixture
def payments(db, kinds):
    """Five companies' claim payment promises: in hours, days and working days."""
    limits = {
        "a": (48, "hours"),
        "b": (8, "days"),
        "c": (5, "working_days"),  # 5 to 13 days by the 2013 calendar
        "d": (72, "hours"),
        "e": (3, "days"),
        "f": (1, "days"),
    }
    for code, (value, unit) in limits.items():
        commitment(insurer(code, f"示例{code}保险"), kinds["claim_payment"], limit_value=value,
                   limit_unit=unit)  # fmt: skip
    return list(limits)


def test_shorter_limits_come_first_hours_and_days_compared_exactly(client, english, payments):
    response = client.get(URL, {"company": ["a", "b", "d", "e", "f"], "kind": "claim_payment"})

    assert ranking(response, "claim_payment") == [
        ("1", "示例f保险", "1 days"),
        ("2", "示例a保险", "48 hours"),
        ("3", "示例d保险", "72 hours"),  # 72 hours and 3 days: the same promise, the same place
        ("3", "示例e保险", "3 days"),
        ("5", "示例b保险", "8 days"),
    ]
    assert note(response, "claim_payment") == ""


def test_working_days_against_days_are_ordered_by_the_longest_and_the_page_says_so(
    client, english, payments
):
    response = client.get(URL, {"company": ["b", "c", "e"], "kind": "claim_payment"})

    # 5 working days: never within 3 days (weaker); within 8 days on some days, not on
    # others (mixed), so put after 8 days by its longest, 13 days over National Day.
    assert ranking(response, "claim_payment") == [
        ("1", "示例e保险", "3 days"),
        ("2", "示例b保险", "8 days*"),
        ("3", "示例c保险", "5 working days* 5 to 13 calendar days"),
    ]
    assert "put in order by the longest they can take" in note(response, "claim_payment")
    assert "2013 holiday calendar" in note(response, "claim_payment")


def test_narrower_call_hours_come_first(client, english, kinds):
    for code, (start, end) in {
        "wide": ("09:00", "20:00"),
        "day": ("09:00", "18:00"),
        "inside": ("10:00", "19:00"),
    }.items():
        commitment(insurer(code, f"示例{code}保险"), kinds["call_hours"], window_start=start,
                   window_end=end)  # fmt: skip

    response = client.get(URL, {"company": ["wide", "day", "inside"], "kind": "call_hours"})

    # 10–19 lies within 9–20, as 9–18 does; 9–18 and 10–19 overlap (both 9 hours).
    assert ranking(response, "call_hours") == [
        ("1", "示例day保险", "09:00–18:00*"),
        ("2", "示例inside保险", "10:00–19:00*"),
        ("3", "示例wide保险", "09:00–20:00"),
    ]
    assert "by how many hours they cover" in note(response, "call_hours")


def test_a_company_without_the_promise_comes_last_and_says_so(client, english, payments, kinds):
    commitment(insurer("silent", "示例沉默保险"), kinds["information_security"])

    response = client.get(URL, {"company": ["silent", "e"], "kind": "claim_payment"})

    assert table_rows(response, "compare-claim_payment")[-1] == [
        "–", "示例沉默保险", "No commitment of this kind published."
    ]  # fmt: skip


def test_a_kind_without_a_time_limit_lists_who_published_it(client, english, kinds):
    commitment(insurer("x", "示例x保险"), kinds["information_security"])
    commitment(insurer("y", "示例y保险"), kinds["claim_payment"], limit_value=3, limit_unit="days")

    response = client.get(URL, {"company": ["x", "y"], "kind": "information_security"})

    rows = table_rows(response, "compare-information_security")
    assert [row[:2] for row in rows] == [["1", "示例x保险"], ["–", "示例y保险"]]


def test_nothing_chosen_explains_how_to_choose(client, english, payments):
    response = client.get(URL)

    assert response.status_code == 200
    assert (
        "companies only: those companies on every kind"
        in Element.by_id(response, "compare-how").text
    )
    assert Element.parse(response.content.decode()).find_all("section") == []


def test_a_kind_alone_ranks_every_company_that_promises_it(client, english, payments):
    response = client.get(URL, {"kind": "claim_payment"})

    assert [company for _place, company, _limit in ranking(response, "claim_payment")] == [
        "示例f保险", "示例a保险", "示例d保险", "示例e保险", "示例b保险", "示例c保险"
    ]  # fmt: skip


def test_companies_alone_are_compared_on_every_kind_one_of_them_promised(
    client, english, payments, kinds
):
    commitment(insurer("x", "示例x保险"), kinds["return_visit"], limit_value=7, limit_unit="days")
    commitment(Organisation.objects.get(code="e"), kinds["call_hours"], window_start="09:00",
               window_end="20:00")  # fmt: skip

    response = client.get(URL, {"company": ["a", "e"]})

    sections = Element.parse(response.content.decode()).find_all("section")
    assert [section["id"] for section in sections] == [
        "compare-call_hours",
        "compare-claim_payment",
    ]
    assert Element.by_id(response, "compare-every-kind") is not None
    assert ranking(response, "claim_payment") == [
        ("1", "示例a保险", "48 hours"),
        ("2", "示例e保险", "3 days"),
    ]
    assert ranking(response, "call_hours") == [
        ("1", "示例e保险", "09:00–20:00"),
        ("–", "示例a保险", "No commitment of this kind published."),
    ]


def test_drafts_and_older_versions_are_never_compared(client, english, kinds):
    company = insurer("x", "示例x保险")
    older = commitment(company, kinds["claim_payment"], status=Status.SUPERSEDED,
                       limit_value=9, limit_unit="days")  # fmt: skip
    commitment(company, kinds["claim_payment"], version=2, previous_version=older,
               limit_value=5, limit_unit="days")  # fmt: skip
    commitment(company, kinds["claim_payment"], version=3, status=Status.DRAFT,
               limit_value=1, limit_unit="days")  # fmt: skip

    response = client.get(URL, {"kind": "claim_payment"})

    assert ranking(response, "claim_payment") == [("1", "示例x保险", "5 days")]


def test_an_unknown_company_or_kind_in_the_address_is_left_out(client, english, payments):
    response = client.get(URL, {"company": ["a", "nobody"], "kind": ["claim_payment", "moon"]})

    assert response.status_code == 200
    assert ranking(response, "claim_payment") == [("1", "示例a保险", "48 hours")]


def test_the_page_links_each_company_and_prints(client, payments):
    response = client.get(URL, {"company": ["a"], "kind": "claim_payment"})

    page = Element.parse(response.content.decode())
    assert "/commitments/companies/a/" in page.find("compare-claim_payment").links
    assert page.first("button", **{"data-portal-print": ""}) is not None


def test_the_page_takes_as_many_queries_for_2_companies_as_for_20(
    client, kinds, django_assert_num_queries
):
    def fill(first, count):
        for number in range(first, first + count):
            company = insurer(f"company-{number}")
            commitment(company, kinds["claim_payment"], limit_value=number + 1,
                       limit_unit="working_days" if number % 2 else "days")  # fmt: skip
            commitment(company, kinds["call_hours"], window_start="09:00", window_end="20:00")
            commitment(company, kinds["information_security"])

    chosen = ["claim_payment", "call_hours", "information_security", "return_visit"]
    fill(0, 2)
    with CaptureQueriesContext(connection) as small:
        response = client.get(URL, {"company": ["company-0", "company-1"], "kind": chosen})
    assert len(ranking(response, "claim_payment")) == 2
    fill(2, 18)

    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(URL, {"company": [f"company-{n}" for n in range(20)], "kind": chosen})
    assert len(ranking(response, "claim_payment")) == 20
