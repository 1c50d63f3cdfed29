"""The portal as production runs it, for the benchmarks that load it over HTTP: a throwaway
PostgreSQL database, the production settings' environment, and gunicorn started and stopped.

The benchmark's own process reaches the same database through bench/_database.py's
development settings (to make its data and count what was stored), with the same secret key
and personal-data keys as the server, so that either side reads what the other wrote.
"""

import contextlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "bench"
POSTGRES = "postgres://postgres@127.0.0.1:5432"
HOST = "portal.example.test"
# As the TLS-terminating proxy in front of gunicorn would send them (SECURE_PROXY_SSL_HEADER).
PROXY_HEADERS = {"Host": HOST, "X-Forwarded-Proto": "https"}
# Redis databases of the benchmarks' own (CI uses 14 and 15), emptied before and after.
BROKER_DB, CACHE_DB = 10, 11
WORKERS = 3


@contextlib.contextmanager
def postgresql_database(prefix):
    """The URL of an empty PostgreSQL database: BENCH_DATABASE_URL's if set, else one created
    here (``<prefix>_<pid>``) and dropped on the way out."""
    given = os.environ.get("BENCH_DATABASE_URL")
    if given:
        yield given
        return
    name = f"{prefix}_{os.getpid()}"
    command = ["-h", "127.0.0.1", "-U", "postgres"]
    subprocess.run(["createdb", *command, name], check=True)  # noqa: S603, S607
    try:
        yield f"{POSTGRES}/{name}"
    finally:
        subprocess.run(["dropdb", *command, "--if-exists", "--force", name], check=False)  # noqa: S603, S607


def shared_keys():
    """SECRET_KEY and the personal-data keys, the same for the server and the benchmark."""
    return {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "PERSONAL_DATA_KEYS": secrets.token_urlsafe(32),
        "PERSONAL_DATA_HASH_KEY": secrets.token_urlsafe(32),
    }


def production_environment(database_url, directory, keys, *, settings="portal.settings"):
    """The variables .ci/run's production profile sets, on the benchmark's database, Redis
    databases and folder."""
    for folder in ("static", "media"):
        Path(directory, folder).mkdir(exist_ok=True)
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "DATABASE_", "CELERY_", "PORTAL_"))
    }
    return (
        environment
        | keys
        | {
            "DJANGO_ENV": "production",
            "DJANGO_SETTINGS_MODULE": settings,
            "ALLOWED_HOSTS": HOST,
            "DATABASE_URL": database_url,
            "CELERY_BROKER_URL": f"redis://127.0.0.1:6379/{BROKER_DB}",
            "CACHE_URL": f"redis://127.0.0.1:6379/{CACHE_DB}",
            "STATIC_ROOT": f"{directory}/static",
            "MEDIA_ROOT": f"{directory}/media",
            "LOG_LEVEL": "WARNING",
        }
    )


def flush_redis():
    for number in (BROKER_DB, CACHE_DB):
        subprocess.run(  # noqa: S603
            ["redis-cli", "-h", "127.0.0.1", "-p", "6379", "-n", str(number), "flushdb"],  # noqa: S607
            check=True,
            stdout=subprocess.DEVNULL,
        )


def collect_static(environment):
    """The production settings' static files storage needs its manifest to render a page."""
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=environment,
        check=True,
    )


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _answers(url, timeout=2):
    request = urllib.request.Request(f"{url}/healthz/", headers=PROXY_HEADERS)  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=timeout):  # noqa: S310
            return True
    except urllib.error.HTTPError:
        return True  # it answered: Django is up
    except OSError:
        return False


def _tail(path, lines=40):
    return "\n".join(Path(path).read_text(errors="replace").splitlines()[-lines:])


def settle(url, count):
    """Wait until the requests a load generator left in flight when it stopped have been
    served: gunicorn's workers still handle those already sent. A round of requests queued
    behind them, then ``count()`` (what they store) unchanged for a second."""
    with ThreadPoolExecutor(2 * WORKERS) as pool:
        list(pool.map(lambda _: _answers(url, timeout=60), range(2 * WORKERS)))
    last = count()
    while True:
        time.sleep(1)
        now = count()
        if now == last:
            return
        last = now


class Server:
    def __init__(self, url, pid):
        self.url = url
        self.pid = pid

    def worker_cpu_seconds(self):
        """The CPU time (user and system) its workers have used so far: what a request costs
        the server, however busy the rest of the machine is."""
        children = Path(f"/proc/{self.pid}/task/{self.pid}/children").read_text().split()
        ticks = 0
        for child in children:
            stat = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(stat[11]) + int(stat[12])  # utime and stime, fields 14 and 15
        return ticks / os.sysconf("SC_CLK_TCK")


@contextlib.contextmanager
def gunicorn(environment, log_path):
    """gunicorn with WORKERS sync workers on a free loopback port; yields it as a Server.
    Stopped (its whole process group) on the way out, also when the benchmark fails."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    with open(log_path, "w") as log:
        process = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "gunicorn",
                "portal.wsgi:application",
                "--workers",
                str(WORKERS),
                "--bind",
                f"127.0.0.1:{port}",
                # Not the control socket every gunicorn shares in ~/.gunicorn/ by default.
                "--no-control-socket",
            ],
            cwd=ROOT,
            # After the portal's own folder (gunicorn's first): bench/complaints.py must not
            # stand in for the complaints app.
            env=environment | {"PYTHONPATH": str(BENCH_DIR)},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        for _ in range(300):
            if process.poll() is not None:
                raise RuntimeError(f"gunicorn exited: see {log_path}")
            if _answers(url):
                break
            time.sleep(0.1)
        else:
            raise RuntimeError(f"gunicorn did not answer in 30 s: see {log_path}")
        yield Server(url, process.pid)
    except BaseException:
        print(f"gunicorn's log ends:\n{_tail(log_path)}", file=sys.stderr)
        raise
    finally:
        process.terminate()  # gunicorn's graceful stop, workers included
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def load_average():
    """The machine's load averages over 1, 5 and 15 minutes, as the kernel prints them."""
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


@contextlib.contextmanager
def production_server(name, prepare, *, settings="portal.settings", static=False):
    """The portal under gunicorn with the production settings, on a throwaway PostgreSQL
    database migrated and filled by ``prepare()`` in this process; yields (server, folder,
    what ``prepare`` returned). ``static``: collect the static files (pages with forms).
    Redis's benchmark databases are emptied before and after."""
    from _database import set_up

    keys = shared_keys()
    os.environ.update(keys)
    with (
        postgresql_database(f"bench_{name}") as database_url,
        tempfile.TemporaryDirectory(prefix=f"bench-{name}-") as directory,
    ):
        os.environ["BENCH_DATABASE_URL"] = database_url
        set_up(directory, fill=False)
        from django.core.management import call_command
        from django.db import connection

        call_command("migrate", verbosity=0)
        prepared = prepare()
        environment = production_environment(database_url, directory, keys, settings=settings)
        if static:
            collect_static(environment)
        flush_redis()
        try:
            with gunicorn(environment, f"{directory}/gunicorn.log") as server:
                yield server, Path(directory), prepared
        finally:
            flush_redis()
            connection.close()
