from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaign.services import statistics as service

from ..factories import statistics_report, valid_values

URL = "/statistics/2013/beijing/history/"


@pytest.fixture
def report(campaign, bureau_a, head_office):
    report = statistics_report(campaign, "beijing")
    service.save_report(
        actor=bureau_a, report=report, values={"A01": Decimal(5)}, expected_version=0
    )
    service.save_report(
        actor=bureau_a, report=report, values=valid_values(report), expected_version=1
    )
    service.submit_report(actor=bureau_a, report=report)
    service.return_report(actor=head_office, report=report, comment="请核实 A01")
    return report


def test_it_shows_every_change_with_who_old_and_new(client, bureau_a, report):
    client.force_login(bureau_a)
    response = client.get(URL)
    a01 = [
        (old, new, e.history_user.username)
        for e, old, new in response.context["page"]
        if e.indicator.code == "A01"
    ]
    assert a01 == [("5", "10", "beijing"), ("", "5", "beijing")]


def test_it_shows_the_workflow_timeline(client, head_office, report):
    client.force_login(head_office)
    response = client.get(URL)
    steps = [(t.action, t.actor.username) for t in response.context["timeline"]]
    assert steps == [("submit", "beijing"), ("return", "hq")]
    assert "请核实 A01" in response.content.decode()


@pytest.mark.parametrize("persona", ["bureau_b", "company_x", "hotline"])
def test_other_units_cannot_see_the_history(client, as_persona, report, persona):
    as_persona(persona)
    assert client.get(URL).status_code == 404


def test_the_history_runs_a_constant_number_of_queries(client, bureau_a, head_office, report):
    client.force_login(bureau_a)
    client.get(URL)
    with CaptureQueriesContext(connection) as one_round:
        client.get(URL)
    for _ in range(4):
        report.refresh_from_db()
        service.save_report(
            actor=bureau_a,
            report=report,
            values={"A01": Decimal(7)},
            expected_version=report.version,
        )
        service.submit_report(actor=bureau_a, report=report)
        service.return_report(actor=head_office, report=report, comment="再核")
    with CaptureQueriesContext(connection) as five_rounds:
        response = client.get(URL)
    assert len(response.context["timeline"]) == 10
    assert len(five_rounds) == len(one_round)
