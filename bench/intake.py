"""Complaint intake through the hotline's API under concurrency (issue 12: at least 400
complaints/s on the 2-core machine and at least half the raw-insert floor's rate, none lost
or stored twice).

gunicorn (3 sync workers, the production settings .ci/run uses) on PostgreSQL over loopback,
loaded by wrk (16 connections, bench/intake.lua): POST /api/v1/complaints/ with token
authentication, each request a complaint of its own under its own Idempotency-Key, one in
twenty a client's retry of the previous one. The same server also serves a minimal view that
inserts one complaint row with raw SQL (bench/_intake_urls.py, in the benchmark's URLconf
only): the floor of any intake. ROUNDS rounds of each, alternating; medians printed.

After each intake round the answers are checked against the database: every 201's reference
is stored, under exactly one key, with no two rows for a key; the complaints stored whose
answer wrk never read (in flight when it stopped) are sent again with their key and must
come back as the same complaint.

Throwaway database: BENCH_DATABASE_URL (empty PostgreSQL), else bench_intake_<pid> created
and dropped here; Redis databases 10 and 11. Needs wrk (Debian's package).

    .venv/bin/python bench/intake.py        (or `make bench` for every benchmark)
"""

import datetime
import json
import os
import shutil
import statistics
import subprocess
import sys
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from _server import (
    PROXY_HEADERS,
    load_average,
    production_server,
    settle,
)

BENCH_DIR = Path(__file__).resolve().parent
WRK = "/usr/bin/wrk"
CONNECTIONS = 16
THREADS = 2
SECONDS = int(os.environ.get("BENCH_SECONDS", 10))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", 3))
COMPANY = "bench-insurer"
TARGET_RATE = 400
TARGET_SHARE_OF_FLOOR = 0.5


def prepare():
    """An insurer to complain about and a hotline seat with its API token; returns the token."""
    from rest_framework.authtoken.models import Token

    from campaign.models import Organisation, User

    Organisation.objects.create(
        code=COMPANY, kind=Organisation.Kind.INSURER, name_zh="基准测试保险股份有限公司"
    )
    seat = User.objects.create_user(
        username="bench-hotline",
        organisation=Organisation.objects.get(code="hq"),
        role=User.Role.HOTLINE,
    )
    return Token.objects.create(user=seat).key


def wrk(server, mode, run, folder, token="", received_at=""):
    """One wrk run; returns its RESULT figures, with the workers' CPU time per request."""
    folder.mkdir()
    command = [
        WRK,
        f"-t{THREADS}",
        f"-c{CONNECTIONS}",
        f"-d{SECONDS}s",
        "--timeout",
        "10s",
        "-s",
        str(BENCH_DIR / "intake.lua"),
        server.url,
        "--",
        mode,
        str(folder),
        run,
        token,
        COMPANY,
        received_at,
    ]
    cpu = server.worker_cpu_seconds()
    finished = subprocess.run(command, capture_output=True, text=True)  # noqa: S603
    cpu = server.worker_cpu_seconds() - cpu
    if finished.returncode:
        raise RuntimeError(f"wrk failed: {finished.stdout}{finished.stderr}")
    output = finished.stdout
    line = next(line for line in output.splitlines() if line.startswith("RESULT "))
    result = json.loads(line.removeprefix("RESULT "))
    result["answers"] = [
        line
        for path in sorted(folder.glob("thread-*.txt"))
        for line in path.read_text().splitlines()
    ]
    result["rate"] = result["requests"] / (result["duration_us"] / 1e6)
    result["cpu_ms"] = cpu * 1000 / result["requests"]
    return result


