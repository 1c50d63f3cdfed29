"""The public commitment pages at scale (issue 10, speed): 200 insurers with 30 current
commitments each, the compare page served in under 100 ms.

Adds 200 made-up insurers (示例…保险, fictitious) and 30 published commitments of each in
the demo's open campaign, spread over the kinds of commitment and their units (hours, days,
working days, call hours), scoped nationwide, to a region or to a product line, and each
company's records of promises kept (the compare page shows them beside its commitments). Then times,
through Django's test client as the public (the whole view, template included), medians of
RUNS runs with their query counts:

- GET /commitments/compare/ with 20 companies chosen: on three kinds, and on every kind;
- GET /commitments/compare/ with one kind and no company (every company ranked on it);
- GET /commitments/: the first page, a region, a search, the last page.

Each figure is the whole request's wall-clock time, with the CPU time of this process beside
it: on a shared machine the wall clock also counts the time other work held the cores (the
load average is printed with the figures).

Throwaway SQLite database (or BENCH_DATABASE_URL's empty PostgreSQL database).

    .venv/bin/python bench/commitments.py     (or `make bench` for every benchmark)
"""

import datetime
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time

from _database import gather_statistics, set_up

COMPANIES = 200
PER_COMPANY = 30
CHOSEN = 20
RUNS = 15


def fill():
    """The insurers and their commitments, bulk-created; returns the chosen companies' codes."""
    from django.utils import timezone

    from campaign.demo import current_campaign_year
    from campaign.models import Campaign, Organisation, ProductLine, Region, User
    from commitments.models import CommitmentKind, PromiseRecord, ServiceCommitment
    from commitments.selectors.promises import measured_kinds

    Organisation.objects.bulk_create(
        Organisation(
            code=f"bench-insurer-{n:03d}",
            kind=Organisation.Kind.INSURER,
            name_zh=f"示例{n:03d}保险股份有限公司",
            position=n,
        )
        for n in range(COMPANIES)
    )
    companies = list(Organisation.objects.filter(code__startswith="bench-insurer-"))
    campaign = Campaign.objects.get(year=current_campaign_year(timezone.localdate()))
    author = User.objects.get(username="hq")
    kinds = list(CommitmentKind.objects.all())
    regions = list(Region.objects.all())
    lines = list(ProductLine.objects.all())
    chance = random.Random(2013)  # noqa: S311 - made-up figures, the same each run
    published_at = timezone.now()
    rows = []
    for company in companies:
        for number in range(PER_COMPANY):
            kind = kinds[number % len(kinds)]
            fields = {}
            if kind.limit == CommitmentKind.Limit.DURATION:
                fields = {
                    "limit_value": chance.randint(1, 10),
                    "limit_unit": chance.choice(kind.units),
                }
            elif kind.limit == CommitmentKind.Limit.TIME_WINDOW:
                fields = {
                    "window_start": datetime.time(chance.randint(8, 10)),
                    "window_end": datetime.time(chance.randint(17, 21)),
                }
            scope = number // len(kinds)  # the first of each kind nationwide
            rows.append(
                ServiceCommitment(
                    company=company,
                    campaign=campaign,
                    kind=kind,
                    text=f"{company.name_zh}承诺：{kind.name_zh}（第{number + 1}项）。",
                    status=ServiceCommitment.Status.PUBLISHED,
                    published_at=published_at,
                    created_by=author,
                    region=chance.choice(regions) if scope == 1 else None,
                    product_line=chance.choice(lines) if scope == 2 else None,
                    **fields,
                )
            )
    ServiceCommitment.objects.bulk_create(rows, batch_size=1000)
    kinds_measured = list(measured_kinds())
    # Each company's record of promises kept on the kinds complaints measure, for the
    # campaign's year and the year before, as the nightly measure leaves them.
    PromiseRecord.objects.bulk_create(
        PromiseRecord(
            company=company,
            kind=kind,
            year=year,
            kept=chance.randint(0, 500),
            broken=chance.randint(0, 50),
            kept_by_law=chance.randint(0, 550),
            broken_by_law=chance.randint(0, 5),
            pending=chance.randint(0, 20),
            measured_at=published_at,
        )
        for company in companies
        for kind in kinds_measured
        for year in (campaign.year - 1, campaign.year)
    )
    return [company.code for company in chance.sample(companies, CHOSEN)]


def pages(chosen):
    """[(label, url, query)] of the pages timed."""
    three_kinds = ["claim_payment", "complaint_acceptance", "call_hours"]
    return [
        (f"compare, {CHOSEN} companies × 3 kinds", "/commitments/compare/",
         {"company": chosen, "kind": three_kinds}),
        (f"compare, {CHOSEN} companies × every kind", "/commitments/compare/",
         {"company": chosen}),
        (f"compare, claim payment, all {COMPANIES} companies", "/commitments/compare/",
         {"kind": "claim_payment"}),
        ("list, first page", "/commitments/", {}),
        ("list, region 210200 (大连)", "/commitments/", {"region": "210200"}),
        ("list, search 保险 + stage claims", "/commitments/", {"q": "保险", "stage": "claims"}),
        ("list, page 100", "/commitments/", {"page": 100}),
    ]  # fmt: skip


def measure(chosen):
    """Times the pages, in a process of its own that has served nothing else, as a web
    worker would (the process that migrated and filled the database holds far more objects,
    which makes the garbage collector's passes slower than a worker's)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment
    from run import machine_description

    from commitments.models import ServiceCommitment

    setup_test_environment()
    client = Client()
    print(
        f"commitments: {COMPANIES} insurers × {PER_COMPANY} commitments "
        f"({ServiceCommitment.objects.count():,} in all), the public's pages, "
        f"medians of {RUNS} runs"
    )
    print(f"  machine: {machine_description()}")
    for label, url, query in pages(chosen):
        assert client.get(url, query).status_code == 200  # warms templates, calendar code
        times, cpu_times = [], []
        for _ in range(RUNS):
            started, cpu_started = time.perf_counter(), time.process_time()
            client.get(url, query)
            times.append(time.perf_counter() - started)
            cpu_times.append(time.process_time() - cpu_started)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, query)
        size = len(response.content) / 1024
        print(
            f"  {label:<42} median {statistics.median(times) * 1000:6.1f} ms "
            f"(CPU {statistics.median(cpu_times) * 1000:5.1f} ms)   "
            f"{len(queries)} queries, {size:.0f} KB"
        )
    loads = ", ".join(f"{load:.1f}" for load in os.getloadavg())
    print(f"  load average at the end (1, 5, 15 minutes): {loads}")
    return 0


def main():
    if sys.argv[1:2] == ["--measure"]:
        set_up(sys.argv[2], fill=False)
        return measure(sys.argv[3:])
    with tempfile.TemporaryDirectory(prefix="bench-commitments-") as directory:
        set_up(directory)
        chosen = fill()
        gather_statistics()
        # This file, with the folder it just made and the companies it chose.
        return subprocess.run(  # noqa: S603  # this file's own command line
            [sys.executable, __file__, "--measure", directory, *chosen], check=False
        ).returncode


if __name__ == "__main__":
    sys.exit(main())
