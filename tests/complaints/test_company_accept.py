"""POST /complaints/<reference>/company_accept/: the company registers and accepts (受理) the
complaint forwarded to it; the complaint stays forwarded and its clock runs on."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from complaints.services import workflow
from tests.factories import complaint as register_complaint

from .handling import put_in_state

FORWARDED_AT = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
ACCEPTED_AT = datetime.datetime(2026, 3, 3, 10, 30, tzinfo=datetime.UTC)
ANSWERED_AT = datetime.datetime(2026, 3, 9, 15, 0, tzinfo=datetime.UTC)


@pytest.fixture
def forwarded(bureau_a, company_x):
    with time_machine.travel(FORWARDED_AT, tick=False):
        complaint = register_complaint(company=company_x.organisation, province="北京")
        return put_in_state(complaint, "forwarded", bureau=bureau_a, company=company_x)


def url(complaint):
    return f"/complaints/{complaint.reference}/company_accept/"


def test_the_company_accepts_the_complaint_forwarded_to_it(
    client, as_persona, forwarded, company_x, english
):
    due = forwarded.due_on
    as_persona("company_x")
    with time_machine.travel(ACCEPTED_AT, tick=False):
        response = client.post(url(forwarded), {"note": "已立案，编号TS2026-001。"})
    assert response.status_code == 302
    forwarded.refresh_from_db()
    assert forwarded.company_accepted_at == ACCEPTED_AT
    assert (forwarded.status, forwarded.due_on) == ("forwarded", due)
    step = forwarded.transitions.last()
    assert (step.action, step.actor, step.from_status, step.to_status) == (
        "company_accept",
        company_x,
        "forwarded",
        "forwarded",
    )
    assert step.note == "已立案，编号TS2026-001。"
    assert not step.is_public


def test_the_step_is_offered_until_the_company_has_accepted(client, as_persona, forwarded):
    as_persona("company_x")
    page = client.get(f"/complaints/{forwarded.reference}/")
    assert "company_accept" in [action for action, _t, _f in page.context["step_forms"]]
    client.post(url(forwarded))
    page = client.get(f"/complaints/{forwarded.reference}/")
    assert "company_accept" not in [action for action, _t, _f in page.context["step_forms"]]
    assert 'id="step-company_accept"' not in page.content.decode()


def test_accepting_again_keeps_the_first_time_and_records_no_second_step(forwarded, company_x):
    with time_machine.travel(ACCEPTED_AT, tick=False):
        workflow.accept_by_company(actor=company_x, complaint=forwarded)
    with time_machine.travel(ANSWERED_AT, tick=False):
        again = workflow.accept_by_company(actor=company_x, complaint=forwarded)
    assert again.company_accepted_at == ACCEPTED_AT
    assert forwarded.transitions.filter(action="company_accept").count() == 1


def test_answering_records_the_acceptance_the_company_had_not(forwarded, company_x):
    with time_machine.travel(ANSWERED_AT, tick=False):
        answered = workflow.answer_complaint(actor=company_x, complaint=forwarded, note="已赔付。")
    answered.refresh_from_db()
    assert answered.company_accepted_at == ANSWERED_AT
    assert not answered.transitions.filter(action="company_accept").exists()


def test_answering_keeps_an_earlier_acceptance(forwarded, company_x):
    with time_machine.travel(ACCEPTED_AT, tick=False):
        workflow.accept_by_company(actor=company_x, complaint=forwarded)
    with time_machine.travel(ANSWERED_AT, tick=False):
        workflow.answer_complaint(actor=company_x, complaint=forwarded, note="已赔付。")
    forwarded.refresh_from_db()
    assert forwarded.company_accepted_at == ACCEPTED_AT


def test_a_complaint_forwarded_again_after_reopening_is_accepted_anew(
    forwarded, bureau_a, company_x
):
    complaint = workflow.accept_by_company(actor=company_x, complaint=forwarded)
    complaint = workflow.answer_complaint(actor=company_x, complaint=complaint, note="已处理。")
    complaint = workflow.close_complaint(
        actor=bureau_a, complaint=complaint, resolved=False, consumer_satisfied=False
    )
    complaint = workflow.reopen_complaint(actor=bureau_a, complaint=complaint, note="再核实。")
    complaint = workflow.forward_complaint(actor=bureau_a, complaint=complaint, complexity="other")
    assert complaint.company_accepted_at is None
    complaint.refresh_from_db()
    assert complaint.company_accepted_at is None


def test_only_a_forwarded_complaint_is_accepted_by_the_company(forwarded, company_x, english):
    answered = workflow.answer_complaint(actor=company_x, complaint=forwarded, note="已处理。")
    with pytest.raises(ValidationError, match="no longer possible"):
        workflow.accept_by_company(actor=company_x, complaint=answered)


def test_the_company_does_not_find_a_complaint_not_forwarded_to_it(client, as_persona, company_x):
    registered = register_complaint(company=company_x.organisation, province="北京")
    as_persona("company_x")
    assert client.post(url(registered)).status_code == 404
    registered.refresh_from_db()
    assert registered.company_accepted_at is None


def test_the_bureau_does_not_accept_for_the_company(client, as_persona, forwarded):
    as_persona("bureau_a")
    assert client.post(url(forwarded)).status_code == 403
    forwarded.refresh_from_db()
    assert forwarded.company_accepted_at is None


def test_another_company_does_not_find_it(client, as_persona, forwarded):
    as_persona("company_y")
    assert client.post(url(forwarded)).status_code == 404
    forwarded.refresh_from_db()
    assert forwarded.company_accepted_at is None


def test_the_history_names_the_step_and_who_took_it(client, as_persona, forwarded, english):
    as_persona("company_x")
    client.post(url(forwarded))
    as_persona("bureau_a")
    history = client.get(f"/complaints/{forwarded.reference}/").context["history"]
    step, label, _merged, _changes = history[-1]
    assert (str(label), step.actor.username) == ("Accept", "demo-life")
