import pytest

from campaign.models import User
from complaints.services import workflow
from tests.factories import UserFactory, organisation
from tests.factories import complaint as register_complaint
from tests.html import Element

URL = "/complaints/track/"
NOT_FOUND = "No complaint matches this reference and these last 4 digits of the phone number."


@pytest.fixture
def dalian(db):
    return UserFactory(
        username="dalian",
        full_name="赵敏",
        organisation=organisation("dalian"),
        role=User.Role.STAFF,
    )


@pytest.fixture
def complaint(db):
    """王小明's complaint from Dalian, phone ending 5678."""
    return register_complaint(
        province="辽宁", city="大连", complainant_name="王小明", complainant_phone="13912345678"
    )


def look_up(client, reference, digits, **extra):
    return client.post(URL, {"reference": reference, "phone_last_digits": digits}, **extra)


def alert(response):
    found = Element.parse(response.content.decode()).first(role="alert")
    return found.text if found else ""


def test_anyone_sees_the_lookup_form(client, db):
    response = client.get(URL)

    assert response.status_code == 200
    assert Element.by_id(response, "id_reference") is not None
    assert Element.by_id(response, "id_phone_last_digits") is not None


@pytest.mark.usefixtures("english")
def test_the_right_digits_show_the_status_and_the_public_replies(client, complaint, dalian):
    complaint = workflow.accept_complaint(
        actor=dalian, complaint=complaint, note="已受理，将转保险公司处理。"
    )
    workflow.forward_complaint(
        actor=dalian, complaint=complaint, complexity="simple", note="已转示例财产保险处理。"
    )

    response = look_up(client, complaint.reference, "5678")

    assert response.status_code == 200
    status = Element.by_id(response, "complaint-status").text
    assert status == "Forwarded to the company"
    rows = Element.parse(response.content.decode()).first("tbody").find_all("tr")
    assert [row.find_all("td")[2].text for row in rows] == [
        "已受理，将转保险公司处理。",
        "已转示例财产保险处理。",
    ]
    page = response.content.decode()
    assert "CIRC Dalian Bureau" in page
    for private in ("王小明", "王**", "13912345678", "139****5678", "赵敏"):
        assert private not in page


def test_a_paused_clock_shows_why(client, complaint, dalian):
    workflow.request_material(actor=dalian, complaint=complaint, note="请补充保单复印件。")

    response = look_up(client, complaint.reference, "5678")

    assert "请补充保单复印件。" in Element.by_id(response, "complaint-paused").text


@pytest.mark.usefixtures("english")
def test_an_open_step_shows_its_due_date(client, complaint):
    response = look_up(client, complaint.reference, "5678")

    due = complaint.due_on
    assert Element.by_id(response, "complaint-due").text == f"{due.day} {due:%B} {due.year}"


@pytest.mark.usefixtures("english")
def test_wrong_digits_get_the_same_answer_as_an_unknown_reference(client, complaint):
    wrong_digits = look_up(client, complaint.reference, "1234")
    unknown = look_up(client, "12378-2013-09999999", "5678")

    assert alert(wrong_digits) == alert(unknown) == NOT_FOUND
    assert Element.by_id(wrong_digits, "complaint-status") is None
    assert wrong_digits.status_code == unknown.status_code == 200


def test_a_reference_written_wrongly_is_pointed_out_next_to_it(client, db):
    response = look_up(client, "2013-123", "5678")

    assert Element.by_id(response, "id_reference_error").text
    assert alert(response) == ""


def test_the_eleventh_lookup_in_an_hour_from_one_address_is_refused(client, complaint, settings):
    settings.COMPLAINT_TRACKING_RATE = "10/h"
    for digits in ["0000"] * 4 + ["5678"] * 6:
        assert look_up(client, complaint.reference, digits).status_code == 200

    response = look_up(client, complaint.reference, "5678")

    assert response.status_code == 429
    assert "12378" in alert(response)
    assert Element.by_id(response, "complaint-status") is None


def test_the_addresses_of_one_ipv6_network_count_as_one(client, complaint, settings):
    settings.COMPLAINT_TRACKING_RATE = "2/h"
    for host in (1, 2):
        look_up(client, complaint.reference, "5678", REMOTE_ADDR=f"2001:db8:12:34::{host}")

    response = look_up(client, complaint.reference, "5678", REMOTE_ADDR="2001:db8:12:34::3")
    elsewhere = look_up(client, complaint.reference, "5678", REMOTE_ADDR="2001:db8:12:35::1")

    assert (response.status_code, elsewhere.status_code) == (429, 200)


def test_a_reference_guessed_at_5_times_is_locked_for_every_address(client, complaint):
    for n in range(5):
        look_up(client, complaint.reference, f"000{n}", REMOTE_ADDR=f"10.0.0.{n + 1}")

    response = look_up(client, complaint.reference, "5678", REMOTE_ADDR="10.0.1.1")

    assert response.status_code == 429
    assert "12378" in alert(response)
    assert Element.by_id(response, "complaint-status") is None


def test_failed_lookups_of_other_references_do_not_lock_this_one(client, complaint):
    for n in range(5):
        look_up(client, "12378-2013-09999999", f"000{n}", REMOTE_ADDR=f"10.0.0.{n + 1}")

    response = look_up(client, complaint.reference, "5678", REMOTE_ADDR="10.0.1.1")

    assert Element.by_id(response, "complaint-status") is not None


def test_a_lookup_takes_two_queries_however_many_replies(
    client, complaint, dalian, company_y, django_assert_num_queries
):
    complaint = workflow.accept_complaint(actor=dalian, complaint=complaint, note="已受理。")
    complaint = workflow.forward_complaint(actor=dalian, complaint=complaint, complexity="other")
    complaint = workflow.answer_complaint(actor=company_y, complaint=complaint, note="同意赔付。")
    workflow.start_mediation(actor=dalian, complaint=complaint, note="投诉人不同意，进行调解。")

    with django_assert_num_queries(2):  # the complaint with its bureau and company; its replies
        response = look_up(client, complaint.reference, "5678")

    assert len(Element.parse(response.content.decode()).first("tbody").find_all("tr")) == 4
