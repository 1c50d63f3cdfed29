"""Two people of one company taking steps on the same commitment at the same moment
(PostgreSQL): the row locks let one amendment, one publication through, and a publication
racing a withdrawal of the version it amends ends with one version in force."""

import pytest

from commitments.models import CommitmentTransition, ServiceCommitment
from commitments.services.commitments import (
    amend_commitment,
    publish_commitment,
    update_draft,
    withdraw_commitment,
)
from tests.concurrency import ON_POSTGRESQL_WITH_REAL_TRANSACTIONS, at_once, refused
from tests.factories import UserFactory

Status = ServiceCommitment.Status

pytestmark = ON_POSTGRESQL_WITH_REAL_TRANSACTIONS


@pytest.fixture
def colleague(company_x):
    return UserFactory(username="demo-life-2", organisation=company_x.organisation)


def test_two_colleagues_amending_at_once_get_one_draft(company_x, colleague, payment):
    outcomes = at_once(
        lambda: amend_commitment(actor=company_x, commitment=payment),
        lambda: amend_commitment(actor=colleague, commitment=payment),
    )

    assert not refused(outcomes)
    assert outcomes[0] == outcomes[1]
    assert ServiceCommitment.objects.filter(previous_version=payment).count() == 1


def test_two_colleagues_publishing_at_once_publish_once(company_x, colleague, payment):
    draft = amend_commitment(actor=company_x, commitment=payment)
    update_draft(actor=company_x, commitment=draft, limit_value=3)

    outcomes = at_once(
        lambda: publish_commitment(actor=company_x, commitment=draft),
        lambda: publish_commitment(actor=colleague, commitment=draft),
    )

    assert len(refused(outcomes)) == 1
    assert CommitmentTransition.objects.filter(action="publish", commitment=draft).count() == 1
    assert CommitmentTransition.objects.filter(action="supersede").count() == 1


def test_publishing_an_amendment_while_a_colleague_withdraws_leaves_one_in_force(
    company_x, colleague, payment
):
    draft = amend_commitment(actor=company_x, commitment=payment)
    update_draft(actor=company_x, commitment=draft, limit_value=3)

    outcomes = at_once(
        lambda: publish_commitment(actor=company_x, commitment=draft),
        lambda: withdraw_commitment(actor=colleague, commitment=payment, reason="停售。"),
    )

    payment.refresh_from_db()
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED
    # Withdrawn first, it stays withdrawn; superseded first, the withdrawal is refused.
    assert payment.status in (Status.WITHDRAWN, Status.SUPERSEDED)
    assert len(refused(outcomes)) == (payment.status == Status.SUPERSEDED)
    in_force = ServiceCommitment.objects.filter(company=payment.company, status=Status.PUBLISHED)
    assert list(in_force) == [draft]
