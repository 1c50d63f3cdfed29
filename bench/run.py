"""Run every benchmark in bench/ (`make bench`), each in its own process.

A benchmark is a module here with a ``main()``; it sets up its own throwaway database,
never var/db.sqlite3, and prints its figures with ``machine_description()``.
"""

import os
import platform
import subprocess
import sys
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent


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


def main():
    failed = []
    for path in benchmarks():
        print(f"== {path.stem}", flush=True)
        if subprocess.run([sys.executable, str(path)], cwd=BENCH_DIR.parent).returncode:  # noqa: S603  # nosec B603
            failed.append(path.stem)
    if failed:
        print(f"failed: {', '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
