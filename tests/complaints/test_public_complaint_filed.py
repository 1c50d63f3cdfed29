import pytest

from complaints.models import Complaint
from tests.factories import InsurerFactory
from tests.html import Element

from .public_form import filled_in

URL = "/complaints/new/done/"


@pytest.fixture
def company(db):
    return InsurerFactory(code="demo-pc", name_zh="示例财产保险股份有限公司")


@pytest.fixture
def filed(client, company):
    """The complaint the test client just filed on the public form."""
    client.post("/complaints/new/", filled_in(company))
    return Complaint.objects.get()


def test_it_shows_the_reference_the_bureau_and_the_acceptance_deadline(client, filed):
    response = client.get(URL)

    assert response.status_code == 200
    assert Element.by_id(response, "complaint-reference").text == filed.reference
    page = response.content.decode()
    assert filed.bureau.code == "dalian"
    assert filed.bureau.name_zh in page
    assert f"{filed.due_on.year}年{filed.due_on.month}月{filed.due_on.day}日" in page


@pytest.mark.usefixtures("english")
def test_it_explains_the_next_steps_with_their_time_limits(client, filed):
    steps = Element.by_id(client.get(URL), "next-steps").text

    assert "within 7 working days of receiving complete material" in steps
    assert "asks you for it within 5 working days" in steps
    assert "within 10 working days for a simple case, or within 30 days otherwise" in steps
    assert "last 4 digits" in steps


def test_it_links_to_tracking_and_can_be_printed(client, filed):
    page = Element.parse(client.get(URL).content.decode())

    assert "/complaints/track/" in page.links
    assert page.first("button", **{"data-portal-print": ""}) is not None


def test_no_cache_keeps_the_page(client, filed):
    assert "no-store" in client.get(URL)["Cache-Control"]


def test_without_a_complaint_filed_in_this_session_it_sends_to_the_form(client, db):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"] == "/complaints/new/"


def test_another_browser_does_not_see_the_reference(client, filed):
    client.cookies.clear()

    response = client.get(URL)

    assert response.status_code == 302
    assert filed.reference not in response.content.decode()


def test_it_takes_no_post(client, filed):
    assert client.post(URL).status_code == 405
