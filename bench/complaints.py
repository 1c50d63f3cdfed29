"""Complaints at scale (issue 9, speed): 1,000,000 complaints loaded, the bureau's list and the
national report with the complaints sheets.

1. Loads the complaints with ``bulk_load_complaints`` (COPY from a pool of encrypting
   processes on PostgreSQL) and prints how long it took: the issue asks under 2 minutes,
   encryption of the personal data included. They are received over 2013, the year of the
   demo's closed campaign, in which every unit reported: so the national report of that
   campaign counts every one of them.
2. GET /complaints/ as guangdong (the biggest bureau) through Django's test client, the
   whole view with its template: the default view (open ones, nearest deadline first), the
   overdue filter, a channel, a company, a month of dates and page 50: median time and query
   count (the issue asks under 150 ms and a constant count).
3. The national report job for that campaign in a process of its own, as a worker runs it
   (median time, queries, peak memory: under 3 s and 300 MB), each sheet of NATIONAL_SHEETS
   alone, and job / raw SQL, where raw SQL is the same complaints aggregates run as plain SQL
   (complaints.selectors.statistics.raw_queries).
4. The nightly measure of promises kept (commitments.services.promises) over the year's
   complaints: median time of three runs and the episodes it measured (the bulk load's
   complaints are forwarded and answered, so each is a complaint-acceptance episode).

Throwaway database: the empty PostgreSQL database named by BENCH_DATABASE_URL (the figures
the issue asks for), else SQLite with fewer complaints (BENCH_COMPLAINTS sets the number).

    createdb bench_complaints
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_complaints \\
        .venv/bin/python bench/complaints.py        (or `make bench` for every benchmark)
"""

import datetime
import logging
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

from _database import raw_sql_seconds, set_up

RUNS = 7
JOB_RUNS = 5
BUREAU = "guangdong"
YEAR = 2013


def _count():
    from django.db import connection

    default = 1_000_000 if connection.vendor == "postgresql" else 50_000
    return int(os.environ.get("BENCH_COMPLAINTS", default))


def _year_bounds():
    from django.utils import timezone

    start = timezone.make_aware(datetime.datetime(YEAR, 1, 1))
    return start, timezone.make_aware(datetime.datetime(YEAR + 1, 1, 1))


def timed(function):
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def load():
    """The complaints, received over 2013; returns the seconds the load took."""
    from complaints.bulk import bulk_load_complaints

    _start, end = _year_bounds()
    count = _count()
    started = time.perf_counter()
    bulk_load_complaints(count, now=end - datetime.timedelta(minutes=1), progress=lambda line: None)
    return count, time.perf_counter() - started


def list_views():
    """[(label, query string)] of the list as a bureau uses it."""
    from complaints.models import Complaint

    busiest = (
        Complaint.objects.filter(bureau__code=BUREAU)
        .values_list("company__code", flat=True)
        .order_by("company__code")
        .first()
    )
    return [
        ("default (open, nearest deadline first)", {}),
        ("overdue", {"deadline": "overdue"}),
        ("channel: letter", {"channel": "letter"}),
        (f"company: {busiest}", {"company": busiest}),
        ("received in March", {"received_from": f"{YEAR}-03-01", "received_to": f"{YEAR}-03-31"}),
        ("page 50", {"page": 50}),
    ]


def measure_list():
    """[(label, median ms, queries, status)] of GET /complaints/ as the bureau."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from campaign.models import User

    setup_test_environment()
    # A 404 (the view not there yet) is logged at each request: not among the figures.
    logging.getLogger("django.request").setLevel(logging.ERROR)
    client = Client()
    client.force_login(User.objects.get(username=BUREAU))
    results = []
    for label, query in list_views():

        def get(query=query):
            return client.get("/complaints/", query)

        status = get().status_code
        median = statistics.median(timed(get) for _ in range(RUNS))
        with CaptureQueriesContext(connection) as queries:
            get()
        results.append((label, median * 1000, len(queries), status))
    return results


def job():
    from campaign.models import Campaign
    from reports.models import NationalReportRun
    from reports.services.runs import build_run

    run = NationalReportRun.objects.create(campaign=Campaign.objects.get(year=YEAR))
    build_run(run_id=run.pk)
    run.refresh_from_db()
    assert run.status == NationalReportRun.Status.SUCCEEDED, run.error  # bench's own check
    return run


def measure_job():
    """In a process of its own, as a worker is: the whole job's time, queries and memory."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    job()  # the first run loads matplotlib and the fonts, as a worker's first job does
    times = [timed(job) for _ in range(JOB_RUNS)]
    with CaptureQueriesContext(connection) as queries:
        run = job()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{statistics.median(times)} {len(queries)} {peak_mb} {run.workbook.size}")


