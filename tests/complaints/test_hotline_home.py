"""The hotline operator's home page: a call registered by keyboard, and their latest entries."""

import datetime
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from complaints.models import Complaint

from ..factories import InsurerFactory
from ..factories import complaint as register_complaint
from ..html import Element

pytestmark = pytest.mark.postgresql

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
URL = "/hotline/"


@pytest.fixture
def now(time_machine):
    moment = datetime.datetime(2013, 3, 15, 10, 30, tzinfo=SHANGHAI)
    time_machine.move_to(moment, tick=False)
    return moment


@pytest.fixture
def company(db):
    return InsurerFactory(code="demo-life", name_zh="示例人寿保险股份有限公司", name_en="Demo Life")


def call(**changes):
    """What an operator types for a call from Dalian about company X."""
    return {
        "complainant_name": "王小明",
        "complainant_phone": "13912345678",
        "province": "辽宁省",
        "city": "大连市",
        "company": "示例人寿保险股份有限公司",
        "description": "退保时被告知要扣除高额手续费，销售时未说明。",
        "request": "全额退保",
        "category": "surrender",
        "product_line": "life",
        "complainant_count": "1",
        "received_at": "2013-03-15T10:25",
    } | changes


def test_the_form_starts_on_the_callers_name_with_suggestion_lists(client, hotline, company):
    client.force_login(hotline)

    page = Element.parse(client.get(URL).content.decode())

    fields = [e for e in page.walk() if e.tag in ("input", "select", "textarea")]
    visible = [e for e in fields if e.get("type") not in ("hidden",)]
    assert visible[0]["name"] == "complainant_name"
    assert "autofocus" in visible[0].attrs
    assert [e["name"] for e in visible[:5]] == [
        "complainant_name",
        "complainant_phone",
        "province",
        "city",
        "company",
    ]
    assert visible[-1]["name"] == "received_at"
    assert not any(e.get("tabindex") for e in fields)  # the natural Tab order
    assert page.find("id_company")["list"] == "intake-companies"
    assert page.find("id_province")["list"] == "intake-provinces"
    assert page.find("id_city")["list"] == "intake-cities"
    companies = [o["value"] for o in page.find("intake-companies").children]
    assert "示例人寿保险股份有限公司" in companies
    provinces = [o["value"] for o in page.find("intake-provinces").children]
    assert len(provinces) == 31 and "广西壮族自治区" in provinces
    assert [o["value"] for o in page.find("intake-cities").children] == [
        "大连市",
        "宁波市",
        "厦门市",
        "青岛市",
        "深圳市",
    ]
    assert "data-intake-stamp" in page.find("id_received_at").attrs
    assert page.find("id_category").first("option", selected="")["value"] == "claims"
    assert page.find("id_complainant_count")["value"] == "1"
    assert "channel" not in [e.get("name") for e in fields]  # always the phone
    assert page.first("form", **{"data-complaint-intake": ""}) is not None
    assert page.first("button", type="submit", accesskey="s") is not None


def test_a_call_is_registered_once_as_a_phone_complaint_routed_to_its_bureau(
    client, hotline, company, now
):
    client.force_login(hotline)

    response = client.post(URL, call())

    assert response.status_code == 302 and response["Location"] == URL
    complaint = Complaint.objects.get()
    assert complaint.channel == Complaint.Channel.PHONE
    assert complaint.registered_by == hotline
    assert complaint.company == company
    assert complaint.bureau.code == "dalian"
    assert complaint.category.code == "surrender"
    assert complaint.received_at == datetime.datetime(2013, 3, 15, 10, 25, tzinfo=SHANGHAI)
    assert complaint.complainant_phone == "13912345678"


def test_after_registering_the_page_shows_the_reference_and_bureau_over_an_empty_form(
    client, hotline, company, now, english
):
    client.force_login(hotline)

    page = client.post(URL, call(), follow=True).content.decode()

    complaint = Complaint.objects.get()
    tree = Element.parse(page)
    message = tree.first("div", role="status").text
    assert complaint.reference in message and "Dalian" in message
    assert f"/complaints/{complaint.reference}/" in tree.first("div", role="status").links
    assert tree.find("id_complainant_name").get("value") is None
    assert "autofocus" in tree.find("id_complainant_name").attrs


