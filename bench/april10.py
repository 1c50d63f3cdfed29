"""10 April: every expected unit (36 bureaus, 200 insurers and the association) uploads its
filled-in Excel statistics form within the same minute (issue 12).

gunicorn (3 sync workers, the production settings .ci/run uses) on PostgreSQL over loopback.
Each unit's person, in a thread of its own, does what a browser does: logs in (GET the login
page, POST the password), opens its form's Excel page (GET, for the CSRF token) and, once
every unit has its page open, all of them POST their .xlsx at once: a real filled-in form,
made from the unit's own template as its Excel page gives it (bench/statistics_import.py's
filled_form). ROUNDS rounds, each on the version the previous one stored; medians printed.

Checked against the database after each round: every upload answered as accepted is stored
once (one accepted StatisticsUpload, the file's values, one history entry per value
changed), and every report's history holds exactly the versions 0, 1, … of the rounds, no
gap and no repeat.

Throwaway database: BENCH_DATABASE_URL (empty PostgreSQL), else bench_april10_<pid> created
and dropped here; Redis databases 10 and 11.

    .venv/bin/python bench/april10.py        (or `make bench` for every benchmark)
"""

import datetime
import http.client
import os
import re
import statistics
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode, urlsplit

from _server import (
    HOST,
    PROXY_HEADERS,
    load_average,
    production_server,
)

INSURERS = 200
ROUNDS = int(os.environ.get("BENCH_ROUNDS", 3))
PASSWORD = "bench 10 April 12378"  # noqa: S105
ORIGIN = f"https://{HOST}"
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def prepare():
    """The current campaign, open, expecting 36 bureaus, INSURERS insurers and the
    association, each with a person who may fill in its form and its report started (version
    0, as when the unit first opened it). Returns the campaign."""
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from campaign.demo import current_campaign_year
    from campaign.models import Organisation, User
    from campaign.services import campaigns
    from campaign.services.statistics import start_report

    Organisation.objects.bulk_create(
        Organisation(
            code=f"bench-{n:03d}",
            kind=Organisation.Kind.INSURER,
            name_zh=f"基准测试保险股份有限公司{n:03d}",
        )
        for n in range(INSURERS)
    )
    head_office = User.objects.create_user(
        username="bench-hq",
        organisation=Organisation.objects.get(code="hq"),
        role=User.Role.ADMIN,
    )
    year = current_campaign_year(timezone.localdate())
    campaign = campaigns.create_campaign(
        actor=head_office,
        year=year,
        theme="诚信保险 优质服务",
        notice_reference=f"保监厅发〔{year}〕11号",
        period_start=datetime.date(year, 3, 1),
        period_end=datetime.date(year, 3, 31),
        deadline=datetime.date(year, 4, 10),
    )
    campaign = campaigns.open_campaign(actor=head_office, campaign=campaign)
    units = list(campaign.expected_units.order_by("kind", "code"))
    # One hash for all: the password hasher's cost is for the logins to pay, not the set-up.
    password = make_password(PASSWORD)
    User.objects.bulk_create(
        User(username=unit.code, organisation=unit, role=User.Role.STAFF, password=password)
        for unit in units
    )
    for unit in units:
        start_report(campaign=campaign, organisation=unit, actor=head_office)
    return campaign


def filled_forms(campaign, run):
    """{unit code: (file, the values it holds)} for every report of ``campaign``: its current
    template filled in, checked here as the server will check it."""
    from statistics_import import filled_form

    from campaign import excel
    from campaign.models import StatisticsReport
    from campaign.selectors.reports import indicators_for

    forms = {}
    for report in StatisticsReport.objects.filter(campaign=campaign).select_related(
        "campaign", "organisation"
    ):
        content = filled_form(report, run)
        form = excel.read_statistics_workbook(report, content, indicators_for(report))
        forms[report.organisation.code] = (content, form.values)
    return forms


