"""GET /complaints/<reference>/: the complaint, its clock, masked complainant, history (with
the steps of complaints merged into it), attachments, links, and the steps the user may take."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaign.models import User
from complaints.models import Category
from complaints.services import workflow
from tests.factories import UserFactory, organisation
from tests.factories import complaint as register_complaint

from ..html import Element
from .handling import put_in_state

BEFORE_QINGMING = datetime.datetime(2013, 4, 3, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture
def complaint(company_x):
    return register_complaint(
        company=company_x.organisation,
        province="北京",
        complainant_id_number="110101199001011234",
        complainant_address="北京市东城区东四十条100号",
        amount_in_dispute="12000.00",
        request="赔付医疗费。",
        company_branch="北京分公司",
    )


def test_it_shows_the_complaint_to_its_bureau(client, as_persona, complaint, company_x, english):
    as_persona("bureau_a")
    response = client.get(f"/complaints/{complaint.reference}/")
    page = response.content.decode()
    assert response.status_code == 200
    for shown in (
        complaint.reference,
        "Registered",
        "Phone (12378)",
        company_x.organisation.name,
        "北京分公司",
        "车险理赔拖延两个月",
        "12000.00 yuan",
        "赔付医疗费。",
        "Acceptance limit: 7 working days from the day the material is complete",
    ):
        assert shown in page, shown
    assert [action for action, _t, _f in response.context["step_forms"]] == [
        "request_material",
        "accept",
        "refuse",
        "reroute",
        "merge",
    ]


def test_the_complainant_is_masked(client, as_persona, complaint):
    as_persona("bureau_a")
    page = client.get(f"/complaints/{complaint.reference}/").content.decode()
    assert "138****1234" in page
    assert "张*" in page
    for secret in ("13812341234", "张三", "110101199001011234", "东四十条"):
        assert secret not in page


def test_the_days_left_and_the_due_date_are_shown(client, as_persona, company_x, english):
    with time_machine.travel(BEFORE_QINGMING, tick=False):
        complaint = register_complaint(company=company_x.organisation, province="北京")
        as_persona("bureau_a")
        response = client.get(f"/complaints/{complaint.reference}/")
    assert response.context["clock"].due_on == datetime.date(2013, 4, 15)
    assert "12 days left" in response.content.decode()


def test_a_paused_clock_shows_why(client, as_persona, complaint, bureau_a, english):
    workflow.request_material(actor=bureau_a, complaint=complaint, note="请补充保单复印件。")
    as_persona("bureau_a")
    page = client.get(f"/complaints/{complaint.reference}/").content.decode()
    assert "paused: 请补充保单复印件。" in page
    assert "Due on" not in page


def test_an_overdue_complaint_says_so(client, as_persona, company_x, english):
    with time_machine.travel(BEFORE_QINGMING, tick=False):
        complaint = register_complaint(company=company_x.organisation, province="北京")
    as_persona("bureau_a")
    with time_machine.travel(datetime.datetime(2013, 4, 18, 10, tzinfo=datetime.UTC)):
        page = client.get(f"/complaints/{complaint.reference}/").content.decode()
    assert "3 days overdue" in page


def test_the_company_sees_it_once_forwarded_and_may_answer(
    client, as_persona, complaint, bureau_a, company_x
):
    as_persona("company_x")
    assert client.get(f"/complaints/{complaint.reference}/").status_code == 404
    put_in_state(complaint, "forwarded", bureau=bureau_a, company=company_x)
    response = client.get(f"/complaints/{complaint.reference}/")
    assert [action for action, _t, _f in response.context["step_forms"]] == [
        "company_accept",
        "extend",
        "answer",
    ]


def test_head_office_sees_it_and_takes_no_step(client, as_persona, complaint):
    as_persona("head_office")
    response = client.get(f"/complaints/{complaint.reference}/")
    assert response.status_code == 200
    assert response.context["step_forms"] == []


@pytest.mark.parametrize("persona", ["bureau_b", "company_y", "association", "company_x"])
def test_others_do_not_find_it(persona, client, as_persona, complaint):
    as_persona(persona)
    assert client.get(f"/complaints/{complaint.reference}/").status_code == 404


def test_anonymous_is_sent_to_log_in(client, complaint):
    response = client.get(f"/complaints/{complaint.reference}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_it_rejects_post(client, as_persona, complaint):
    as_persona("bureau_a")
    assert client.post(f"/complaints/{complaint.reference}/").status_code == 405


def test_the_history_shows_who_when_and_the_public_marker(
    client, as_persona, complaint, bureau_a, english
):
    workflow.refuse_complaint(actor=bureau_a, complaint=complaint, note="不属于保险纠纷。")
    as_persona("bureau_a")
    page = client.get(f"/complaints/{complaint.reference}/").content.decode()
    assert "Do not accept" in page
    assert "不属于保险纠纷。" in page
    assert bureau_a.display_name in page
    assert "public" in page


def test_the_possible_duplicate_is_linked(client, as_persona, company_x, english):
    first = register_complaint(company=company_x.organisation, province="北京")
    second = register_complaint(company=company_x.organisation, province="北京")
    assert second.possible_duplicate_of == first
    as_persona("bureau_a")
    page = client.get(f"/complaints/{second.reference}/").content.decode()
    assert f'href="/complaints/{first.reference}/"' in page


def test_a_duplicate_the_user_may_not_see_is_not_linked(client, as_persona, company_x):
    shanghai = register_complaint(company=company_x.organisation, province="上海")
    beijing = register_complaint(company=company_x.organisation, province="北京")
    assert beijing.possible_duplicate_of == shanghai
    as_persona("bureau_a")
    page = client.get(f"/complaints/{beijing.reference}/").content.decode()
    assert shanghai.reference not in page


def test_the_incident_is_linked_for_those_who_follow_it(client, as_persona, company_x):
    complaint = register_complaint(
        company=company_x.organisation, province="北京", complainant_count=6
    )
    as_persona("bureau_a")
    page = client.get(f"/complaints/{complaint.reference}/").content.decode()
    assert f'href="/incidents/{complaint.reference}/"' in page


def test_the_page_prints_without_its_forms(client, as_persona, complaint):
    as_persona("bureau_a")
    page = client.get(f"/complaints/{complaint.reference}/").content.decode()
    assert 'class="card shadow-sm mb-3 portal-actions"' in page  # hidden by the print CSS
    assert "data-portal-print" in page


def test_the_page_takes_the_same_queries_however_long_its_history(
    client, as_persona, complaint, bureau_a, company_x
):
    as_persona("bureau_a")
    url = f"/complaints/{complaint.reference}/"

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    def merge_one():
        merged = register_complaint(company=company_x.organisation, province="北京")
        workflow.request_material(actor=bureau_a, complaint=merged, note="请补充。")
        workflow.merge_complaints(actor=bureau_a, duplicate=merged, into=complaint)

    # One query more per level of merges (a merge into a complaint merged later), not per
    # complaint merged.
    merge_one()
    short = queries()
    for _ in range(4):
        merge_one()
    assert queries() == short


def test_the_page_query_count_is_pinned(
    client, as_persona, complaint, bureau_a, django_assert_num_queries
):
    as_persona("bureau_a")
    # Session, user, organisation, complaint, the complaints merged into it (one query per
    # level of merges), history (of those the user sees), attachments, incident, time limits,
    # the bell's unread count, the re-route form's regions.
    with django_assert_num_queries(11):
        client.get(f"/complaints/{complaint.reference}/")


@pytest.mark.parametrize(
    ("state", "label"), [("accepted", "已受理"), ("closed", "已办结"), ("reopened", "已重新办理")]
)
def test_statuses_read_as_complaint_handling_in_chinese(
    client, as_persona, complaint, bureau_a, company_x, state, label
):
    """Not the statistics reports' 已接收 or the campaigns' 已结束, whose English is the same."""
    put_in_state(complaint, state, bureau=bureau_a, company=company_x)
    as_persona("bureau_a")
    page = client.get(f"/complaints/{complaint.reference}/").content.decode()
    assert label in page
    assert "已接收" not in page and "已结束" not in page


def test_the_bureau_is_offered_to_conclude_the_complaint_in_chinese(
    client, as_persona, complaint, bureau_a, company_x
):
    put_in_state(complaint, "answered", bureau=bureau_a, company=company_x)
    as_persona("bureau_a")
    page = client.get(f"/complaints/{complaint.reference}/").content.decode()
    assert '<summary class="fw-semibold">办结</summary>' in page


def test_a_bureau_account_given_the_hotline_role_does_not_find_its_bureaus_complaints(
    client, complaint
):
    # Only head office's hotline seats take calls; another organisation's account with the
    # role has no complaint work, as every rule of portal.access says.
    seat = UserFactory(
        username="beijing-seat", organisation=organisation("beijing"), role=User.Role.HOTLINE
    )
    client.force_login(seat)

    assert client.get(f"/complaints/{complaint.reference}/").status_code == 404
    assert complaint.reference not in client.get("/complaints/").content.decode()


def test_a_steps_note_the_complainant_will_read_says_so(client, as_persona, complaint, english):
    as_persona("bureau_a")

    response = client.get(f"/complaints/{complaint.reference}/")

    hint = "Shown to the complainant on the tracking page"
    refuse, reroute = (Element.by_id(response, f"step-{step}") for step in ("refuse", "reroute"))
    assert hint in refuse.text
    assert hint not in reroute.text


def _record_claim(complaint, actor, **times):
    from complaints.services.claims import MOMENTS, record_claim_timeline

    return record_claim_timeline(actor=actor, complaint=complaint, **dict.fromkeys(MOMENTS) | times)


def test_the_claim_timeline_card_shows_each_time_or_that_it_is_not_recorded(
    client, as_persona, complaint, bureau_a, english
):
    _record_claim(
        complaint,
        bureau_a,
        documents_complete_at=datetime.datetime(2026, 1, 5, 1, 30, tzinfo=datetime.UTC),
        decided_at=datetime.datetime(2026, 1, 19, 8, 0, tzinfo=datetime.UTC),
    )
    as_persona("head_office")
    response = client.get(f"/complaints/{complaint.reference}/")
    card = Element.by_id(response, "claim-timeline").text
    assert "Complete claim documents received 5 January 2026 09:30" in card
    assert "Liability decided 19 January 2026 16:00" in card
    assert "Payment agreed Not recorded" in card
    assert "Claim paid Not recorded" in card
    assert f"Last recorded by {bureau_a.display_name}" in card


def test_a_complaint_without_a_claim_timeline_shows_nothing_recorded(
    client, as_persona, complaint, english
):
    as_persona("bureau_a")
    card = Element.by_id(client.get(f"/complaints/{complaint.reference}/"), "claim-timeline")
    assert card.text.count("Not recorded") == 4
    assert "Last recorded" not in card.text


def test_a_complaint_about_something_else_than_a_claim_has_no_claim_timeline_card(
    client, as_persona, complaint
):
    complaint.category = Category.objects.get(code="telemarketing")
    complaint.save(update_fields=["category"])
    as_persona("bureau_a")

    response = client.get(f"/complaints/{complaint.reference}/")

    assert response.status_code == 200
    assert Element.by_id(response, "claim-timeline") is None


@pytest.mark.parametrize(
    ("persona", "records"),
    [
        ("bureau_a", True),
        ("bureau_a_admin", True),
        ("company_x", True),
        ("head_office", False),
        ("hotline", False),
    ],
)
def test_the_claim_timeline_form_is_for_the_company_and_the_handling_bureau(
    client, as_persona, persona, records, bureau_a, company_x, hotline
):
    complaint = register_complaint(actor=hotline, company=company_x.organisation, province="北京")
    put_in_state(complaint, "forwarded", bureau=bureau_a, company=company_x)
    as_persona(persona)
    response = client.get(f"/complaints/{complaint.reference}/")
    form = Element.by_id(response, "claim-timeline-form")
    assert (form is not None) == records
    if records:
        inputs = [field["name"] for field in form.find_all("input", type="datetime-local")]
        assert inputs == ["documents_complete_at", "decided_at", "agreed_at", "paid_at"]
        assert "portal-actions" in form["class"]  # hidden in print


def test_the_claim_timeline_form_shows_the_recorded_times_in_beijing_time(
    client, as_persona, complaint, bureau_a
):
    _record_claim(
        complaint,
        bureau_a,
        documents_complete_at=datetime.datetime(2026, 1, 5, 1, 30, tzinfo=datetime.UTC),
    )
    as_persona("bureau_a")
    form = Element.by_id(client.get(f"/complaints/{complaint.reference}/"), "claim-timeline-form")
    assert form.first("input", name="documents_complete_at")["value"] == "2026-01-05T09:30"
    assert form.first("input", name="decided_at").get("value") is None


def test_the_company_is_offered_to_accept_only_what_it_has_not_accepted(
    client, as_persona, complaint, bureau_a, company_x
):
    complaint = put_in_state(complaint, "forwarded", bureau=bureau_a, company=company_x)
    as_persona("bureau_a")
    bureau_steps = client.get(f"/complaints/{complaint.reference}/").context["step_forms"]
    assert "company_accept" not in [action for action, _t, _f in bureau_steps]
    workflow.accept_by_company(actor=company_x, complaint=complaint)
    as_persona("company_x")
    response = client.get(f"/complaints/{complaint.reference}/")
    assert [action for action, _t, _f in response.context["step_forms"]] == ["extend", "answer"]


@pytest.mark.parametrize("persona", ["bureau_a", "company_x"])
def test_the_claim_timeline_and_its_history_add_no_query(
    client, as_persona, complaint, bureau_a, company_x, persona
):
    complaint = put_in_state(complaint, "forwarded", bureau=bureau_a, company=company_x)
    as_persona(persona)
    url = f"/complaints/{complaint.reference}/"

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    without = queries()
    _record_claim(
        complaint,
        bureau_a,
        documents_complete_at=datetime.datetime(2026, 1, 5, 1, 30, tzinfo=datetime.UTC),
    )
    _record_claim(
        complaint,
        company_x,
        documents_complete_at=datetime.datetime(2026, 1, 5, 1, 30, tzinfo=datetime.UTC),
        decided_at=datetime.datetime(2026, 1, 9, 1, 30, tzinfo=datetime.UTC),
    )
    assert queries() == without
