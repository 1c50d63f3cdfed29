"""Two people of one company taking steps on the same commitment at the same moment
(PostgreSQL): the row locks let one amendment, one publication through, and a publication
racing a withdrawal of the version it amends ends with one version in force."""

import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections

from commitments.models import CommitmentTransition, ServiceCommitment
from commitments.services.commitments import (
    amend_commitment,
    publish_commitment,
    update_draft,
    withdraw_commitment,
)
from tests.factories import UserFactory

Status = ServiceCommitment.Status

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="SQLite runs one write transaction at a time"
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def at_once(*steps):
    """Run each step in its own thread and connection, released together; their outcomes."""
    start = threading.Barrier(len(steps), timeout=10)
    outcomes = [None] * len(steps)

    def run(index, step):
        try:
            start.wait()
            outcomes[index] = step()
        except (ValidationError, PermissionDenied) as refusal:
            outcomes[index] = refusal
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(steps)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def refused(outcomes):
    return [o for o in outcomes if isinstance(o, ValidationError | PermissionDenied)]


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
