"""Head office's review table with 300 reporting units (issue 3: constant queries, fast).

Adds insurers until there are 300 reporting units, gives each a submitted report, then
times GET /statistics/<current year>/review/ as head office through Django's test client (the whole
view, template included) and counts its queries. Throwaway SQLite database.

    .venv/bin/python bench/statistics_review.py     (or `make bench` for every benchmark)
"""

import statistics
import sys
import tempfile
import time

from _database import set_up

UNITS = 300
RUNS = 15


def _year():
    """The demo's open campaign, where reports arrive."""
    from django.utils import timezone

    from campaign.demo import current_campaign_year

    return current_campaign_year(timezone.localdate())


def add_units():
    from campaign.models import Campaign, Organisation, StatisticsReport

    missing = UNITS - Organisation.objects.filter(kind__in=Organisation.REPORTING_KINDS).count()
    Organisation.objects.bulk_create(
        Organisation(
            code=f"bench-{n}", kind=Organisation.Kind.INSURER, name_zh=f"基准测试保险公司{n}"
        )
        for n in range(missing)
    )
    campaign_id = Campaign.objects.get(year=_year()).pk
    StatisticsReport.objects.bulk_create(
        StatisticsReport(
            campaign_id=campaign_id,
            organisation=organisation,
            status=StatisticsReport.Status.SUBMITTED,
        )
        for organisation in Organisation.objects.filter(code__startswith="bench-")
    )


def measure():
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment
    from run import machine_description

    from campaign.models import User

    setup_test_environment()
    add_units()
    client = Client()
    client.force_login(User.objects.get(username="hq"))
    url = f"/statistics/{_year()}/review/"
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200  # bench's own check
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    print(f"statistics_review: {UNITS} reporting units, {RUNS} runs of GET {url}")
    print(f"  machine: {machine_description()}")
    median, p90 = statistics.median(times), statistics.quantiles(times, n=10)[8]
    print(f"  page         median {median * 1000:7.1f} ms   p90 {p90 * 1000:7.1f} ms")
    print(f"  queries      {len(queries)} (the same for any number of units)")
    return 0


def main():
    with tempfile.TemporaryDirectory(prefix="bench-statistics-review-") as directory:
        set_up(directory)
        return measure()


if __name__ == "__main__":
    sys.exit(main())
