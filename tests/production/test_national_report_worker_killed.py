"""A worker killed (SIGKILL) in the middle of a national report build: the run is
re-delivered to a new worker and finished exactly once, with one set of files.

The test owns its workers (marker ``own_worker``: .ci/run stops its own worker first), so it
can kill one. The build is held mid-way without any hook in the code: the test's own
database connection locks the table of indicator values, so the worker, once it has marked
the run running, waits reading the figures. The workers' visibility timeout is short, so
Redis hands the unacknowledged message to the next worker within seconds.
"""

import time

import openpyxl
import psycopg2
import pytest
from django.db import connection
from docx import Document

from reports.models import NationalReportRun
from reports.services import runs

from .conftest import VISIBILITY_TIMEOUT, kill_group
from .national_report import campaign_with_a_submitted_report, head_office_user, wait_for

pytestmark = [
    pytest.mark.production,
    pytest.mark.own_worker,
    pytest.mark.django_db(transaction=True),
]

Status = NationalReportRun.Status


def someone_waits_for_the_values():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_locks "
            "WHERE NOT granted AND relation = 'campaign_indicatorvalue'::regclass"
        )
        return cursor.fetchone()[0] > 0


def test_a_killed_worker_leaves_the_run_finished_once_by_the_next(start_worker, media):
    campaign = campaign_with_a_submitted_report("insurer-killed")
    reviewer = head_office_user("hq-killed")
    # Taken after the report was written: the worker will wait on it reading the figures.
    locker = psycopg2_lock()
    try:
        first = start_worker("first")
        run, created = runs.request_run(actor=reviewer, campaign=campaign)
        assert created

        def running():
            run.refresh_from_db()
            return run.status == Status.RUNNING

        assert wait_for(running), f"the first worker did not start the run:\n{log(first)}"
        assert wait_for(someone_waits_for_the_values), "the build is not held on the lock"
        assert run.attempts == 1

        kill_group(first)
    finally:
        locker.close()  # released: the killed worker's query may run, but nobody reads it

    # Past the visibility timeout, the next worker takes the unacknowledged message back.
    time.sleep(VISIBILITY_TIMEOUT + 1)
    second = start_worker("second")

    def finished():
        run.refresh_from_db()
        return run.is_finished

    assert wait_for(finished), f"the run was not finished: {run.status}\n{log(second)}"
    assert run.status == Status.SUCCEEDED, run.error
    assert run.attempts == 2
    assert NationalReportRun.objects.filter(status=Status.SUCCEEDED).count() == 1
    assert not NationalReportRun.objects.filter(status__in=NationalReportRun.ACTIVE).exists()
    folder = media / f"national/{campaign.year}/run-{run.pk}"
    assert sorted(path.name for path in folder.iterdir()) == ["summary.docx", "workbook.xlsx"]
    assert openpyxl.load_workbook(folder / "workbook.xlsx", read_only=True).sheetnames
    assert Document(str(folder / "summary.docx")).paragraphs

    # Not run a third time: past another visibility timeout the message is acknowledged
    # and gone, and the second worker ran the task once.
    time.sleep(VISIBILITY_TIMEOUT + 2)
    run.refresh_from_db()
    assert run.attempts == 2
    assert log(second).count("reports.tasks.build_national_report[") == 2  # received, done
    assert "succeeded in" in log(second)


def log(process):
    return process.log_path.read_text()


def psycopg2_lock():
    params = connection.get_connection_params()
    locker = psycopg2.connect(
        **{k: v for k, v in params.items() if k in ("dbname", "user", "password", "host", "port")}
    )
    with locker.cursor() as cursor:
        cursor.execute("LOCK TABLE campaign_indicatorvalue IN ACCESS EXCLUSIVE MODE")
    return locker
