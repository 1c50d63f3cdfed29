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
   alone, and job / raw SQL, where raw SQL is the complaints aggregates run as plain SQL:
   those of complaints.selectors.statistics.raw_queries when that module is there, and
   always five separate GROUP BYs (region × channel, category, company × product line,
   month × channel, overdue and incidents) for comparison.

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

from _database import set_up

RUNS = 7
JOB_RUNS = 5
BUREAU = "guangdong"
YEAR = 2013
# The five aggregates of the complaints sheets, each as a query of its own.
FIVE_GROUP_BYS = {
    "region × channel": "SELECT region_id, channel, count(*) FROM complaints_complaint {where} "
    "GROUP BY 1, 2",
    "category": "SELECT category_id, count(*) FROM complaints_complaint {where} GROUP BY 1",
    "company × product line": "SELECT company_id, product_line_id, count(*) "
    "FROM complaints_complaint {where} GROUP BY 1, 2",
    "month × channel": "SELECT extract(month FROM received_at AT TIME ZONE 'Asia/Shanghai'), "
    "channel, count(*) FROM complaints_complaint {where} GROUP BY 1, 2",
    "overdue and incidents": "SELECT bureau_id, "
    "count(*) FILTER (WHERE due_on < %(today)s AND status NOT IN ('closed', 'not_accepted')), "
    "count(i.id) FROM complaints_complaint c LEFT JOIN complaints_incident i "
    "ON i.complaint_id = c.id {where} GROUP BY 1",
}


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


def measure_stand_in():
    """Only while the list view is not there (404): complaints_visible_to with the list's
    filters, order and a page of 51 rows, without the view or its template."""
    from django.db import connection
    from django.db.models import F
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from campaign.models import Organisation, User
    from complaints.models import Complaint
    from complaints.selectors.complaints import complaints_visible_to

    user = User.objects.get(username=BUREAU)
    today = timezone.localdate()
    open_states = [s for s in Complaint.Status.values if s not in Complaint.FINISHED]
    start, _end = _year_bounds()
    results = []
    for label, query in list_views():
        rows = complaints_visible_to(user)
        if query.get("deadline") != "overdue":
            rows = rows.filter(status__in=open_states)
        else:
            rows = rows.filter(status__in=open_states, due_on__lt=today)
        if "channel" in query:
            rows = rows.filter(channel=query["channel"])
        if "company" in query:
            rows = rows.filter(company=Organisation.objects.get(code=query["company"]))
        if "received_from" in query:
            rows = rows.filter(
                received_at__gte=start + datetime.timedelta(days=59),
                received_at__lt=start + datetime.timedelta(days=90),
            )
        offset = (query.get("page", 1) - 1) * 50
        rows = rows.order_by(F("due_on").asc(nulls_last=True), "-received_at", "-id")

        def fetch(rows=rows, offset=offset):
            return list(rows[offset : offset + 51])

        median = statistics.median(timed(fetch) for _ in range(RUNS))
        with CaptureQueriesContext(connection) as queries:
            fetch()
        results.append((label, median * 1000, len(queries), "stand-in"))
    return results


def job():
    from campaign.models import Campaign
    from reports.models import NationalReportRun
    from reports.services.runs import build_run

    run = NationalReportRun.objects.create(campaign=Campaign.objects.get(year=YEAR))
    build_run(run_id=run.pk)
    run.refresh_from_db()
    assert run.status == NationalReportRun.Status.SUCCEEDED, run.error
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


def raw_sql_timings():
    """(seconds of the c-reports aggregates or None, {label: seconds of each GROUP BY})."""
    from django.db import connection
    from django.utils import timezone

    start, end = _year_bounds()
    today = timezone.localdate()
    where = "WHERE received_at >= %(start)s AND received_at < %(end)s"
    params = {"start": start, "end": end, "today": today}

    def run(sql, parameters):
        with connection.cursor() as cursor:
            cursor.execute(sql, parameters)
            cursor.fetchall()

    separate = {
        label: statistics.median(
            timed(lambda sql=sql: run(sql.format(where=where), params)) for _ in range(3)
        )
        for label, sql in FIVE_GROUP_BYS.items()
    }
    from complaints.selectors.statistics import raw_queries

    queries = raw_queries(YEAR, today)
    theirs = statistics.median(
        timed(lambda: [run(sql, parameters) for sql, parameters in queries]) for _ in range(3)
    )
    return theirs, separate


def database_version():
    from django.db import connection

    if connection.vendor != "postgresql":
        return connection.vendor
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return f"PostgreSQL {cursor.fetchone()[0]}"


def measure(directory):
    from django.db import connection
    from run import machine_description

    count, load_s = load()
    print(f"complaints: {count:,} complaints received in {YEAR}, medians of {RUNS} runs")
    print(f"  machine: {machine_description()} | {database_version()}")
    print(f"  bulk load (bulk_load_complaints, encryption included)  {load_s:6.1f} s")

    results = measure_list()
    if all(status == 404 for *_figures, status in results):
        print(f"  GET /complaints/ as {BUREAU}: 404, the list view is not on this branch;")
        print("  STAND-IN (not the page): complaints_visible_to + the list's filters and order,")
        print("  one page of rows fetched, no view, no template:")
        results = measure_stand_in()
    else:
        print(f"  GET /complaints/ as {BUREAU}, whole request:")
    for label, ms, queries, status in results:
        print(f"    {label:<40} {ms:7.1f} ms   ({queries} queries, {status})")

    for name, ms in measure_sheets():
        print(f"  sheet {name:<34} {ms:7.1f} ms")
    child = subprocess.run(  # noqa: S603 - this file, with the folder it just made
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
    if connection.vendor != "postgresql":
        print("  raw SQL: measured on PostgreSQL only (BENCH_DATABASE_URL)")
        return 0
    theirs, separate = raw_sql_timings()
    for label, seconds in separate.items():
        print(f"  raw SQL GROUP BY {label:<26} {seconds * 1000:7.1f} ms")
    five = sum(separate.values())
    print(f"  raw SQL, the five GROUP BYs           {five * 1000:7.1f} ms", end="   ")
    print(f"job / them {job_s / five:.2f}")
    if theirs is not None:
        print(
            f"  raw SQL, the report's own aggregates  {theirs * 1000:7.1f} ms   "
            f"job / them {job_s / theirs:.2f}"
        )
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
