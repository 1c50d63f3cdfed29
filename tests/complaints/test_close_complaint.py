"""POST /complaints/<reference>/close/ and /reopen/: the bureau closes with the outcome and
whether the complainant is satisfied; a closed complaint may be reopened with a reason."""

import pytest

from complaints.services import workflow
from tests.factories import complaint as register_complaint


@pytest.fixture
def in_mediation(bureau_a, company_x):
    complaint = register_complaint(company=company_x.organisation, province="北京")
    complaint = workflow.accept_complaint(actor=bureau_a, complaint=complaint)
    complaint = workflow.forward_complaint(actor=bureau_a, complaint=complaint, complexity="simple")
    complaint = workflow.answer_complaint(actor=company_x, complaint=complaint, note="已答复。")
    return workflow.start_mediation(actor=bureau_a, complaint=complaint, note="投诉人不同意。")


@pytest.mark.parametrize(
    ("resolved", "satisfied", "outcome", "consumer_satisfied"),
    [
        ("yes", "yes", "resolved", True),
        ("no", "no", "unresolved", False),
        ("yes", "unknown", "resolved", None),
    ],
)
def test_closing_records_the_outcome(
    resolved, satisfied, outcome, consumer_satisfied, client, as_persona, in_mediation
):
    as_persona("bureau_a")
    response = client.post(
        f"/complaints/{in_mediation.reference}/close/",
        {"resolved": resolved, "consumer_satisfied": satisfied, "note": "调解结束。"},
    )
    assert response.status_code == 302
    in_mediation.refresh_from_db()
    assert in_mediation.status == "closed"
    assert (in_mediation.outcome, in_mediation.consumer_satisfied) == (
        outcome,
        consumer_satisfied,
    )
    assert in_mediation.due_on is None


def test_the_outcome_must_be_given(client, as_persona, in_mediation):
    as_persona("bureau_a")
    response = client.post(f"/complaints/{in_mediation.reference}/close/", {})
    assert response.status_code == 200
    form = dict((a, f) for a, _t, f in response.context["step_forms"])["close"]
    assert set(form.errors) == {"resolved", "consumer_satisfied"}


def test_a_closed_complaint_is_reopened_with_a_reason(client, as_persona, in_mediation):
    as_persona("bureau_a")
    client.post(
        f"/complaints/{in_mediation.reference}/close/",
        {"resolved": "yes", "consumer_satisfied": "yes"},
    )
    response = client.post(
        f"/complaints/{in_mediation.reference}/reopen/", {"note": "投诉人再次来访。"}
    )
    assert response.status_code == 302
    in_mediation.refresh_from_db()
    assert (in_mediation.status, in_mediation.outcome) == ("reopened", "")
    assert in_mediation.due_on is not None


def test_the_company_does_not_close(client, as_persona, in_mediation):
    as_persona("company_x")
    response = client.post(
        f"/complaints/{in_mediation.reference}/close/",
        {"resolved": "yes", "consumer_satisfied": "yes"},
    )
    assert response.status_code == 403
