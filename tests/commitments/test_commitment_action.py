"""POST /commitments/<pk>/<action>/: every step of the page through the web, by the party
who takes it; refused from a status that does not allow it (a message, nothing changed), to
a party who sees the commitment but does not take the step (403) and, for a draft, to
another company (404)."""

import pytest

from commitments.models import CommitmentRemark, ServiceCommitment
from commitments.services.commitments import amend_commitment
from commitments.views.detail import STEPS
from tests.html import Element

from .test_commitment_new import field_error

Status = ServiceCommitment.Status


def url(commitment, action):
    return f"/commitments/{commitment.pk}/{action}/"


def test_a_company_publishes_its_draft(client, company_x, draft_of):
    draft = draft_of(company_x)
    client.force_login(company_x)
    response = client.post(url(draft, "publish"))
    assert response["Location"] == f"/commitments/{draft.pk}/"
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED and draft.published_at is not None


def test_amending_opens_the_new_drafts_form(client, company_x, payment):
    client.force_login(company_x)
    response = client.post(url(payment, "amend"))
    draft = ServiceCommitment.objects.get(previous_version=payment)
    assert response["Location"] == f"/commitments/{draft.pk}/edit/"
    assert (draft.version, draft.status) == (2, Status.DRAFT)


def test_withdrawing_without_a_reason_is_refused_next_to_the_reason(
    client, company_x, payment, english
):
    client.force_login(company_x)
    response = client.post(url(payment, "withdraw"), {"reason": " "})
    assert response.status_code == 200
    assert "Say why" in field_error(response, "withdraw_reason")
    assert Element.by_id(response, "step-withdraw").get("open") is not None
    payment.refresh_from_db()
    assert payment.status == Status.PUBLISHED


def test_a_company_withdraws_with_a_reason(client, company_x, payment):
    client.force_login(company_x)
    client.post(url(payment, "withdraw"), {"reason": "产品停售。"})
    payment.refresh_from_db()
    assert (payment.status, payment.withdrawal_reason) == (Status.WITHDRAWN, "产品停售。")


def test_a_bureau_comments(client, bureau_a, payment):
    client.force_login(bureau_a)
    response = client.post(url(payment, "comment"), {"text": "请写明节假日是否顺延。"})
    assert response["Location"] == f"/commitments/{payment.pk}/"
    remark = payment.remarks.get()
    assert (remark.kind, remark.organisation, remark.text) == (
        CommitmentRemark.Kind.COMMENT,
        bureau_a.organisation,
        "请写明节假日是否顺延。",
    )


def test_head_office_flags_for_correction(client, head_office, payment):
    client.force_login(head_office)
    client.post(url(payment, "flag"), {"text": "请更正为工作日。"})
    assert payment.remarks.get().kind == CommitmentRemark.Kind.CORRECTION


def test_an_empty_remark_is_refused_next_to_the_text(client, head_office, payment, english):
    client.force_login(head_office)
    response = client.post(url(payment, "flag"), {"text": ""})
    assert field_error(response, "flag_text")
    assert not payment.remarks.exists()


def test_a_step_its_status_does_not_allow_is_refused_with_a_message(
    client, company_x, payment, english
):
    client.force_login(company_x)
    response = client.post(url(payment, "publish"), follow=True)
    assert "This step is not open" in Element.parse(response.content.decode()).text
    payment.refresh_from_db()
    assert payment.status == Status.PUBLISHED


def test_a_superseded_version_takes_no_remark(client, company_x, head_office, payment, english):
    draft = amend_commitment(actor=company_x, commitment=payment)
    client.force_login(company_x)
    client.post(url(draft, "publish"))
    client.force_login(head_office)
    response = client.post(url(payment, "flag"), {"text": "请更正。"}, follow=True)
    assert "Only a published commitment takes remarks." in response.content.decode()
    assert not payment.remarks.exists()


@pytest.mark.parametrize(
    ("persona", "action"),
    [
        ("company_y", "amend"),
        ("company_y", "withdraw"),
        ("bureau_a", "withdraw"),
        ("bureau_a", "flag"),
        ("bureau_b", "amend"),
        ("head_office", "comment"),
        ("head_office", "withdraw"),
        ("company_x", "comment"),
        ("company_x", "flag"),
        ("association", "comment"),
    ],
)
def test_a_party_who_sees_it_but_does_not_take_the_step_is_refused(
    client, as_persona, persona, action, payment
):
    as_persona(persona)
    assert client.post(url(payment, action), {"text": "x", "reason": "x"}).status_code == 403
    payment.refresh_from_db()
    assert payment.status == Status.PUBLISHED and not payment.remarks.exists()


def test_a_bureau_does_not_comment_outside_its_region(client, bureau_a, in_shanghai):
    client.force_login(bureau_a)
    assert client.post(url(in_shanghai, "comment"), {"text": "x"}).status_code == 403


def test_another_companys_draft_is_not_found(client, company_y, company_x, draft_of):
    draft = draft_of(company_x)
    client.force_login(company_y)
    assert client.post(url(draft, "publish")).status_code == 404
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_an_unknown_step_is_not_found(client, company_x, payment):
    client.force_login(company_x)
    assert client.post(url(payment, "delete")).status_code == 404


def test_steps_are_posted(client, company_x, payment):
    client.force_login(company_x)
    assert client.get(url(payment, "amend")).status_code == 405


def test_every_step_has_a_form_and_a_service():
    assert set(STEPS) == {"publish", "amend", "withdraw", "comment", "flag"}
