"""GET /api/v1/complaints/?changed_since=…: the complaints changed since a time, page by page."""

import datetime
from urllib.parse import quote

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from complaints.api import ChangesPagination
from complaints.models import Complaint
from complaints.services import workflow

from ..factories import UserFactory, organisation
from ..factories import complaint as register_complaint
from .api import URL, client_for

pytestmark = [pytest.mark.django_db, pytest.mark.postgresql]

T0 = datetime.datetime(2013, 3, 15, 9, 0, tzinfo=datetime.UTC)


def changed_at(complaint, at):
    Complaint.objects.filter(pk=complaint.pk).update(updated_at=at)


def references(response):
    return [row["reference"] for row in response.json()["results"]]


@pytest.fixture
def three(hotline):
    """Three complaints the hotline registered, changed at T0, T0 + 1 h and T0 + 2 h."""
    complaints = [register_complaint(actor=hotline) for _ in range(3)]
    for hours, complaint in enumerate(complaints):
        changed_at(complaint, T0 + datetime.timedelta(hours=hours))
    return complaints


def test_it_lists_the_complaints_changed_since_oldest_change_first(hotline, three):
    since = quote((T0 + datetime.timedelta(minutes=30)).isoformat())

    response = client_for(hotline).get(f"{URL}?changed_since={since}")

    assert response.status_code == 200
    assert references(response) == [three[1].reference, three[2].reference]
    assert response.json()["next"] is None


def test_a_change_at_the_very_time_is_listed(hotline, three):
    since = quote(T0.isoformat())

    assert references(client_for(hotline).get(f"{URL}?changed_since={since}")) == [
        complaint.reference for complaint in three
    ]


def test_a_step_taken_makes_a_complaint_changed(hotline, bureau_a, three):
    workflow.accept_complaint(actor=bureau_a, complaint=three[0])
    since = quote((timezone.now() - datetime.timedelta(minutes=1)).isoformat())

    response = client_for(hotline).get(f"{URL}?changed_since={since}")

    [row] = response.json()["results"]
    assert (row["reference"], row["status"]) == (three[0].reference, "accepted")


def test_rows_read_as_a_single_complaint_reads(hotline, three):
    client = client_for(hotline)

    [row, *_rest] = client.get(URL).json()["results"]

    assert row == client.get(f"{URL}{three[0].reference}/").json()
    assert row["complainant_phone"] == "138****1234"


def test_without_changed_since_it_lists_every_complaint_visible(hotline, three):
    assert references(client_for(hotline).get(URL)) == [c.reference for c in three]


def test_ties_are_ordered_by_id(hotline, three):
    for complaint in reversed(three):
        changed_at(complaint, T0)

    assert references(client_for(hotline).get(URL)) == [c.reference for c in three]


def test_an_offset_sent_unencoded_is_read_as_plus(hotline, three):
    # "+08:00" in a query string arrives as " 08:00".
    response = client_for(hotline).get(f"{URL}?changed_since=2013-03-15T17:30:00+08:00")

    assert references(response) == [three[1].reference, three[2].reference]


@pytest.mark.parametrize("since", ["", "yesterday", "2013-13-01", "15/03/2013"])
def test_a_bad_changed_since_is_refused_with_a_message(hotline, since):
    response = client_for(hotline).get(f"{URL}?changed_since={since}")

    assert response.status_code == 400
    [message] = response.json()["changed_since"]
    assert message


def test_a_cursor_no_page_gave_is_answered_as_its_schema_says(hotline):
    response = client_for(hotline).get(f"{URL}?cursor=not-ours")
    listing = APIClient().get("/api/schema/", {"format": "json"}).json()["paths"][URL]["get"]

    assert response.status_code == 404
    assert response.json()["detail"]
    assert "404" in listing["responses"]


def test_it_lists_only_the_complaints_the_client_sees(hotline, head_office, bureau_b, three):
    other_seat = UserFactory(
        username="hotline-2", organisation=organisation("hq"), role=hotline.role
    )
    theirs = register_complaint(actor=other_seat, province="上海")

    assert references(client_for(hotline).get(URL)) == [c.reference for c in three]
    assert references(client_for(other_seat).get(URL)) == [theirs.reference]
    assert references(client_for(bureau_b).get(URL)) == [theirs.reference]
    assert len(references(client_for(head_office).get(URL))) == 4


def test_pages_follow_each_other_by_cursor(hotline, three, monkeypatch):
    monkeypatch.setattr(ChangesPagination, "page_size", 2)
    client = client_for(hotline)

    first = client.get(f"{URL}?changed_since={quote(T0.isoformat())}").json()
    second = client.get(first["next"]).json()

    assert [row["reference"] for row in first["results"]] == [c.reference for c in three[:2]]
    assert [row["reference"] for row in second["results"]] == [three[2].reference]
    assert "changed_since=" in first["next"]
    assert second["next"] is None


def test_a_complaint_changed_while_paging_comes_again_and_none_is_skipped(
    hotline, three, monkeypatch
):
    monkeypatch.setattr(ChangesPagination, "page_size", 2)
    client = client_for(hotline)
    first = client.get(URL).json()

    changed_at(three[0], T0 + datetime.timedelta(hours=5))
    second = client.get(first["next"]).json()

    assert [row["reference"] for row in second["results"]] == [
        three[2].reference,
        three[0].reference,
    ]


def test_it_requires_a_token(three):
    response = APIClient().get(URL)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


@pytest.mark.parametrize("count", [3, 30])
def test_a_page_takes_the_same_queries_however_many_rows(
    hotline, bureau_a, count, django_assert_num_queries
):
    for _ in range(count):
        complaint = register_complaint(actor=hotline)
        workflow.accept_complaint(actor=bureau_a, complaint=complaint)  # a public reply each
    client = client_for(hotline)

    # The token with its user and their organisation, the page, the replies.
    with django_assert_num_queries(3):
        response = client.get(URL)

    assert len(response.json()["results"]) == count
    assert all(row["public_replies"] for row in response.json()["results"])
