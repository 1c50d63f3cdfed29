"""Every main page at 100,000 and 1,000,000 complaints (issue 12): none may grow with the
data, and the dashboards and lists stay under 100 ms.

1. ``generate_load`` (the command's steps: 200 insurers, a report of every unit, every
   insurer's commitments, the complaints received over 2013 — the demo's closed campaign —
   then the dashboards' figures and promises kept) with the first size; the pages are timed;
   then the complaints are topped up to the second size with ``bulk_load_complaints``, the
   figures counted again as beat would, and the pages timed again.
2. Each page through Django's test client, the whole view with its template, as the user
   who opens it: median of RUNS runs and the query count, in a process of its own that has
   served nothing else, as a web worker would.
3. At each size, the national report job of 2013 in a process of its own (bench/complaints.py's
   ``--job``), and job / raw SQL (the same complaints aggregates as plain SQL).

Throwaway database: the empty PostgreSQL database named by BENCH_DATABASE_URL (bench/run.py
makes one), else SQLite with smaller sizes; BENCH_PAGES_SIZES="100000,1000000" sets them.

    createdb scale_pages
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/scale_pages \\
        .venv/bin/python bench/pages.py        (or `make bench` for every benchmark)
"""

import datetime
import io
import logging
import os
import statistics
import subprocess
import sys
import tempfile
import time

from _database import gather_statistics, raw_sql_seconds, set_up

RUNS = 7
YEAR = 2013
COMPANIES = 200
BENCH_DIR = os.path.dirname(os.path.abspath(__file__))


def sizes():
    from django.db import connection

    default = "100000,1000000" if connection.vendor == "postgresql" else "10000,50000"
    return [int(size) for size in os.environ.get("BENCH_PAGES_SIZES", default).split(",")]


def load_end():
    from django.utils import timezone

    return timezone.make_aware(datetime.datetime(YEAR + 1, 1, 1)) - datetime.timedelta(minutes=1)


def generate(count):
    """The first size, as ``manage.py generate_load`` makes it; returns its seconds."""
    from django.core.management import call_command

    started = time.perf_counter()
    call_command(
        "generate_load",
        "--complaints",
        str(count),
        "--companies",
        str(COMPANIES),
        "--campaign",
        str(YEAR),
        stdout=io.StringIO(),
    )
    gather_statistics()
    return time.perf_counter() - started


def top_up(count):
    """Complaints added up to ``count``, then the dashboards' figures counted again."""
    from complaints.bulk import bulk_load_complaints
    from complaints.models import Complaint
    from complaints.services.tallies import refresh_tallies

    started = time.perf_counter()
    missing = count - Complaint.objects.count()
    bulk_load_complaints(
        missing, companies=COMPANIES, seed=count, now=load_end(), progress=lambda line: None
    )
    refresh_started = time.perf_counter()
    for year in (YEAR - 1, YEAR):
        refresh_tallies(year)
    refreshed = time.perf_counter() - refresh_started
    gather_statistics()
    return time.perf_counter() - started, refreshed


def pages():
    """[(label, username, url, query)] of the pages timed."""
    return [
        ("head office's dashboard", "hq", f"/reports/{YEAR}/dashboard/", {}),
        ("bureau's dashboard (guangdong)", "guangdong", f"/reports/{YEAR}/dashboard/", {}),
        ("company's dashboard (demo-pc)", "demo-pc", f"/reports/{YEAR}/dashboard/", {}),
        ("complaint list, bureau (guangdong)", "guangdong", "/complaints/", {}),
        ("complaint list, head office", "hq", "/complaints/", {}),
        ("complaint list, head office, overdue", "hq", "/complaints/", {"deadline": "overdue"}),
        ("statistics review table", "hq", f"/statistics/{YEAR}/review/", {}),
        ("public commitments list", None, "/commitments/", {}),
        ("public commitments, compare claims", None, "/commitments/compare/",
         {"kind": "claim_payment"}),
        ("public commitments, company demo-pc", None, "/commitments/companies/demo-pc/", {}),
    ]  # fmt: skip


