"""Run every benchmark in bench/ (`make bench`), each in its own process.

A benchmark is a module here with a ``main()``; it sets up its own throwaway database,
never var/db.sqlite3, and prints its figures with ``machine_description()``. When the
PostgreSQL server of BENCH_POSTGRES (default postgres://postgres@127.0.0.1:5432) answers,
each benchmark gets an empty database of its own there, named in BENCH_DATABASE_URL and
dropped afterwards; otherwise each runs on SQLite, with smaller sizes, and this says so.
"""

import contextlib
import os
import platform
import subprocess
import sys
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432").rstrip("/")


def machine_description():
    """Platform, CPU model, cores, Python, Django, openpyxl and database, on one line."""
    import django
    import openpyxl
    from django.db import connection

    cpuinfo = Path("/proc/cpuinfo")
    lines = cpuinfo.read_text().splitlines() if cpuinfo.exists() else []
    models = [line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")]
    cpu = models[0] if models else platform.processor() or platform.machine()
    cores = len(models) or os.cpu_count()
    database = connection.vendor
    if database == "sqlite":
        database += f" {connection.Database.sqlite_version}"
    elif database == "postgresql":
        connection.ensure_connection()
        version = connection.pg_version  # e.g. 150020
        database = f"PostgreSQL {version // 10000}.{version % 100}"
    return (
        f"{platform.platform()} | {cpu} | {cores} cores | Python {platform.python_version()} | "
        f"Django {django.get_version()} | openpyxl {openpyxl.__version__} | {database}"
    )


def benchmarks():
    return sorted(
        path
        for path in BENCH_DIR.glob("*.py")
        if path.name != "run.py" and not path.name.startswith("_")
    )


def _admin_connection():
    """A connection to the server's ``postgres`` database, or None when it does not answer."""
    import psycopg2

    try:
        connection = psycopg2.connect(f"{SERVER}/postgres", connect_timeout=3)
    except psycopg2.OperationalError:
        return None
    connection.autocommit = True  # CREATE and DROP DATABASE run outside a transaction
    return connection


@contextlib.contextmanager
def throwaway_database(admin, name):
    """An empty PostgreSQL database ``name`` for one benchmark, dropped afterwards."""
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{SERVER}/{name}"
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main():
    admin = _admin_connection()
    if admin is None:
        print(f"PostgreSQL does not answer at {SERVER}: SQLite, with smaller sizes", flush=True)
    failed = []
    for path in benchmarks():
        print(f"== {path.stem}", flush=True)
        command = [sys.executable, str(path)]
        if admin is None:
            code = subprocess.run(command, cwd=BENCH_DIR.parent).returncode  # noqa: S603
        else:
            with throwaway_database(admin, f"bench_{path.stem}_{os.getpid()}") as url:
                code = subprocess.run(  # noqa: S603
                    command, cwd=BENCH_DIR.parent, env={**os.environ, "BENCH_DATABASE_URL": url}
                ).returncode
        if code:
            failed.append(path.stem)
    if failed:
        print(f"failed: {', '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
