"""POST /api/v1/complaints/: the hotline's call-centre system registers a complaint."""

import datetime

import pytest
from django.db import connection

from complaints.models import Complaint, ComplaintTransition, Incident

from .api import URL, client_for, payload

pytestmark = [pytest.mark.django_db, pytest.mark.postgresql]


def test_it_registers_a_complaint_routed_to_dalian(hotline):
    response = client_for(hotline).post(URL, payload(), format="json")

    assert response.status_code == 201
    body = response.json()
    complaint = Complaint.objects.get()
    assert body["reference"] == complaint.reference
    assert body["region"] == "dalian"
    assert body["status"] == "registered"
    assert body["status_label_en"] == "Registered"
    assert body["received_at"] == "2013-03-15T09:30:00+08:00"
    # Seven working days from Friday 15 March 2013, the day itself not counted.
    assert body["due_on"] == body["acceptance_due_on"] == "2013-03-26"
    assert (complaint.channel, complaint.bureau.code, complaint.region.name_zh) == (
        "phone",
        "dalian",
        "大连市",
    )
    assert (complaint.category.code, complaint.product_line.code) == ("claims", "auto")
    assert complaint.amount_in_dispute == 8600
    assert complaint.registered_by == hotline
    assert complaint.complainant_id_number == "210202198001011234"
    step = ComplaintTransition.objects.get(complaint=complaint)
    assert (step.action, step.actor) == ("register", hotline)


def test_it_answers_with_the_personal_data_masked(hotline):
    body = client_for(hotline).post(URL, payload(), format="json").json()

    assert body["complainant_name"] == "王**"
    assert body["complainant_phone"] == "138****1234"
    assert "13812341234" not in str(body)
    assert "210202198001011234" not in str(body)


def test_the_database_row_holds_no_plaintext_personal_data(hotline):
    client_for(hotline).post(URL, payload(), format="json")

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT complainant_name, complainant_phone, complainant_id_number "
            "FROM complaints_complaint"
        )
        row = cursor.fetchone()
    assert "13812341234" not in " ".join(row)
    assert "王小明" not in " ".join(row)
    assert "210202198001011234" not in " ".join(row)
    assert Complaint.objects.get().complainant_phone == "13812341234"


def test_province_and_city_are_read_without_their_suffixes(hotline):
    response = client_for(hotline).post(URL, payload(province="辽宁", city="大连"), format="json")

    assert response.json()["region"] == "dalian"


def test_a_six_person_complaint_is_registered_as_an_incident(hotline, head_office):
    client_for(hotline).post(URL, payload(complainant_count=6), format="json")

    assert Incident.objects.get().complaint == Complaint.objects.get()


def test_head_office_and_bureaus_may_register_too(head_office, bureau_a):
    for user in (head_office, bureau_a):
        assert client_for(user).post(URL, payload(), format="json").status_code == 201

    assert Complaint.objects.count() == 2


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"channel": "fax"}, "channel"),
        ({"category": "weather"}, "category"),
        ({"product_line": "pets"}, "product_line"),
        ({"company": "no-such-insurer"}, "company"),
        ({"company": "dalian"}, "company"),  # a bureau, not an insurer
        ({"province": "火星"}, "province"),
        ({"received_at": "15/03/2013"}, "received_at"),
        ({"received_at": "2099-01-01T00:00:00+08:00"}, "received_at"),
        ({"received_at": "0001-01-03T00:00:00+08:00"}, "received_at"),
        ({"received_at": "0213-03-15T09:30:00+08:00"}, "received_at"),  # 2013 mistyped
        ({"complainant_phone": "12"}, "complainant_phone"),
        ({"complainant_count": 0}, "complainant_count"),
        ({"complainant_count": 2**31}, "complainant_count"),  # past the database's integer
        ({"amount_in_dispute": "-1"}, "amount_in_dispute"),
        ({"description": ""}, "description"),
        ({"complainant_name": "王" * 101}, "complainant_name"),
    ],
)
def test_invalid_input_is_refused_on_its_field_and_nothing_is_stored(hotline, changes, field):
    before = Complaint.objects.count(), ComplaintTransition.objects.count()

    response = client_for(hotline).post(URL, payload(**changes), format="json")

    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert (Complaint.objects.count(), ComplaintTransition.objects.count()) == before


