"""The complaint list: what each user sees, its filters, its order, its pages."""

import datetime
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from complaints.models import Category, Complaint
from complaints.services import workflow

from ..factories import complaint as register_complaint
from ..html import Element

pytestmark = pytest.mark.postgresql

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
URL = "/complaints/"
TODAY = datetime.date(2013, 4, 15)


@pytest.fixture(autouse=True)
def now(time_machine):
    time_machine.move_to(datetime.datetime(2013, 4, 15, 9, 0, tzinfo=SHANGHAI), tick=False)


@pytest.fixture
def company(company_x):
    return company_x.organisation


def received(day, hour=10):
    return datetime.datetime(2013, 4, day, hour, 0, tzinfo=SHANGHAI)


def due_in(complaint, days):
    """The complaint's current step falls due ``days`` from today (negative: overdue)."""
    Complaint.objects.filter(pk=complaint.pk).update(due_on=TODAY + datetime.timedelta(days=days))
    return complaint


def closed(complaint, bureau):
    complaint = workflow.accept_complaint(actor=bureau, complaint=complaint)
    return workflow.close_complaint(
        actor=bureau, complaint=complaint, resolved=True, consumer_satisfied=True
    )


def references(response):
    table = Element.parse(response.content.decode()).first("tbody")
    return [row.first("a").text for row in table.find_all("tr")] if table else []


def test_a_bureau_sees_only_the_complaints_routed_to_it(client, bureau_a, hotline, company):
    beijing = register_complaint(actor=hotline, company=company, province="北京")
    shanghai = register_complaint(actor=hotline, company=company, province="上海")
    client.force_login(bureau_a)

    page = client.get(URL)

    assert references(page) == [beijing.reference]
    assert shanghai.reference not in page.content.decode()


def test_a_company_sees_only_its_complaints_once_forwarded_to_it(
    client, company_x, company_y, bureau_a, hotline, company
):
    forwarded = register_complaint(actor=hotline, company=company)
    forwarded = workflow.forward_complaint(
        actor=bureau_a,
        complaint=workflow.accept_complaint(actor=bureau_a, complaint=forwarded),
        complexity="simple",
    )
    register_complaint(actor=hotline, company=company)  # not yet forwarded
    other = register_complaint(actor=hotline, company=company_y.organisation)
    workflow.forward_complaint(
        actor=bureau_a,
        complaint=workflow.accept_complaint(actor=bureau_a, complaint=other),
        complexity="simple",
    )
    client.force_login(company_x)

    assert references(client.get(URL)) == [forwarded.reference]


def test_the_hotline_sees_the_complaints_it_registered(client, hotline, head_office, company):
    own = register_complaint(actor=hotline, company=company)
    register_complaint(actor=head_office, company=company)
    client.force_login(hotline)

    assert references(client.get(URL)) == [own.reference]


def test_head_office_sees_every_bureaus_complaints(client, head_office, hotline, company):
    register_complaint(actor=hotline, company=company, province="北京")
    register_complaint(actor=hotline, company=company, province="辽宁", city="大连")
    client.force_login(head_office)

    assert len(references(client.get(URL))) == 2


def test_the_association_has_no_complaint_list(client, association):
    client.force_login(association)

    assert client.get(URL).status_code == 403


def test_anonymous_is_sent_to_log_in(client):
    assert client.get(URL)["Location"].startswith("/accounts/login/")


def test_overdue_come_first_then_the_nearest_deadlines_then_the_newest_finished(
    client, bureau_a, hotline, company
):
    in_ten_days = due_in(register_complaint(actor=hotline, company=company), 10)
    overdue = due_in(register_complaint(actor=hotline, company=company), -2)
    finished_early = closed(
        register_complaint(actor=hotline, company=company, received_at=received(1)), bureau_a
    )
    tomorrow = due_in(register_complaint(actor=hotline, company=company), 1)
    finished_late = closed(
        register_complaint(actor=hotline, company=company, received_at=received(8)), bureau_a
    )
    client.force_login(bureau_a)

    listed = references(client.get(URL, {"status": "all"}))

    assert listed == [
        overdue.reference,
        tomorrow.reference,
        in_ten_days.reference,
        finished_late.reference,
        finished_early.reference,
    ]


