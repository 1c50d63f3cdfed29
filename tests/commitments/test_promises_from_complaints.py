"""Promises kept end to end: complaints taken through their services, company X's published
commitments, the nightly measure, and the figures on the company's public page."""

import datetime

import pytest
import time_machine

from commitments.models import PromiseRecord
from commitments.services.promises import measure_promises
from complaints.services import workflow
from complaints.services.claims import record_claim_timeline
from tests.commitments.years import promise, two_campaigns
from tests.factories import complaint as register_complaint
from tests.html import Element

from .test_promises import BEIJING, at

pytestmark = pytest.mark.postgresql


def _complaint(bureau, company, *, forwarded, accepted=None, agreed=None, paid=None):
    with time_machine.travel(forwarded - datetime.timedelta(days=1), tick=False):
        complaint = register_complaint(company=company.organisation, province="北京")
        complaint = workflow.accept_complaint(actor=bureau, complaint=complaint)
    with time_machine.travel(forwarded, tick=False):
        complaint = workflow.forward_complaint(
            actor=bureau, complaint=complaint, complexity="other"
        )
    if accepted:
        with time_machine.travel(accepted, tick=False):
            complaint = workflow.accept_by_company(actor=company, complaint=complaint)
    if agreed:
        with time_machine.travel(at((12, 30)), tick=False):
            record_claim_timeline(
                actor=bureau,
                complaint=complaint,
                documents_complete_at=None,
                decided_at=None,
                agreed_at=agreed,
                paid_at=paid,
            )
    return complaint


def test_complaints_measure_the_companys_promises_and_the_public_reads_the_shares(
    client, english, bureau_a, company_x
):
    _last_year, this_year = two_campaigns()
    # Published in March 2013: accept within 1 working day, pay within 3 days.
    promise(company_x, this_year, "complaint_acceptance", (1, "working_days"))
    promise(company_x, this_year, "claim_payment", (3, "days"))
    # Forwarded on Wednesday 18 September: the next working day is Sunday 22 (中秋节 调休).
    _complaint(bureau_a, company_x, forwarded=at((9, 18), 16), accepted=at((9, 22), 17))
    _complaint(bureau_a, company_x, forwarded=at((9, 18), 16), accepted=at((9, 23), 9))
    # Agreed 3 June: paid 6 June kept; paid 9 June late for the promise, within the law.
    _complaint(bureau_a, company_x, forwarded=at((6, 1)), agreed=at((6, 3)), paid=at((6, 6), 18))
    _complaint(bureau_a, company_x, forwarded=at((6, 1)), agreed=at((6, 3)), paid=at((6, 9)))

    measure_promises(year=2013, now=datetime.datetime(2013, 12, 31, 23, tzinfo=BEIJING))

    records = {
        r.kind.code: (r.kept, r.broken, r.kept_by_law, r.broken_by_law)
        for r in PromiseRecord.objects.filter(company=company_x.organisation, year=2013)
    }
    # Acceptance: all four were forwarded and the two claims never accepted by the company
    # (answering would have counted): not kept once their day ran out.
    assert records == {"complaint_acceptance": (1, 3, 0, 0), "claim_payment": (1, 1, 2, 0)}
    page = Element.by_id(client.get("/commitments/companies/demo-life/"), "promises-kept")
    assert "25% (1 of 4)" in page.text and "50% (1 of 2)" in page.text