def post_again(url, token, complaint, key):
    """The request of ``key`` sent again as the client would: its reference, or the status."""
    body = {
        "channel": complaint.channel,
        "received_at": complaint.received_at.isoformat(),
        "complainant_name": complaint.complainant_name,
        "complainant_phone": complaint.complainant_phone,
        "province": complaint.region.name_zh,
        "company": complaint.company.code,
        "category": complaint.category.code,
        "product_line": complaint.product_line.code,
        "description": complaint.description,
    }
    request = urllib.request.Request(  # noqa: S310
        f"{url}/api/v1/complaints/",
        data=json.dumps(body).encode(),
        headers=PROXY_HEADERS
        | {
            "Authorization": f"Token {token}",
            "Content-Type": "application/json",
            "Idempotency-Key": key,
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return json.load(response)["reference"]
    except urllib.error.HTTPError as error:
        return f"status {error.code}"


def check_intake(url, token, run, result):
    """Counts of what was answered against what was stored; a list of the problems found."""
    from complaints.models import Complaint, IdempotencyKey

    answered = [answer for answer in result["answers"] if not answer.startswith("status")]
    answered_set = set(answered)
    settle(url, IdempotencyKey.objects.filter(key__startswith=f"{run}-").count)
    keys = IdempotencyKey.objects.filter(key__startswith=f"{run}-").select_related("complaint")
    stored = {row.complaint.reference: row for row in keys}
    complaints = Complaint.objects.filter(description__contains=f"[{run}-")
    problems = []
    lost = answered_set - set(stored)
    if lost:
        problems.append(f"{len(lost)} answered 201 but not stored: {sorted(lost)[:5]}")
    if complaints.count() != len(stored):
        problems.append(f"{complaints.count()} complaints stored for {len(stored)} keys")
    mismatched = [
        row.key for row in stored.values() if f"[{row.key}]" not in row.complaint.description
    ]
    if mismatched:
        problems.append(f"keys stored with another request's complaint: {mismatched[:5]}")
    if result["refused"] or result["socket_errors"]:
        sample = next((answer for answer in result["answers"] if answer.startswith("status")), "")
        problems.append(
            f"{result['refused']} refused ({sample[:200]}), {result['socket_errors']} socket errors"
        )
    # Stored, but wrk stopped before reading the answer: the client sends them again.
    unanswered = [row for reference, row in stored.items() if reference not in answered_set]
    fields = ("region", "company", "category", "product_line")
    for row in unanswered:
        row.complaint = Complaint.objects.select_related(*fields).get(pk=row.complaint_id)
    with ThreadPoolExecutor(CONNECTIONS) as pool:
        again = list(
            pool.map(lambda row: post_again(url, token, row.complaint, row.key), unanswered)
        )
    wrong = [
        (row.key, answer)
        for row, answer in zip(unanswered, again, strict=True)
        if answer != row.complaint.reference
    ]
    if wrong:
        problems.append(f"retried keys answered with another complaint: {wrong[:5]}")
    if complaints.count() != len(stored):
        problems.append("the retries stored complaints again")
    counts = {
        "201s": len(answered),
        "distinct": len(answered_set),
        "stored": complaints.count(),
        "retried": len(unanswered),
    }
    return counts, problems


def check_floor(result):
    from complaints.models import Complaint

    answered = {int(answer) for answer in result["answers"] if not answer.startswith("status")}
    stored = set(Complaint.objects.filter(pk__in=answered).values_list("pk", flat=True))
    problems = (
        [f"floor: {len(answered) - len(stored)} lost"] if len(stored) != len(answered) else []
    )
    if result["refused"] or result["socket_errors"]:
        sample = next((answer for answer in result["answers"] if answer.startswith("status")), "")
        problems.append(
            f"floor: {result['refused']} refused ({sample[:200]}), "
            f"{result['socket_errors']} socket errors"
        )
    return problems


def measure(server, token, folder, load_before):
    from django.utils import timezone
    from run import machine_description

    from complaints.models import Complaint

    # A minute ago: a complaint cannot be received in the future, whatever the clocks say.
    received_at = (timezone.now() - datetime.timedelta(minutes=1)).isoformat()
    # The floor copies the first complaint's row: one registered through the API first.
    url = server.url
    wrk(server, "intake", "warm", folder / "warm", token, received_at)
    settle(url, Complaint.objects.count)
    wrk(server, "floor", "warm", folder / "warm-floor")
    settle(url, Complaint.objects.count)
    intake, floor, problems = [], [], []
    for number in range(ROUNDS):
        run = f"r{number}"
        result = wrk(server, "intake", run, folder / run, token, received_at)
        counts, found = check_intake(url, token, run, result)
        result |= counts
        intake.append(result)
        problems += [f"{run}: {problem}" for problem in found]
        result = wrk(server, "floor", run, folder / f"{run}-floor")
        settle(url, Complaint.objects.count)
        floor.append(result)
        problems += check_floor(result)
    print(
        f"intake: POST /api/v1/complaints/ through gunicorn (3 sync workers, production "
        f"settings) on PostgreSQL over loopback; wrk, {CONNECTIONS} connections, {THREADS} "
        f"threads, {SECONDS} s × {ROUNDS} rounds (medians); 1 request in 20 a retry"
    )
    print(f"  machine: {machine_description()}")
    print(f"  load average before: {load_before}  after: {load_average()}")
    for label, results in (("intake (API)", intake), ("floor (raw INSERT view)", floor)):
        rates = [round(result["rate"]) for result in results]
        p50 = statistics.median(result["p50_us"] for result in results) / 1000
        p99 = statistics.median(result["p99_us"] for result in results) / 1000
        cpu = statistics.median(result["cpu_ms"] for result in results)
        print(
            f"  {label:<24} {statistics.median(rates):6.0f} requests/s {rates}   "
            f"p50 {p50:6.1f} ms   p99 {p99:6.1f} ms   gunicorn CPU {cpu:5.2f} ms a request"
        )
    complaints_per_second = statistics.median(
        result["distinct"] / (result["duration_us"] / 1e6) for result in intake
    )
    floor_rate = statistics.median(result["rate"] for result in floor)
    share = complaints_per_second / floor_rate
    print(f"  intake: {complaints_per_second:.0f} complaints/s stored (retries not counted)")
    print(f"  intake / floor: {share:.2f}")
    for result, number in zip(intake, range(ROUNDS), strict=True):
        print(
            f"  round {number}: {result['201s']} answered 201 ({result['replays']} retries sent), "
            f"{result['distinct']} distinct complaints, {result['stored']} stored, "
            f"{result['retried']} cut off by wrk's stop sent again: same complaint"
        )
    met = complaints_per_second >= TARGET_RATE and share >= TARGET_SHARE_OF_FLOOR and not problems
    for problem in problems:
        print(f"  PROBLEM {problem}")
    print(
        f"  targets: ≥ {TARGET_RATE} complaints/s, ≥ {TARGET_SHARE_OF_FLOOR:.0%} of the floor, "
        f"none lost or stored twice: {'met' if met else 'MISSED'}"
    )
    # A missed target is a figure to read; a complaint lost or stored twice is a failure.
    return 1 if problems else 0


def main():
    if not shutil.which(WRK):
        print(f"intake: needs wrk ({WRK}, Debian's package wrk)")
        return 1
    load = load_average()
    with production_server("intake", prepare, settings="_intake_settings") as (
        server,
        folder,
        token,
    ):
        return measure(server, token, folder, load)


if __name__ == "__main__":
    sys.exit(main())
