"""`make run` as a newcomer starts it: a missing page shows the portal's own Chinese 404 page,
not Django's debug page listing every address, and the static files are still served."""

import os
import shlex
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _runserver_command():
    """The runserver line of `make run`, exactly as make would run it."""
    dry_run = subprocess.run(  # noqa: S603
        # make from PATH, as a newcomer runs it
        [shutil.which("make") or "make", "-n", "run"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env=_env(),
    )
    (line,) = [line for line in dry_run.stdout.splitlines() if " runserver " in line]
    return line


# A newcomer's shell has none of a deployment's settings (the suite may run with some of them,
# e.g. DATABASE_URL on PostgreSQL): `make run` uses SQLite under PORTAL_VAR_DIR.
DEPLOYMENT_VARIABLES = {
    "DEBUG",
    "DJANGO_ENV",
    "DJANGO_SETTINGS_MODULE",
    "DATABASE_URL",
    "CELERY_BROKER_URL",
    "CELERY_RESULT_BACKEND",
    "CACHE_URL",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "STATIC_ROOT",
    "MEDIA_ROOT",
}


def _env(**extra):
    env = {k: v for k, v in os.environ.items() if k not in DEPLOYMENT_VARIABLES}
    return {**env, **extra}


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - our own server
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.fixture
def make_run_server(tmp_path):
    port = _free_port()
    words = shlex.split(_runserver_command().replace("127.0.0.1:8000", f"127.0.0.1:{port}"))
    assignments = dict(word.split("=", 1) for word in words if "=" in word.split("/")[0])
    command = [word for word in words if "=" not in word.split("/")[0]] + ["--noreload"]
    server = subprocess.Popen(  # noqa: S603 - the Makefile's own command
        command,
        cwd=ROOT,
        env=_env(PORTAL_VAR_DIR=str(tmp_path), **assignments),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_a_missing_page_shows_the_portals_own_404_page(make_run_server):
    status, body = _get(f"{make_run_server}/no-such-page/")

    assert status == 404
    assert "页面不存在" in body
    assert "URLconf" not in body
    assert "statistics/&lt;int:year&gt;" not in body


def test_the_static_files_are_served(make_run_server):
    status, body = _get(f"{make_run_server}/static/css/portal.css")

    assert status == 200
    assert body.strip()
