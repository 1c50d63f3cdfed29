"""POST /complaints/<reference>/claim-timeline/: the claim's dates (complete documents, the
liability decision, the agreement, the payment), recorded by the company complained about or
the handling bureau, each change a step of the complaint's history."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.core.exceptions import ValidationError

from complaints.models import ClaimTimeline
from complaints.services import workflow
from complaints.services.claims import record_claim_timeline
from tests.factories import complaint as register_complaint

from ..html import Element
from .handling import put_in_state

pytestmark = pytest.mark.postgresql

BEIJING = zoneinfo.ZoneInfo("Asia/Shanghai")
NOW = datetime.datetime(2026, 11, 20, 9, 0, tzinfo=BEIJING)
DATES = {
    "documents_complete_at": "2026-10-08T09:30",
    "decided_at": "2026-10-20T16:00",
    "agreed_at": "2026-10-22T10:15",
    "paid_at": "2026-10-27T11:00",
}


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def forwarded(bureau_a, company_x):
    complaint = register_complaint(company=company_x.organisation, province="北京")
    return put_in_state(complaint, "forwarded", bureau=bureau_a, company=company_x)


def url(complaint):
    return f"/complaints/{complaint.reference}/claim-timeline/"


def beijing(text):
    return datetime.datetime.fromisoformat(text).replace(tzinfo=BEIJING)


def test_the_company_records_the_claims_dates(client, as_persona, forwarded, company_x, english):
    as_persona("company_x")
    response = client.post(url(forwarded), DATES)
    assert response.status_code == 302
    timeline = ClaimTimeline.objects.get(complaint=forwarded)
    for field, text in DATES.items():
        assert getattr(timeline, field) == beijing(text), field
    assert (timeline.recorded_by, timeline.recorded_at) == (company_x, NOW)
    step = forwarded.transitions.last()
    assert (step.action, step.actor, step.from_status, step.to_status) == (
        "claim_timeline",
        company_x,
        "forwarded",
        "forwarded",
    )
    assert step.details == {
        "changes": {field: [None, beijing(text).isoformat()] for field, text in DATES.items()}
    }
    forwarded.refresh_from_db()
    assert forwarded.status == "forwarded"


def test_the_page_shows_the_dates_and_the_change_in_the_history(
    client, as_persona, forwarded, english
):
    as_persona("company_x")
    client.post(url(forwarded), {"documents_complete_at": "2026-10-08T09:30"})
    client.post(url(forwarded), {**DATES, "paid_at": ""})
    response = client.get(f"/complaints/{forwarded.reference}/")
    card = Element.by_id(response, "claim-timeline").text
    assert "Complete claim documents received 8 October 2026 09:30" in card
    assert "Liability decided 20 October 2026 16:00" in card
    assert "Claim paid Not recorded" in card
    history = Element.by_id(response, "history").text
    assert history.count("Claim timeline recorded") == 2
    assert "Liability decided: Not recorded → 20 October 2026 16:00" in history
    assert "Complete claim documents received: Not recorded → 8 October 2026 09:30" in history


def test_the_handling_bureau_records_them_too(client, as_persona, forwarded, bureau_a):
    as_persona("bureau_a")
    assert client.post(url(forwarded), DATES).status_code == 302
    assert ClaimTimeline.objects.get(complaint=forwarded).recorded_by == bureau_a


def test_the_bureau_records_them_before_forwarding(client, as_persona, bureau_a, company_x):
    registered = register_complaint(company=company_x.organisation, province="北京")
    as_persona("bureau_a")
    assert client.post(url(registered), DATES).status_code == 302
    assert ClaimTimeline.objects.filter(complaint=registered).exists()


@pytest.mark.parametrize(
    ("persona", "status"),
    [("company_y", 404), ("bureau_b", 404), ("head_office", 403), ("hotline", 404)],
)
def test_others_may_not_record_them(client, as_persona, forwarded, persona, status):
    as_persona(persona)
    assert client.post(url(forwarded), DATES).status_code == status
    assert not ClaimTimeline.objects.exists()
    assert not forwarded.transitions.filter(action="claim_timeline").exists()


def test_the_company_does_not_find_a_complaint_not_forwarded_to_it(client, as_persona, company_x):
    registered = register_complaint(company=company_x.organisation, province="北京")
    as_persona("company_x")
    assert client.post(url(registered), DATES).status_code == 404
    assert not ClaimTimeline.objects.exists()


def test_the_public_is_sent_to_log_in(client, forwarded):
    response = client.post(url(forwarded), DATES)
    assert response["Location"].startswith("/accounts/login/")
    assert not ClaimTimeline.objects.exists()


@pytest.mark.parametrize(
    ("changed", "field", "message"),
    [
        ({"paid_at": "2026-11-21T09:00"}, "paid_at", "Cannot be in the future."),
        (
            {"decided_at": "2026-10-07T09:00"},
            "decided_at",
            "Cannot be before “complete claim documents received” (8 October 2026 09:30).",
        ),
        (
            {"agreed_at": "2026-10-20T15:59"},
            "agreed_at",
            "Cannot be before “liability decided” (20 October 2026 16:00).",
        ),
        (
            {"paid_at": "2026-10-22T10:00"},
            "paid_at",
            "Cannot be before “payment agreed” (22 October 2026 10:15).",
        ),
        (
            # With no decision recorded, the agreement follows the complete documents.
            {"decided_at": "", "agreed_at": "2026-10-01T10:00"},
            "agreed_at",
            "Cannot be before “complete claim documents received” (8 October 2026 09:30).",
        ),
    ],
)
def test_times_out_of_order_or_in_the_future_are_refused_next_to_the_field(
    client, as_persona, forwarded, english, changed, field, message
):
    as_persona("company_x")
    response = client.post(url(forwarded), DATES | changed)
    assert response.status_code == 200
    form = response.context["claim"]["form"]
    assert form.errors == {field: [message]}
    assert message in Element.by_id(response, f"div_id_claim_{field}").text
    assert Element.by_id(response, "claim-timeline-form").get("open") is not None
    assert not ClaimTimeline.objects.exists()
    assert not forwarded.transitions.filter(action="claim_timeline").exists()


def test_a_refusal_leaves_the_recorded_dates_as_they_were(client, as_persona, forwarded):
    as_persona("company_x")
    client.post(url(forwarded), DATES)
    client.post(url(forwarded), DATES | {"paid_at": "2026-10-01T09:00"})
    timeline = ClaimTimeline.objects.get(complaint=forwarded)
    assert timeline.paid_at == beijing(DATES["paid_at"])
    assert forwarded.transitions.filter(action="claim_timeline").count() == 1


def test_the_same_dates_again_record_no_step(client, as_persona, forwarded):
    as_persona("company_x")
    client.post(url(forwarded), DATES)
    assert client.post(url(forwarded), DATES).status_code == 302
    assert forwarded.transitions.filter(action="claim_timeline").count() == 1


def test_a_time_emptied_is_recorded_as_a_change(client, as_persona, forwarded, bureau_a):
    as_persona("company_x")
    client.post(url(forwarded), DATES)
    as_persona("bureau_a")
    client.post(url(forwarded), DATES | {"paid_at": ""})
    timeline = ClaimTimeline.objects.get(complaint=forwarded)
    assert timeline.paid_at is None
    assert timeline.recorded_by == bureau_a
    step = forwarded.transitions.last()
    assert step.details == {"changes": {"paid_at": [beijing(DATES["paid_at"]).isoformat(), None]}}


def test_a_merged_complaint_takes_no_timeline(
    client, as_persona, forwarded, bureau_a, company_x, english
):
    kept = register_complaint(company=company_x.organisation, province="北京")
    workflow.merge_complaints(actor=bureau_a, duplicate=forwarded, into=kept)
    as_persona("bureau_a")
    response = client.post(url(forwarded), DATES, follow=True)
    assert "record the claim&#x27;s dates there" in response.content.decode()
    assert not ClaimTimeline.objects.exists()
    assert response.context["claim"]["form"] is None


def test_the_service_refuses_a_merged_complaint_too(forwarded, bureau_a, company_x, english):
    kept = register_complaint(company=company_x.organisation, province="北京")
    merged = workflow.merge_complaints(actor=bureau_a, duplicate=forwarded, into=kept)
    with pytest.raises(ValidationError, match="merged"):
        record_claim_timeline(
            actor=bureau_a,
            complaint=merged,
            documents_complete_at=beijing(DATES["documents_complete_at"]),
            decided_at=None,
            agreed_at=None,
            paid_at=None,
        )
    assert not ClaimTimeline.objects.exists()
