"""A bureau registering a letter or a visit it received."""

import datetime
import zoneinfo

import pytest

from complaints.models import Complaint

from ..factories import InsurerFactory, complaint
from ..html import Element

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
URL = "/complaints/register/"


@pytest.fixture(autouse=True)
def now(time_machine):
    time_machine.move_to(datetime.datetime(2013, 4, 1, 9, 0, tzinfo=SHANGHAI), tick=False)


@pytest.fixture
def company(db):
    return InsurerFactory(code="demo-pc", name_zh="示例财产保险股份有限公司")


def letter(**changes):
    return {
        "channel": "letter",
        "received_at": "2013-03-28T14:00",
        "complainant_name": "赵六",
        "complainant_phone": "010-66660000",
        "complainant_address": "北京市西城区金融大街1号",
        "province": "北京",
        "company": "示例财产保险股份有限公司",
        "description": "车辆出险后理赔款迟迟未到账。",
        "category": "claims",
        "product_line": "auto",
        "complainant_count": "1",
    } | changes


def test_the_form_starts_with_the_channel_and_the_day_received(client, bureau_a):
    client.force_login(bureau_a)

    page = Element.parse(client.get(URL).content.decode())

    fields = [e for e in page.walk() if e.tag in ("input", "select", "textarea")]
    names = [e["name"] for e in fields if e.get("type") != "hidden"]
    assert names[:3] == ["channel", "received_at", "complainant_name"]
    assert "autofocus" in page.find("id_channel").attrs
    channels = [option["value"] for option in page.find("id_channel").children]
    assert channels == ["letter", "visit"]
    assert page.find("intake-companies") is not None


def test_a_letter_received_last_week_is_due_seven_working_days_after_it_arrived(
    client, bureau_a, company
):
    client.force_login(bureau_a)

    response = client.post(URL, letter())

    complaint = Complaint.objects.get()
    assert response["Location"] == f"/complaints/{complaint.reference}/"
    assert complaint.channel == Complaint.Channel.LETTER
    assert complaint.registered_by == bureau_a
    assert complaint.received_at == datetime.datetime(2013, 3, 28, 14, 0, tzinfo=SHANGHAI)
    # 7 working days from Thursday 28 March: 清明 (4–6 April) off, Sunday 7 April worked.
    assert complaint.due_on == datetime.date(2013, 4, 9)
    assert complaint.complainant_address == "北京市西城区金融大街1号"


def test_a_visit_is_registered_as_a_visit(client, bureau_a, company):
    client.force_login(bureau_a)

    client.post(URL, letter(channel="visit"))

    assert Complaint.objects.get().channel == Complaint.Channel.VISIT


def test_a_letter_received_in_the_future_is_refused_next_to_its_date(client, bureau_a, company):
    client.force_login(bureau_a)

    response = client.post(URL, letter(received_at="2013-04-02T09:00"))

    assert list(response.context["form"].errors) == ["received_at"]
    assert not Complaint.objects.exists()


def test_the_page_takes_no_phone_or_web_complaints(client, bureau_a, company):
    client.force_login(bureau_a)

    response = client.post(URL, letter(channel="phone"))

    assert list(response.context["form"].errors) == ["channel"]
    assert not Complaint.objects.exists()


def test_a_letter_routed_to_another_bureau_keeps_its_sender_on_the_page(
    client, bureau_a, company, english
):
    client.force_login(bureau_a)

    response = client.post(URL, letter(province="上海"), follow=True)

    complaint = Complaint.objects.get()
    assert complaint.bureau.code == "shanghai"
    assert response.redirect_chain[-1][0] == URL
    assert complaint.reference in response.content.decode()
    assert f"/complaints/{complaint.reference}/" not in response.content.decode()


def test_head_office_registers_letters_too(client, head_office, company):
    client.force_login(head_office)

    client.post(URL, letter())

    assert Complaint.objects.get().registered_by == head_office


@pytest.mark.parametrize("persona", ["company_x", "association"])
def test_insurers_and_the_association_cannot_register_letters(client, as_persona, persona):
    as_persona(persona)

    assert client.get(URL).status_code == 403
    assert client.post(URL, letter()).status_code == 403
    assert not Complaint.objects.exists()


def test_anonymous_is_sent_to_log_in(client):
    assert client.get(URL)["Location"].startswith("/accounts/login/")


def test_a_possible_duplicate_at_another_bureau_is_not_named(client, bureau_a, company):
    shanghai = complaint(
        company=company,
        province="上海",
        complainant_phone="010-66660000",
        received_at=datetime.datetime(2013, 3, 20, 9, 0, tzinfo=SHANGHAI),
    )
    client.force_login(bureau_a)

    response = client.post(URL, letter(), follow=True)

    registered = Complaint.objects.exclude(pk=shanghai.pk).get()
    assert registered.possible_duplicate_of == shanghai
    page = response.content.decode()
    assert registered.reference in page
    assert shanghai.reference not in page


def test_a_possible_duplicate_the_bureau_sees_is_named(client, bureau_a, company, english):
    earlier = complaint(
        company=company,
        province="北京",
        complainant_phone="010-66660000",
        received_at=datetime.datetime(2013, 3, 20, 9, 0, tzinfo=SHANGHAI),
    )
    client.force_login(bureau_a)

    response = client.post(URL, letter(), follow=True)

    assert (
        f"The same phone complained about the same company within 30 days: {earlier.reference}."
        in response.content.decode()
    )
