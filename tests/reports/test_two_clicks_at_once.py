"""Two head-office clicks at the same moment (PostgreSQL): both pass the "is one under way?"
check before either inserts; the partial unique index lets one insert win, and the other
request returns the winner's run."""

import threading

import pytest
from django.db import connection, connections

from reports.models import NationalReportRun
from reports.services import runs

pytestmark = pytest.mark.postgresql


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite runs one write transaction at a time"
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_requests_at_once_get_the_same_run(monkeypatch, campaign, head_office):
    both_checked = threading.Barrier(2, timeout=10)
    active_run = runs._active_run

    def check_then_wait_for_the_other(campaign, required=False):
        found = active_run(campaign, required=required)
        if not required:
            both_checked.wait()  # neither has inserted yet
        return found

    monkeypatch.setattr(runs, "_active_run", check_then_wait_for_the_other)
    results = []

    def click():
        try:
            results.append(runs.request_run(actor=head_office, campaign=campaign, enqueue=False))
        finally:
            connections.close_all()

    clicks = [threading.Thread(target=click) for _ in range(2)]
    for thread in clicks:
        thread.start()
    for thread in clicks:
        thread.join(20)

    assert len(results) == 2
    (first, first_created), (second, second_created) = results
    assert first == second
    assert sorted([first_created, second_created]) == [False, True]
    assert NationalReportRun.objects.count() == 1