def test_each_row_shows_the_days_left_and_the_deadline_badges(
    client, bureau_a, hotline, company, english
):
    due_in(register_complaint(actor=hotline, company=company), -2)
    due_in(register_complaint(actor=hotline, company=company), 0)
    due_in(register_complaint(actor=hotline, company=company), 3)
    due_in(register_complaint(actor=hotline, company=company), 12)
    client.force_login(bureau_a)

    rows = Element.parse(client.get(URL).content.decode()).first("tbody").find_all("tr")

    due = [row.find_all("td")[-1] for row in rows]
    assert "2 days overdue" in due[0].text and due[0].first(
        "span", **{"class": "badge text-bg-danger"}
    )
    assert "Falls due today" in due[1].text and due[1].first(**{"class": "badge text-bg-warning"})
    assert "3 days left" in due[2].text and due[2].first(**{"class": "badge text-bg-warning"})
    assert "12 days left" in due[3].text and not due[3].first(**{"class": "badge text-bg-warning"})
    assert "27 April 2013" in due[3].text


def test_each_row_shows_the_complainant_masked(client, bureau_a, hotline, company):
    register_complaint(
        actor=hotline, company=company, complainant_name="王小明", complainant_phone="13912345678"
    )
    client.force_login(bureau_a)

    page = client.get(URL).content.decode()

    assert "王**" in page and "139****5678" in page
    assert "王小明" not in page and "13912345678" not in page


def test_incidents_and_possible_duplicates_are_marked(
    client, bureau_a, hotline, head_office, company, english
):
    first = register_complaint(actor=hotline, company=company, received_at=received(10))
    duplicate = register_complaint(actor=hotline, company=company, received_at=received(11))
    incident = register_complaint(
        actor=hotline, company=company, complainant_phone="13600000000", complainant_count=6
    )
    client.force_login(bureau_a)

    rows = {
        row.first("a").text: row.find_all("td")[0].text
        for row in Element.parse(client.get(URL).content.decode()).first("tbody").find_all("tr")
    }

    assert "Possible duplicate" in rows[duplicate.reference]
    assert "Incident" in rows[incident.reference]
    assert "Possible duplicate" not in rows[first.reference]
    assert "Incident" not in rows[first.reference]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["overdue_phone", "soon_letter", "later_visit"]),
        ({"status": "all"}, ["overdue_phone", "soon_letter", "later_visit", "closed_phone"]),
        ({"status": "closed"}, ["closed_phone"]),
        ({"status": "accepted"}, ["soon_letter"]),
        ({"deadline": "overdue"}, ["overdue_phone"]),
        ({"deadline": "nearly_due"}, ["soon_letter"]),
        ({"channel": "visit"}, ["later_visit"]),
        ({"channel": "phone", "status": "all"}, ["overdue_phone", "closed_phone"]),
        ({"category": "sales"}, ["later_visit"]),
        ({"company": "demo-pc"}, ["soon_letter"]),
        ({"received_from": "2013-04-10"}, ["soon_letter", "later_visit"]),
        ({"received_to": "2013-04-10"}, ["overdue_phone", "soon_letter"]),
        ({"received_from": "2013-04-10", "received_to": "2013-04-10"}, ["soon_letter"]),
        (
            {"status": "nonsense", "deadline": "whenever"},
            ["overdue_phone", "soon_letter", "later_visit"],
        ),
    ],
)
def test_the_filters_narrow_the_list(
    client, bureau_a, hotline, company, company_y, filters, expected
):
    made = {
        "overdue_phone": due_in(
            register_complaint(actor=hotline, company=company, received_at=received(1)), -1
        ),
        "soon_letter": register_complaint(
            actor=bureau_a,
            company=company_y.organisation,
            channel="letter",
            received_at=received(10, hour=23),
        ),
        "later_visit": due_in(
            register_complaint(
                actor=bureau_a,
                company=company,
                channel="visit",
                category=Category.objects.get(code="sales"),
                received_at=received(12),
            ),
            20,
        ),
        "closed_phone": closed(
            register_complaint(actor=hotline, company=company, received_at=received(2)), bureau_a
        ),
    }
    made["soon_letter"] = due_in(
        workflow.accept_complaint(actor=bureau_a, complaint=made["soon_letter"]), 2
    )
    client.force_login(bureau_a)

    listed = references(client.get(URL, filters))

    assert listed == [made[name].reference for name in expected]


def test_head_office_filters_by_bureau(client, head_office, hotline, company):
    register_complaint(actor=hotline, company=company, province="北京")
    dalian = register_complaint(actor=hotline, company=company, province="辽宁", city="大连")
    client.force_login(head_office)

    assert references(client.get(URL, {"bureau": "dalian"})) == [dalian.reference]


def test_only_head_office_has_the_bureau_filter_and_a_company_no_company_filter(
    client, head_office, bureau_a, company_x
):
    filters = {}
    for user in (head_office, bureau_a, company_x):
        client.force_login(user)
        page = Element.parse(client.get(URL).content.decode())
        filters[user.username] = (
            page.find("id_bureau") is not None,
            page.find("id_company") is not None,
        )

    assert filters == {"hq": (True, True), "beijing": (False, True), "demo-life": (False, False)}