def test_a_company_found_by_part_of_its_name_is_the_one_registered(client, hotline, company, now):
    client.force_login(hotline)

    client.post(URL, call(company="示例人寿"))

    assert Complaint.objects.get().company == company


@pytest.mark.parametrize("typed", ["示例平安保险", "示例"])
def test_a_company_name_that_matches_no_single_insurer_is_refused_next_to_the_field(
    client, hotline, company, now, english, typed
):
    InsurerFactory(code="demo-pc", name_zh="示例财产保险股份有限公司")
    client.force_login(hotline)

    response = client.post(URL, call(company=typed))

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["company"]
    assert "is-invalid" in Element.by_id(response, "id_company")["class"].split()
    assert Element.by_id(response, "id_company")["value"] == typed  # kept for correcting
    # The call's time stays as sent (on the empty form it is set when typing starts).
    assert "data-intake-stamp" not in Element.by_id(response, "id_received_at").attrs
    assert not Complaint.objects.exists()


def test_a_province_no_bureau_covers_is_refused_next_to_the_field(client, hotline, company, now):
    client.force_login(hotline)

    response = client.post(URL, call(province="火星", city=""))

    assert list(response.context["form"].errors) == ["province"]
    assert not Complaint.objects.exists()


def test_a_call_received_in_the_future_is_refused_next_to_the_time(client, hotline, company, now):
    client.force_login(hotline)

    response = client.post(URL, call(received_at="2013-03-15T18:00"))

    assert list(response.context["form"].errors) == ["received_at"]
    assert not Complaint.objects.exists()


def test_a_number_of_complainants_no_one_counts_is_refused_next_to_it(
    client, hotline, company, now
):
    client.force_login(hotline)

    response = client.post(URL, call(complainant_count="3000000000"))

    assert list(response.context["form"].errors) == ["complainant_count"]
    assert not Complaint.objects.exists()


def test_a_six_person_call_says_an_incident_was_opened(
    client, hotline, company, now, english, head_office
):
    client.force_login(hotline)

    page = client.post(URL, call(complainant_count="6"), follow=True).content.decode()

    assert "opened an incident" in page
    assert Complaint.objects.get().incident.kind == "group"


def test_the_latest_entries_are_the_operators_own_with_the_phone_masked(
    client, hotline, head_office, company, now
):
    own = register_complaint(actor=hotline, company=company, complainant_phone="13900001111")
    someone_elses = register_complaint(
        actor=head_office, company=company, complainant_phone="13700002222"
    )
    client.force_login(hotline)

    page = client.get(URL).content.decode()

    assert own.reference in page and "139****1111" in page
    assert someone_elses.reference not in page
    assert "13900001111" not in page and "13700002222" not in page


def test_the_latest_entries_are_the_last_twenty(client, hotline, company, now):
    references = [register_complaint(actor=hotline, company=company).reference for _ in range(21)]
    client.force_login(hotline)

    page = client.get(URL).content.decode()

    assert references[0] not in page
    assert all(reference in page for reference in references[1:])


def test_the_page_takes_the_same_number_of_queries_whatever_the_entries(
    client, hotline, company, now, django_assert_num_queries
):
    client.force_login(hotline)
    register_complaint(actor=hotline, company=company)
    with CaptureQueriesContext(connection) as one_entry:
        client.get(URL)
    for _ in range(10):
        register_complaint(actor=hotline, company=company)

    with django_assert_num_queries(len(one_entry.captured_queries)):
        client.get(URL)


@pytest.mark.parametrize("persona", ["company_x", "association"])
def test_insurers_and_the_association_cannot_register_calls(client, as_persona, persona):
    as_persona(persona)

    assert client.get(URL).status_code == 403
    assert client.post(URL, call()).status_code == 403
    assert not Complaint.objects.exists()


def test_the_hotline_operators_home_is_the_call_form(client, hotline):
    client.force_login(hotline)

    assert client.get("/")["Location"] == URL


def test_an_empty_post_shows_what_is_missing(client, hotline):
    client.force_login(hotline)

    response = client.post(URL)

    assert "complainant_name" in response.context["form"].errors
    assert not Complaint.objects.exists()