def measure_pages():
    """One line per page: label, median ms, queries, status (printed for the parent)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from campaign.models import User

    setup_test_environment()
    logging.getLogger("django.request").setLevel(logging.ERROR)
    for label, username, url, query in pages():
        client = Client()
        if username:
            client.force_login(User.objects.get(username=username))
        status = client.get(url, query).status_code  # warmed: templates, translations
        times = []
        for _ in range(RUNS):
            started = time.perf_counter()
            client.get(url, query)
            times.append(time.perf_counter() - started)
        with CaptureQueriesContext(connection) as queries:
            client.get(url, query)
        print(f"{label}\t{statistics.median(times) * 1000:.1f}\t{len(queries)}\t{status}")


def in_own_process(*arguments):
    done = subprocess.run(  # noqa: S603 - bench/ files, with the folder this run made
        [sys.executable, *arguments], check=False, capture_output=True, text=True
    )
    if done.returncode:
        sys.exit(done.stderr)
    return done.stdout


def measure(directory):
    """{label: (ms, queries, status)} of the pages, and (job s, job queries, raw SQL s)."""
    from django.db import connection

    lines = in_own_process(__file__, "--pages", directory).strip().splitlines()
    figures = {}
    for line in lines:
        label, ms, queries, status = line.split("\t")
        figures[label] = (float(ms), int(queries), int(status))
    job = in_own_process(os.path.join(BENCH_DIR, "complaints.py"), "--job", directory).split()
    raw = raw_sql_seconds(YEAR) if connection.vendor == "postgresql" else None
    return figures, (float(job[-4]), int(job[-3]), raw)


def report(counts, results):
    print(f"  {'page, whole request (median ms, queries)':<44}", end="")
    for count in counts:
        print(f" {f'{count:,} complaints':>22}", end="")
    print()
    for label, *_rest in pages():
        print(f"    {label:<42}", end="")
        for figures, _job in results:
            ms, queries, status = figures[label]
            mark = "" if status == 200 else f" [{status}]"
            print(f" {ms:9.1f} ms {queries:3d} q{mark:>5}", end="")
        print()
    print(f"    {'national report job (whole, in its own process)':<42}", end="")
    for _figures, (job_s, queries, _raw) in results:
        print(f" {job_s * 1000:9.0f} ms {queries:3d} q     ", end="")
    print()
    if all(raw for _figures, (_job, _q, raw) in results):
        print(f"    {'raw SQL, the same aggregates / job ÷ raw':<42}", end="")
        for _figures, (job_s, _queries, raw) in results:
            print(f" {raw * 1000:6.0f} ms  ×{job_s / raw:5.2f}     ", end="")
        print()


def run(directory):
    from run import machine_description

    counts = sizes()
    print(f"pages: every main page at {' and '.join(f'{c:,}' for c in counts)} complaints")
    print(f"  machine: {machine_description()}")
    results = []
    for index, count in enumerate(counts):
        if index == 0:
            seconds = generate(count)
            print(f"  generate_load --complaints {count} --companies {COMPANIES}  {seconds:6.1f} s")
        else:
            seconds, refreshed = top_up(count)
            print(
                f"  topped up to {count:,} complaints  {seconds:6.1f} s "
                f"(of which the dashboards' figures counted again {refreshed:4.1f} s)"
            )
        results.append(measure(directory))
    report(counts, results)
    loads = ", ".join(f"{load:.1f}" for load in os.getloadavg())
    print(f"  load average at the end (1, 5, 15 minutes): {loads}")
    return 0


def main():
    if sys.argv[1:2] == ["--pages"]:
        set_up(sys.argv[2], fill=False)
        return measure_pages()
    with tempfile.TemporaryDirectory(prefix="bench-pages-") as directory:
        set_up(directory)
        return run(directory)


if __name__ == "__main__":
    sys.exit(main())