class Browser:
    """One unit's person: a browser's cookies, behind the TLS-terminating proxy (the session
    and CSRF cookies are Secure, so they are kept here rather than by a cookie jar)."""

    def __init__(self, url):
        self.address = urlsplit(url)
        self.cookies = {}

    def request(self, method, path, body=None, headers=None):
        """(status, Location, body) of one request on a connection of its own, as gunicorn's
        sync workers close each one."""
        connection = http.client.HTTPConnection(
            self.address.hostname, self.address.port, timeout=600
        )
        cookies = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        sent = PROXY_HEADERS | {"Cookie": cookies} | (headers or {})
        if method == "POST":
            sent |= {"Origin": ORIGIN, "Referer": f"{ORIGIN}{path}"}
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            content = response.read()
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _equals, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, response.headers.get("Location", ""), content

    def csrf_token(self, path):
        status, _location, content = self.request("GET", path)
        found = CSRF_INPUT.search(content.decode())
        if status != 200 or found is None:
            raise RuntimeError(f"GET {path}: {status}, no CSRF token")
        return found.group(1)

    def log_in(self, username):
        token = self.csrf_token("/accounts/login/")
        body = urlencode({"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token})
        status, _location, _content = self.request(
            "POST",
            "/accounts/login/",
            body,
            {"Content-Type": "application/x-www-form-urlencoded"},
        )
        if status != 302:
            raise RuntimeError(f"{username} could not log in: {status}")

    def upload(self, path, token, content):
        """(status, Location) of the form's POST with the file."""
        boundary = uuid.uuid4().hex
        body = b"".join(
            [
                f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"'
                f"\r\n\r\n{token}\r\n".encode(),
                f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
                f'filename="form.xlsx"\r\nContent-Type: application/vnd.openxmlformats-'
                f"officedocument.spreadsheetml.sheet\r\n\r\n".encode(),
                content,
                f"\r\n--{boundary}--\r\n".encode(),
            ]
        )
        headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
        status, location, _content = self.request("POST", path, body, headers)
        return status, location


def timed(function, *args):
    started = time.perf_counter()
    result = function(*args)
    return result, started, time.perf_counter()


def log_in_everyone(server, codes):
    """Every unit's person logs in, all at once: {code: Browser}, the seconds each took and
    the workers' CPU time per login."""
    browsers = {code: Browser(server.url) for code in codes}
    cpu = server.worker_cpu_seconds()
    with ThreadPoolExecutor(len(codes)) as pool:
        answers = list(pool.map(lambda code: timed(browsers[code].log_in, code), codes))
    cpu = (server.worker_cpu_seconds() - cpu) / len(codes)
    return browsers, [end - start for _nothing, start, end in answers], cpu


def one_minute(server, browsers, year, forms):
    """Every unit opens its Excel page; once all have, every unit uploads at once. Returns
    the figures and {code: (status, Location)} of the uploads."""
    codes = sorted(forms)

    def open_page(code):
        return browsers[code].csrf_token(f"/statistics/{year}/{code}/excel/")

    def upload(code, token):
        path = f"/statistics/{year}/{code}/excel/"
        return timed(browsers[code].upload, path, token, forms[code][0])

    with ThreadPoolExecutor(len(codes)) as pool:
        tokens = list(pool.map(open_page, codes))
        cpu = server.worker_cpu_seconds()
        uploads = list(pool.map(upload, codes, tokens))
        cpu = server.worker_cpu_seconds() - cpu
    first = min(start for _answer, start, _end in uploads)
    last = max(end for _answer, _start, end in uploads)
    latencies = [end - start for _answer, start, end in uploads]
    return {
        "rate": len(uploads) / (last - first),
        "p50": _percentile(latencies, 50),
        "p99": _percentile(latencies, 99),
        "cpu": cpu * 1000 / len(uploads),
        "answers": {code: answer for code, (answer, _s, _e) in zip(codes, uploads, strict=True)},
    }


def _percentile(values, percent):
    return statistics.quantiles(values, n=100, method="inclusive")[percent - 1]


def check(campaign, forms, answers, run):
    """The problems found: every accepted upload stored once with its values, every report's
    history exactly versions 0 … run + 1."""
    from campaign.models import IndicatorValue, StatisticsReport, StatisticsUpload

    problems = []
    year = campaign.year
    for code, (status, location) in answers.items():
        if status != 302 or location != f"/statistics/{year}/{code}/":
            problems.append(f"{code}: upload answered {status} {location}")
    reports = StatisticsReport.objects.filter(campaign=campaign).select_related("organisation")
    for report in reports:
        code = report.organisation.code
        accepted = StatisticsUpload.objects.filter(report=report, accepted=True).count()
        refused = StatisticsUpload.objects.filter(report=report, accepted=False).count()
        if (accepted, refused) != (run + 1, 0):
            problems.append(f"{code}: {accepted} uploads accepted, {refused} refused")
        versions = list(
            report.history.order_by("history_date", "history_id").values_list("version", flat=True)
        )
        if versions != list(range(run + 2)) or report.version != run + 1:
            problems.append(f"{code}: version {report.version}, history {versions}")
        stored = dict(
            IndicatorValue.objects.filter(report=report).values_list("indicator__code", "value")
        )
        if stored != forms[code][1]:
            problems.append(f"{code}: stored values differ from its file's")
        entries = IndicatorValue.history.filter(report_id=report.pk).count()
        if entries != len(stored) * (run + 1):
            problems.append(f"{code}: {entries} value history entries for {len(stored)} values")
    return problems


def measure(server, campaign, load_before):
    from django.contrib.auth.hashers import get_hasher
    from django.db.models import Count
    from run import machine_description

    from campaign.models import Organisation

    kinds = dict(
        campaign.expected_units.values("kind")
        .order_by("kind")
        .annotate(count=Count("id"))
        .values_list("kind", "count")
    )
    rounds, problems = [], []
    codes = list(campaign.expected_units.values_list("code", flat=True))
    started = time.perf_counter()
    browsers, logins, login_cpu = log_in_everyone(server, codes)
    logged_in = time.perf_counter() - started
    for run in range(ROUNDS):
        forms = filled_forms(campaign, run)
        figures = one_minute(server, browsers, campaign.year, forms)
        rounds.append(figures)
        problems += [
            f"round {run}: {problem}" for problem in check(campaign, forms, figures["answers"], run)
        ]
    print(
        f"april10: {sum(kinds.values())} units ({kinds.get(Organisation.Kind.BUREAU, 0)} "
        f"bureaus, {kinds.get(Organisation.Kind.INSURER, 0)} insurers, "
        f"{kinds.get(Organisation.Kind.ASSOCIATION, 0)} association) log in, then in each of "
        f"{ROUNDS} rounds open their Excel page and upload a filled-in form, all at once "
        f"(medians); gunicorn (3 sync workers, production settings) on PostgreSQL over loopback"
    )
    print(f"  machine: {machine_description()}")
    print(f"  load average before: {load_before}  after: {load_average()}")
    hasher = get_hasher()
    size = statistics.median(len(content) for content, _values in forms.values()) // 1024
    print(
        f"  every unit logs in at once: {logged_in:.1f} s for all, each p50 "
        f"{_percentile(logins, 50):.2f} s, p99 {_percentile(logins, 99):.2f} s "
        f"(the password hasher: {hasher.algorithm}, {hasher.iterations:,} iterations; "
        f"gunicorn CPU {login_cpu * 1000:.0f} ms a login)"
    )
    for label, key, unit in (
        ("uploads/s (first POST to last answer)", "rate", "/s"),
        ("upload p50", "p50", "s"),
        ("upload p99", "p99", "s"),
        ("gunicorn CPU per upload", "cpu", "ms"),
    ):
        values = [figures[key] for figures in rounds]
        shown = ", ".join(f"{value:.2f}" for value in values)
        print(f"  {label:<40} {statistics.median(values):7.2f} {unit:<3} [{shown}]")
    print(f"  files: about {size} KB each")
    for problem in problems:
        print(f"  PROBLEM {problem}")
    print(
        "  every accepted upload stored once, every report's history exactly its versions: "
        + ("yes" if not problems else "NO")
    )
    return 1 if problems else 0


def main():
    load = load_average()
    with production_server("april10", prepare, static=True) as (server, _folder, campaign):
        return measure(server, campaign, load)


if __name__ == "__main__":
    sys.exit(main())