@pytest.mark.parametrize("typed", ["whole", "row number"])
def test_a_complaint_is_found_by_its_reference(client, bureau_a, hotline, company, typed):
    register_complaint(actor=hotline, company=company)
    wanted = register_complaint(actor=hotline, company=company)
    client.force_login(bureau_a)
    text = wanted.reference if typed == "whole" else str(wanted.pk)

    assert references(client.get(URL, {"q": text})) == [wanted.reference]


def test_another_bureaus_complaint_is_not_found_by_its_reference(
    client, bureau_b, hotline, company
):
    beijing = register_complaint(actor=hotline, company=company, province="北京")
    client.force_login(bureau_b)

    assert references(client.get(URL, {"q": beijing.reference})) == []


def test_the_next_page_is_linked_with_the_filters_without_counting_the_list(
    client, bureau_a, hotline, company
):
    for _ in range(51):
        register_complaint(actor=hotline, company=company)
    client.force_login(bureau_a)

    with CaptureQueriesContext(connection) as queries:
        first = client.get(URL, {"channel": "phone"})
    second = client.get(URL, {"channel": "phone", "page": "2"})

    assert len(references(first)) == 50
    pager = Element.parse(first.content.decode()).first("nav", **{"class": "portal-pagination"})
    assert "?channel=phone&page=2" in pager.links
    assert not any("COUNT(" in query["sql"].upper() for query in queries.captured_queries)
    assert len(references(second)) == 1
    second_pager = Element.parse(second.content.decode()).first(
        "nav", **{"class": "portal-pagination"}
    )
    assert "?channel=phone" in second_pager.links  # back to the first page
    assert "?channel=phone&page=3" not in second_pager.links


@pytest.mark.parametrize("day", [{"received_to": "9999-12-31"}, {"received_from": "0001-01-01"}])
def test_a_day_at_the_end_of_the_calendar_is_left_out_of_the_filters(
    client, bureau_a, hotline, company, day
):
    complaint = register_complaint(actor=hotline, company=company)
    client.force_login(bureau_a)

    response = client.get(URL, day)

    assert response.status_code == 200
    assert references(response) == [complaint.reference]


@pytest.mark.parametrize("number", ["99999999999999999999", "184467440737095517"])
def test_a_page_number_past_any_list_shows_an_empty_page(
    client, bureau_a, hotline, company, number
):
    register_complaint(actor=hotline, company=company)
    client.force_login(bureau_a)

    response = client.get(URL, {"page": number})

    assert response.status_code == 200
    assert references(response) == []


def test_the_list_takes_the_same_number_of_queries_for_3_rows_as_for_30(
    client, head_office, hotline, company, company_y, django_assert_num_queries
):
    def make(count):
        for number in range(count):
            insurer = company if number % 2 else company_y.organisation
            complaint = register_complaint(
                actor=hotline, company=insurer, complainant_count=6 if number % 3 == 0 else 1
            )
            due_in(complaint, number - 5)

    client.force_login(head_office)
    make(3)
    with CaptureQueriesContext(connection) as three_rows:
        assert len(references(client.get(URL))) == 3
    make(27)

    with django_assert_num_queries(len(three_rows.captured_queries)):
        assert len(references(client.get(URL))) == 30


def test_the_list_is_scoped_and_filtered_in_the_one_query_the_bureaus_index_serves(
    client, bureau_a, hotline, company
):
    register_complaint(actor=hotline, company=company)
    client.force_login(bureau_a)

    with CaptureQueriesContext(connection) as queries:
        client.get(URL, {"deadline": "overdue"})

    listing = [
        q["sql"] for q in queries.captured_queries if 'FROM "complaints_complaint"' in q["sql"]
    ]
    assert len(listing) == 1
    where = listing[0].split("WHERE", 1)[1]
    assert '"bureau_id"' in where and '"status" IN' in where and '"due_on" <' in where


@pytest.mark.parametrize(
    ("persona", "complaints", "incidents"),
    [
        ("head_office", "/complaints/", True),
        ("bureau_a", "/complaints/", True),
        ("company_x", "/complaints/", False),
        ("hotline", "/hotline/", False),
        ("association", None, False),
    ],
)
def test_the_navigation_leads_to_the_complaints_of_those_who_have_some(
    client, as_persona, persona, complaints, incidents
):
    as_persona(persona)

    nav = Element.parse(client.get("/campaigns/").content.decode()).first("nav")

    assert (complaints in nav.links) if complaints else ("/complaints/" not in nav.links)
    assert "/hotline/" not in nav.links or persona == "hotline"
    assert ("/incidents/" in nav.links) == incidents
