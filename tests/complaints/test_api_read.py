"""GET /api/v1/complaints/{reference}/: the hotline reads a complaint's status."""

import pytest
from rest_framework.test import APIClient

from complaints.services import workflow

from ..factories import UserFactory, organisation
from ..factories import complaint as register_complaint
from .api import URL, client_for

pytestmark = [pytest.mark.django_db, pytest.mark.postgresql]


@pytest.fixture
def registered(hotline):
    """A phone complaint from Beijing about 示例财产保险, registered by the hotline."""
    return register_complaint(actor=hotline, province="北京市", complainant_name="王小明")


def test_it_reads_a_complaint_the_hotline_registered(hotline, registered):
    response = client_for(hotline).get(f"{URL}{registered.reference}/")

    assert response.status_code == 200
    body = response.json()
    assert body["reference"] == registered.reference
    assert body["channel"] == "phone"
    assert (body["status"], body["status_label_en"]) == ("registered", "Registered")
    assert body["status_label_zh"]
    assert (body["region"], body["company"]) == ("beijing", "demo-pc")
    assert (body["category"], body["product_line"]) == ("claims", "auto")
    assert body["due_on"] == body["acceptance_due_on"] == registered.due_on.isoformat()
    assert (body["clock_paused"], body["paused_reason"]) == (False, "")
    assert body["public_replies"] == []


def test_personal_data_is_masked(hotline, registered):
    body = client_for(hotline).get(f"{URL}{registered.reference}/").json()

    assert (body["complainant_name"], body["complainant_phone"]) == ("王**", "138****1234")
    assert "13812341234" not in str(body)


def test_it_shows_a_paused_clock_and_the_public_replies(hotline, bureau_a, registered):
    workflow.request_material(actor=bureau_a, complaint=registered, note="请补充保单复印件。")

    body = client_for(hotline).get(f"{URL}{registered.reference}/").json()

    assert body["status"] == "awaiting_material"
    assert (body["clock_paused"], body["paused_reason"]) == (True, "请补充保单复印件。")
    assert body["due_on"] is None
    assert body["acceptance_due_on"] is None
    [reply] = body["public_replies"]
    assert (reply["action"], reply["note"]) == ("request_material", "请补充保单复印件。")


def test_steps_the_complainant_does_not_read_are_not_replies(
    hotline, bureau_a, company_y, registered
):
    accepted = workflow.accept_complaint(actor=bureau_a, complaint=registered)
    forwarded = workflow.forward_complaint(actor=bureau_a, complaint=accepted, complexity="simple")
    workflow.extend_deadline(actor=company_y, complaint=forwarded, days=10, note="需调取录音")

    body = client_for(hotline).get(f"{URL}{registered.reference}/").json()

    assert body["status"] == "forwarded"
    assert [reply["action"] for reply in body["public_replies"]] == ["accept", "forward"]
    assert "需调取录音" not in str(body)
    assert body["acceptance_due_on"] is None


@pytest.mark.parametrize("persona", ["head_office", "bureau_a"])
def test_head_office_and_the_handling_bureau_read_it(request, persona, registered):
    user = request.getfixturevalue(persona)

    assert client_for(user).get(f"{URL}{registered.reference}/").status_code == 200


@pytest.mark.parametrize("persona", ["bureau_b", "company_y", "association"])
def test_others_do_not_find_it(request, persona, registered):
    user = request.getfixturevalue(persona)

    assert client_for(user).get(f"{URL}{registered.reference}/").status_code == 404


def test_another_hotline_seat_does_not_find_it(hotline, registered):
    other_seat = UserFactory(
        username="hotline-2", organisation=organisation("hq"), role=hotline.role
    )

    assert client_for(other_seat).get(f"{URL}{registered.reference}/").status_code == 404


def test_the_company_does_not_find_it_before_it_is_forwarded(company_y, registered):
    assert client_for(company_y).get(f"{URL}{registered.reference}/").status_code == 404


def test_an_unknown_or_malformed_reference_is_not_found(hotline, registered):
    client = client_for(hotline)

    assert client.get(f"{URL}12378-2013-99999999/").status_code == 404
    assert client.get(f"{URL}not-a-reference/").status_code == 404
    wrong_year = registered.reference.replace(f"-{registered.year}-", "-2012-")
    assert client.get(f"{URL}{wrong_year}/").status_code == 404


def test_it_requires_a_token(registered):
    response = APIClient().get(f"{URL}{registered.reference}/")

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_it_takes_no_post(hotline, registered):
    response = client_for(hotline).post(f"{URL}{registered.reference}/", {}, format="json")

    assert response.status_code == 405


def test_it_reads_in_three_queries(hotline, registered, django_assert_num_queries):
    client = client_for(hotline)

    # The token with its user and their organisation, the complaint, its replies.
    with django_assert_num_queries(3):
        client.get(f"{URL}{registered.reference}/")
