"""The national report job with every expected unit reported (issue 8: under 1 s, under 150 MB).

36 bureaus, 200 insurers and the association, each with a submitted report of every
indicator of its kind, in the demo's open campaign (compared with the demo's 2013). Times,
over several runs, the whole job (``build_run``: figures, workbook, summary text, charts and
the Word file, written to storage) in a process of its own, as a worker runs it, with its
query count and peak memory; the aggregate SQL alone (the national figures and the per-unit
pivots) and writing the workbook alone; and prints job / (SQL + workbook). Then head
office's dashboard over the same data: time per request and queries. Throwaway database:
SQLite, or the empty PostgreSQL database named by BENCH_DATABASE_URL (the figure the issue
asks for).

    .venv/bin/python bench/national_report.py     (or `make bench` for every benchmark)
"""

import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from functools import partial

from _database import set_up

INSURERS = 200
RUNS = 7


def _campaign():
    from django.utils import timezone

    from campaign.demo import current_campaign_year
    from campaign.models import Campaign

    return Campaign.objects.get(year=current_campaign_year(timezone.localdate()))


def report_everything(campaign):
    """Every reporting unit expected and submitted, with a value for each of its indicators."""
    from campaign.models import (
        ExpectedUnit,
        Indicator,
        IndicatorValue,
        Organisation,
        StatisticsReport,
    )

    missing = INSURERS - Organisation.objects.filter(kind=Organisation.Kind.INSURER).count()
    Organisation.objects.bulk_create(
        Organisation(
            code=f"bench-{n}", kind=Organisation.Kind.INSURER, name_zh=f"基准测试保险公司{n}"
        )
        for n in range(missing)
    )
    units = list(Organisation.objects.filter(kind__in=Organisation.REPORTING_KINDS))
    ExpectedUnit.objects.bulk_create(
        [ExpectedUnit(campaign=campaign, organisation=unit) for unit in units],
        ignore_conflicts=True,
    )
    StatisticsReport.objects.filter(campaign=campaign).delete()
    reports = StatisticsReport.objects.bulk_create(
        StatisticsReport(
            campaign=campaign,
            organisation=unit,
            status=StatisticsReport.Status.SUBMITTED,
            filled_by="张杰",
            contact_phone="010-66286688",
            summary="<p>开展“3·15”宣传活动，进社区、进学校，发放宣传资料。</p>",
        )
        for unit in units
    )
    indicators = list(Indicator.objects.filter(campaign=campaign, is_retired=False))
    rng = random.Random(315)  # noqa: S311 - made-up figures, not a secret
    IndicatorValue.objects.bulk_create(
        (
            IndicatorValue(report=report, indicator=indicator, value=Decimal(rng.randint(0, 500)))
            for report, unit in zip(reports, units, strict=True)
            for indicator in indicators
            if getattr(indicator, Indicator.KIND_FIELDS[unit.kind])
        ),
        batch_size=2000,
    )
    return len(units)


def timed(function):
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def job(campaign):
    """One whole build, as the worker runs it."""
    from reports.models import NationalReportRun
    from reports.services.runs import build_run

    run = NationalReportRun.objects.create(campaign=campaign)
    build_run(run_id=run.pk)
    run.refresh_from_db()
    assert run.status == NationalReportRun.Status.SUCCEEDED, run.error  # bench's own check
    return run


def measure_job():
    """In a process of its own, as a worker is: the whole job's time, queries and memory."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    campaign = _campaign()
    job(campaign)  # the first run loads matplotlib and the fonts, as a worker's first job does
    times = [timed(lambda: job(campaign)) for _ in range(RUNS)]
    with CaptureQueriesContext(connection) as queries:
        run = job(campaign)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{statistics.median(times)} {len(queries)} {peak_mb} {run.workbook.size}")


def measure_dashboard(campaign):
    """GET /reports/<year>/dashboard/ as head office through Django's test client (the whole
    view, template included): median time and query count."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from campaign.models import User

    setup_test_environment()
    client = Client()
    client.force_login(User.objects.get(username="hq"))
    url = f"/reports/{campaign.year}/dashboard/"

    def get():
        assert client.get(url).status_code == 200  # bench's own check

    get()
    median = statistics.median(timed(get) for _ in range(RUNS * 2))
    with CaptureQueriesContext(connection) as queries:
        get()
    return median, len(queries)


def measure(directory):
    from run import machine_description

    from reports.documents.workbook import build_national_workbook
    from reports.selectors import figures

    campaign = _campaign()
    units = report_everything(campaign)

    def aggregates():
        national = figures.national_figures(campaign)
        for kind in national.kinds.values():
            figures.unit_values(campaign, kind.kind, kind.indicators)
        figures.incidents(campaign)

    national = figures.national_figures(campaign)
    build_national_workbook(national)
    sql_s = statistics.median(timed(aggregates) for _ in range(RUNS))
    workbook_s = statistics.median(
        timed(partial(build_national_workbook, national)) for _ in range(RUNS)
    )
    dashboard_s, dashboard_queries = measure_dashboard(campaign)
    child = subprocess.run(  # noqa: S603  # this file, with its folder
        [sys.executable, __file__, "--job", directory],
        check=True,
        capture_output=True,
        text=True,
    )
    job_s, query_count, peak_mb, size = child.stdout.split()[-4:]
    job_s = float(job_s)
    print(f"national_report: {units} units reported, medians of {RUNS} runs")
    print(f"  machine: {machine_description()}")
    print(f"  whole job        {job_s * 1000:7.1f} ms   ({query_count} queries)")
    print(f"  aggregate SQL    {sql_s * 1000:7.1f} ms")
    print(f"  workbook alone   {workbook_s * 1000:7.1f} ms   ({int(size) / 1024:.0f} KB)")
    print(f"  job / (SQL + workbook)  {job_s / (sql_s + workbook_s):.2f}")
    print(f"  peak memory of the job's process (max RSS)  {float(peak_mb):.0f} MB")
    print(
        f"  head office's dashboard, whole request  {dashboard_s * 1000:7.1f} ms   "
        f"({dashboard_queries} queries, the same for any number of units)"
    )
    return 0


def main():
    if sys.argv[1:2] == ["--job"]:
        set_up(sys.argv[2], fill=False)
        return measure_job()
    with tempfile.TemporaryDirectory(prefix="bench-national-report-") as directory:
        set_up(directory)
        return measure(directory)


if __name__ == "__main__":
    sys.exit(main())
