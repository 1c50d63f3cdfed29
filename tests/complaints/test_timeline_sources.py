"""complaints.timelines: the episodes the service commitments measure promises kept by — a
complaint forwarded and accepted by its company, a claim's documents complete and decided,
its payment agreed and paid — for the complaints received in a year, merged ones left out."""

import datetime
import zoneinfo

import pytest
import time_machine

from campaign.models import ProductLine
from complaints.services import workflow
from complaints.services.claims import record_claim_timeline
from complaints.timelines import claim_payments, complaint_acceptances, liability_decisions
from portal import timelines
from portal.timelines import Episode
from tests.factories import complaint as register_complaint

pytestmark = pytest.mark.postgresql

BEIJING = zoneinfo.ZoneInfo("Asia/Shanghai")


def at(month, day, hour=10):
    return datetime.datetime(2013, month, day, hour, 0, tzinfo=BEIJING)


class Year2013:
    """Complaints about company X received in 2013 (and one on 1 January 2014, Beijing
    time), taken through the services on the days named."""

    def __init__(self, bureau, company):
        self.bureau, self.company = bureau, company

    def complaint(self, received, *, forwarded=None, accepted=None, timeline=None, **fields):
        with time_machine.travel(received, tick=False):
            complaint = register_complaint(
                company=self.company.organisation, province="北京", received_at=received, **fields
            )
            complaint = workflow.accept_complaint(actor=self.bureau, complaint=complaint)
        if forwarded:
            with time_machine.travel(forwarded, tick=False):
                complaint = workflow.forward_complaint(
                    actor=self.bureau, complaint=complaint, complexity="other"
                )
        if accepted:
            with time_machine.travel(accepted, tick=False):
                complaint = workflow.accept_by_company(actor=self.company, complaint=complaint)
        if timeline:
            times = dict.fromkeys(("documents_complete_at", "decided_at", "agreed_at", "paid_at"))
            with time_machine.travel(at(12, 31), tick=False):
                record_claim_timeline(actor=self.bureau, complaint=complaint, **times | timeline)
        return complaint

    def episode(self, complaint, started, done):
        return Episode(
            complaint.company_id, complaint.product_line_id, complaint.region_id, started, done
        )


@pytest.fixture
def year(bureau_a, company_x):
    return Year2013(bureau_a, company_x)


@pytest.fixture
def complaints(year, bureau_a):
    kept = year.complaint(
        at(3, 1),
        forwarded=at(3, 4),
        accepted=at(3, 5),
        timeline={
            "documents_complete_at": at(2, 1),
            "decided_at": at(2, 20),
            "agreed_at": at(2, 22),
            "paid_at": at(3, 6),
        },
    )
    waiting = year.complaint(
        at(5, 2), forwarded=at(5, 6), timeline={"documents_complete_at": at(4, 10)}
    )
    with_bureau = year.complaint(
        at(7, 1), timeline={"documents_complete_at": at(6, 1), "decided_at": at(7, 15)}
    )
    duplicate = year.complaint(
        at(3, 3),
        forwarded=at(3, 4),
        accepted=at(3, 4, 15),
        timeline={"documents_complete_at": at(2, 1), "agreed_at": at(2, 22)},
    )
    workflow.merge_complaints(actor=bureau_a, duplicate=duplicate, into=kept)
    # Received at 00:30 on 1 January 2014 in Beijing: still 2013 in UTC, but 2014's.
    next_year = year.complaint(
        datetime.datetime(2014, 1, 1, 0, 30, tzinfo=BEIJING),
        forwarded=datetime.datetime(2014, 1, 2, 9, tzinfo=BEIJING),
        timeline={"documents_complete_at": at(12, 20), "agreed_at": at(12, 28)},
    )
    return {
        "kept": kept,
        "waiting": waiting,
        "with_bureau": with_bureau,
        "next_year": next_year,
    }


def test_acceptance_runs_from_forwarding_to_the_companys_acceptance(year, complaints):
    kept, waiting = complaints["kept"], complaints["waiting"]
    assert sorted(complaint_acceptances(2013)) == sorted(
        [
            year.episode(kept, at(3, 4), at(3, 5)),
            year.episode(waiting, at(5, 6), None),
        ]
    )


def test_the_decision_runs_from_the_complete_documents(year, complaints):
    kept, waiting, with_bureau = (complaints[k] for k in ("kept", "waiting", "with_bureau"))
    assert sorted(liability_decisions(2013), key=lambda e: e.started_at) == [
        year.episode(kept, at(2, 1), at(2, 20)),
        year.episode(waiting, at(4, 10), None),
        year.episode(with_bureau, at(6, 1), at(7, 15)),
    ]


def test_the_payment_runs_from_the_agreement(year, complaints):
    assert list(claim_payments(2013)) == [year.episode(complaints["kept"], at(2, 22), at(3, 6))]


def test_a_year_is_the_complaints_received_in_it_in_beijing_time(year, complaints):
    next_year = complaints["next_year"]
    assert list(complaint_acceptances(2014)) == [
        year.episode(next_year, datetime.datetime(2014, 1, 2, 9, tzinfo=BEIJING), None)
    ]
    assert list(claim_payments(2014)) == [year.episode(next_year, at(12, 28), None)]
    assert list(liability_decisions(2012)) == []


def test_the_product_line_and_region_are_the_complaints(year, bureau_a, company_x):
    health = ProductLine.objects.get(code="health")
    complaint = year.complaint(at(8, 1), forwarded=at(8, 2), product_line=health)
    [episode] = complaint_acceptances(2013)
    assert episode.product_line_id == health.pk
    assert episode.region_id == complaint.region_id
    assert episode.company_id == company_x.organisation_id


def test_each_source_is_one_query_whatever_the_number_of_complaints(
    complaints, django_assert_num_queries
):
    for source in (complaint_acceptances, liability_decisions, claim_payments):
        with django_assert_num_queries(1):
            list(source(2013))


def test_the_sources_are_registered_for_the_commitment_kinds():
    assert timelines.source_for("complaint_acceptance") is complaint_acceptances
    assert timelines.source_for("liability_decision") is liability_decisions
    assert timelines.source_for("claim_payment") is claim_payments