def test_missing_fields_are_each_named(hotline):
    response = client_for(hotline).post(URL, {"channel": "phone"}, format="json")

    assert response.status_code == 400
    assert set(response.json()) == {
        "received_at",
        "complainant_name",
        "complainant_phone",
        "province",
        "company",
        "category",
        "product_line",
        "description",
    }
    assert not Complaint.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "allowed"),
    [
        ("channel", "fax", "letter, visit, phone, web"),
        ("category", "weather", "sales, claims, surrender, policy_service, telemarketing"),
        ("product_line", "pets", "auto, enterprise_property, home_property, liability"),
    ],
)
def test_an_unknown_code_is_refused_naming_the_allowed_codes(hotline, field, value, allowed):
    response = client_for(hotline).post(URL, payload(**{field: value}), format="json")

    [message] = response.json()[field]
    assert message.startswith(f"未知代码“{value}”")
    assert allowed in message


def test_a_service_rule_is_answered_on_its_field(hotline):
    response = client_for(hotline).post(URL, payload(province="火星"), format="json")

    assert response.json() == {"province": ["没有保监局管辖该省（区、市）或城市，请核对名称。"]}


def test_malformed_json_is_a_bad_request(hotline):
    response = client_for(hotline).post(
        URL, '{"channel": "phone",', content_type="application/json"
    )

    assert response.status_code == 400
    assert "detail" in response.json()
    assert not Complaint.objects.exists()


def test_it_takes_json_only(hotline):
    response = client_for(hotline).post(URL, payload())  # multipart, as a form posts

    assert response.status_code == 415
    assert not Complaint.objects.exists()


def test_it_requires_a_token(hotline):
    from rest_framework.test import APIClient

    response = APIClient().post(URL, payload(), format="json")

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert not Complaint.objects.exists()


def test_an_unknown_token_is_refused(db):
    from rest_framework.test import APIClient

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token 0123456789abcdef")

    response = client.post(URL, payload(), format="json")

    assert response.status_code == 401
    assert response.json() == {"detail": "认证令牌无效。"}
    assert not Complaint.objects.exists()


def test_a_session_login_is_not_enough(client, hotline):
    client.force_login(hotline)

    response = client.post(URL, payload(), content_type="application/json")

    assert response.status_code == 401
    assert not Complaint.objects.exists()


@pytest.mark.parametrize("persona", ["company_x", "association"])
def test_an_insurer_or_the_association_may_not_register(request, persona):
    user = request.getfixturevalue(persona)

    response = client_for(user).post(URL, payload(), format="json")

    assert response.status_code == 403
    assert not Complaint.objects.exists()


def test_a_deactivated_hotline_account_is_refused(hotline):
    client = client_for(hotline)
    hotline.is_active = False
    hotline.save()

    response = client.post(URL, payload(), format="json")

    assert response.status_code == 401
    assert response.json() == {"detail": "用户未激活或者已删除。"}
    assert not Complaint.objects.exists()


def test_it_registers_in_sixteen_queries(hotline, django_assert_num_queries):
    client = client_for(hotline)
    body = payload()

    # The token with its user and their organisation; the company, category and product
    # line; the key; the regions and the bureau; the calendar and the time limits; an
    # earlier complaint by the same phone; the complaint, its key and its first step in a
    # transaction (5); its public replies.
    with django_assert_num_queries(16):
        response = client.post(URL, body, format="json", HTTP_IDEMPOTENCY_KEY="call-1")

    assert response.status_code == 201
    assert Complaint.objects.get().reference == response.json()["reference"]


def test_put_and_delete_are_not_allowed(hotline):
    client = client_for(hotline)

    assert client.put(URL, payload(), format="json").status_code == 405
    assert client.delete(URL).status_code == 405


def test_a_received_at_without_offset_is_beijing_time(hotline):
    response = client_for(hotline).post(
        URL, payload(received_at="2013-03-15T23:30:00"), format="json"
    )

    received = Complaint.objects.get().received_at
    assert received == datetime.datetime(2013, 3, 15, 15, 30, tzinfo=datetime.UTC)
    assert response.json()["received_at"] == "2013-03-15T23:30:00+08:00"
