"""A throwaway database with the demo data, for a benchmark run in its own process: SQLite
in a temporary folder, or the empty PostgreSQL database named by BENCH_DATABASE_URL."""

import io
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def set_up(directory, *, fill=True):
    """Django on the throwaway database in ``directory``; ``fill``: migrate it and load the
    demo data (a second process on the same database passes False)."""
    os.environ["DJANGO_ENV"] = "development"
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings"
    os.environ["PORTAL_VAR_DIR"] = directory
    # BENCH_DATABASE_URL points a run at a throwaway PostgreSQL database instead.
    os.environ["DATABASE_URL"] = os.environ.get(
        "BENCH_DATABASE_URL", f"sqlite:///{directory}/bench.sqlite3"
    )
    os.environ["MEDIA_ROOT"] = f"{directory}/media"
    os.environ["LOG_LEVEL"] = "WARNING"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings

    # The demo's notifications are e-mailed: kept in memory, not printed among the figures.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    if not fill:
        return
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("seed_demo", stdout=io.StringIO())


def gather_statistics():
    """On PostgreSQL, the planner statistics autovacuum gathers a little after a bulk load:
    measured at once, the planner would still take the new tables for empty ones."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def raw_sql_seconds(year, runs=3):
    """Median seconds of the national report's complaints aggregates for ``year`` as plain
    SQL (complaints.selectors.statistics.raw_queries): the database's part of the job."""
    import statistics
    import time

    from django.db import connection
    from django.utils import timezone

    from complaints.selectors.statistics import raw_queries

    times = []
    for _ in range(runs):
        started = time.perf_counter()
        with connection.cursor() as cursor:
            for sql, parameters in raw_queries(year, timezone.localdate()):
                cursor.execute(sql, parameters)
                cursor.fetchall()
        times.append(time.perf_counter() - started)
    return statistics.median(times)
