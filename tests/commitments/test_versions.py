"""Publishing, amending and withdrawing: a published commitment is never changed in place;
amending drafts a new version, whose publication supersedes the old one, both readable."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from commitments.models import CommitmentTransition, ServiceCommitment
from commitments.services.commitments import (
    amend_commitment,
    draft_commitment,
    publish_commitment,
    update_draft,
    withdraw_commitment,
)

pytestmark = pytest.mark.postgresql

Status = ServiceCommitment.Status


@pytest.fixture
def published(company_x, year, kinds):
    draft = draft_commitment(
        actor=company_x,
        company=company_x.organisation,
        campaign=year,
        kind=kinds["claim_payment"],
        text="达成赔偿协议后5日内支付赔款。",
        limit_value=5,
        limit_unit="days",
    )
    return publish_commitment(actor=company_x, commitment=draft)


def test_amending_5_to_3_days_keeps_both_versions(company_x, published):
    draft = amend_commitment(actor=company_x, commitment=published)
    assert (draft.version, draft.status, draft.previous_version) == (2, Status.DRAFT, published)
    update_draft(actor=company_x, commitment=draft, text="达成协议后3日内支付。", limit_value=3)
    published.refresh_from_db()
    assert (published.status, published.limit_value) == (Status.PUBLISHED, 5)

    newer = publish_commitment(actor=company_x, commitment=draft)

    published.refresh_from_db()
    assert (newer.status, newer.limit_value, newer.version) == (Status.PUBLISHED, 3, 2)
    assert (published.status, published.limit_value) == (Status.SUPERSEDED, 5)
    assert published.ended_at == newer.published_at
    assert list(
        CommitmentTransition.objects.order_by("pk").values_list("commitment", "action")
    ) == [(published.pk, "publish"), (newer.pk, "publish"), (published.pk, "supersede")]


def test_a_published_commitment_is_not_edited_in_place(company_x, published):
    with pytest.raises(ValidationError, match="请修订"):
        update_draft(actor=company_x, commitment=published, limit_value=3)
    published.refresh_from_db()
    assert published.limit_value == 5


def test_amending_twice_gives_the_same_draft(company_x, published):
    first = amend_commitment(actor=company_x, commitment=published)
    assert amend_commitment(actor=company_x, commitment=published) == first


def test_an_amendment_weaker_than_the_law_is_refused(company_x, published):
    draft = amend_commitment(actor=company_x, commitment=published)
    with pytest.raises(ValidationError) as raised:
        update_draft(actor=company_x, commitment=draft, limit_value=15)
    assert "limit_value" in raised.value.message_dict
    draft.refresh_from_db()
    assert draft.limit_value == 5


def test_withdrawing_needs_a_reason(company_x, published):
    with pytest.raises(ValidationError) as raised:
        withdraw_commitment(actor=company_x, commitment=published, reason="  ")
    assert "reason" in raised.value.message_dict
    published.refresh_from_db()
    assert published.status == Status.PUBLISHED

    withdrawn = withdraw_commitment(actor=company_x, commitment=published, reason="产品停售。")
    assert (withdrawn.status, withdrawn.withdrawal_reason) == (Status.WITHDRAWN, "产品停售。")
    with pytest.raises(ValidationError):
        amend_commitment(actor=company_x, commitment=withdrawn)


def test_an_amendment_of_a_version_withdrawn_meanwhile_is_still_published(company_x, published):
    """A colleague withdrew the old version while the amendment was being drafted: the draft
    used to be refused for ever (the old version could not be superseded) and stayed on the
    company's list. It is published; the withdrawal and its reason stand."""
    draft = amend_commitment(actor=company_x, commitment=published)
    update_draft(actor=company_x, commitment=draft, limit_value=3)
    withdrawn = withdraw_commitment(actor=company_x, commitment=published, reason="产品停售。")

    newer = publish_commitment(actor=company_x, commitment=draft)

    published.refresh_from_db()
    assert (newer.status, newer.limit_value) == (Status.PUBLISHED, 3)
    assert (published.status, published.withdrawal_reason) == (Status.WITHDRAWN, "产品停售。")
    assert published.ended_at == withdrawn.ended_at


def test_publishing_twice_is_refused(company_x, published):
    with pytest.raises(ValidationError):
        publish_commitment(actor=company_x, commitment=published)


@pytest.mark.parametrize("persona", ["company_y", "bureau_a", "head_office"])
def test_only_the_company_drafts_and_publishes_its_own(request, published, persona):
    someone = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        amend_commitment(actor=someone, commitment=published)
    with pytest.raises(PermissionDenied):
        withdraw_commitment(actor=someone, commitment=published, reason="x")
