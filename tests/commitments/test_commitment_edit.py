"""GET and POST /commitments/<pk>/edit/: a company changes its own draft; a published
version is amended instead; another company's draft is not found, its published
commitments are not the user's to change."""

import pytest

from commitments.services.commitments import amend_commitment
from tests.html import Element

from .test_commitment_new import field_error


def url(commitment):
    return f"/commitments/{commitment.pk}/edit/"


def test_the_company_amends_5_to_3_days(client, company_x, payment):
    draft = amend_commitment(actor=company_x, commitment=payment)
    client.force_login(company_x)
    form = Element.parse(client.get(url(draft)).content.decode())
    assert form.find("id_limit_value")["value"] == "5"
    response = client.post(
        url(draft),
        {"text": "达成赔偿协议后3日内支付赔款。", "limit_value": "3", "limit_unit": "days"},
    )
    assert response["Location"] == f"/commitments/{draft.pk}/"
    draft.refresh_from_db()
    assert (draft.limit_value, draft.text, draft.kind_id) == (
        3,
        "达成赔偿协议后3日内支付赔款。",
        payment.kind_id,
    )


def test_the_kind_of_a_draft_is_not_changed(client, company_x, payment, kinds):
    draft = amend_commitment(actor=company_x, commitment=payment)
    client.force_login(company_x)
    client.post(
        url(draft),
        {
            "kind": kinds["advance_payment"].pk,
            "text": "3日内支付。",
            "limit_value": "3",
            "limit_unit": "days",
        },
    )
    draft.refresh_from_db()
    assert (draft.kind, draft.limit_value) == (kinds["claim_payment"], 3)


def test_a_weaker_amendment_is_refused_next_to_the_limit(client, company_x, payment, english):
    draft = amend_commitment(actor=company_x, commitment=payment)
    client.force_login(company_x)
    response = client.post(
        url(draft), {"text": "15日。", "limit_value": "15", "limit_unit": "days"}
    )
    assert "第二十三条" in field_error(response, "limit_value")
    draft.refresh_from_db()
    assert draft.limit_value == 5


def test_a_published_commitment_is_amended_instead(client, company_x, payment):
    client.force_login(company_x)
    response = client.get(url(payment))
    assert response["Location"] == f"/commitments/{payment.pk}/"


def test_another_companys_draft_is_not_found(client, company_y, draft_of, company_x):
    draft = draft_of(company_x)
    client.force_login(company_y)
    assert client.get(url(draft)).status_code == 404
    assert client.post(url(draft), {"text": "改。"}).status_code == 404


@pytest.mark.parametrize("persona", ["company_y", "bureau_a", "head_office"])
def test_others_do_not_change_a_published_commitment(client, as_persona, persona, payment):
    as_persona(persona)
    assert client.get(url(payment)).status_code == 403


def test_head_office_sees_a_draft_but_does_not_change_it(client, head_office, company_x, draft_of):
    client.force_login(head_office)
    assert client.get(url(draft_of(company_x))).status_code == 403