def measure_sheets():
    """[(sheet, ms)]: each sheet of NATIONAL_SHEETS written alone, in order, from one set of
    figures (a sheet that first asks for figures computed on demand includes their query)."""
    from django.conf import settings
    from django.utils import translation

    from campaign.models import Campaign
    from portal.spreadsheets import write_workbook
    from reports.documents.workbook import NATIONAL_SHEETS
    from reports.selectors.figures import national_figures

    figures = national_figures(Campaign.objects.get(year=YEAR))
    results = []
    with translation.override(settings.LANGUAGE_CODE):
        for sheet in NATIONAL_SHEETS:
            seconds = timed(lambda sheet=sheet: write_workbook([sheet(figures)]))
            results.append((sheet.__name__, seconds * 1000))
    return results


def measure_promises_kept():
    """(median seconds of the nightly measure for YEAR, episodes measured)."""
    from django.db.models import F, Sum

    from commitments.models import PromiseRecord
    from commitments.services.promises import measure_promises

    times = [timed(lambda: measure_promises(year=YEAR)) for _ in range(3)]
    episodes = PromiseRecord.objects.filter(year=YEAR).aggregate(
        n=Sum(F("kept") + F("broken") + F("pending") + F("without_promise"))
    )["n"]
    return statistics.median(times), episodes or 0


def measure(directory):
    from django.db import connection
    from run import machine_description

    count, load_s = load()
    print(f"complaints: {count:,} complaints received in {YEAR}, medians of {RUNS} runs")
    print(f"  machine: {machine_description()}")
    print(f"  bulk load (bulk_load_complaints, encryption included)  {load_s:6.1f} s")

    print(f"  GET /complaints/ as {BUREAU}, whole request:")
    results = measure_list()
    for label, ms, queries, status in results:
        print(f"    {label:<40} {ms:7.1f} ms   ({queries} queries, {status})")

    for name, ms in measure_sheets():
        print(f"  sheet {name:<34} {ms:7.1f} ms")
    child = subprocess.run(  # noqa: S603  # this file, with its folder
        [sys.executable, __file__, "--job", directory],
        check=True,
        capture_output=True,
        text=True,
    )
    job_s, query_count, peak_mb, size = child.stdout.split()[-4:]
    job_s = float(job_s)
    print(
        f"  national report job ({YEAR}), whole  {job_s * 1000:7.1f} ms   ({query_count} queries, "
        f"workbook {int(size) / 1024:.0f} KB, median of {JOB_RUNS})"
    )
    print(f"  peak memory of the job's process (max RSS)  {float(peak_mb):.0f} MB")
    seconds, episodes = measure_promises_kept()
    print(
        f"  promises kept, nightly measure of {YEAR}  {seconds:6.1f} s   "
        f"({episodes:,} episodes, {episodes / seconds:,.0f} a second)"
    )
    if connection.vendor != "postgresql":
        print("  raw SQL: measured on PostgreSQL only (BENCH_DATABASE_URL)")
        return 0
    raw = raw_sql_seconds(YEAR)
    print(f"  raw SQL, the same aggregates  {raw * 1000:7.1f} ms   job / raw SQL {job_s / raw:.2f}")
    return 0


def main():
    if sys.argv[1:2] == ["--job"]:
        set_up(sys.argv[2], fill=False)
        return measure_job()
    with tempfile.TemporaryDirectory(prefix="bench-complaints-") as directory:
        set_up(directory)
        return measure(directory)


if __name__ == "__main__":
    sys.exit(main())
