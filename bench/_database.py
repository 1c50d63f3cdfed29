"""A throwaway database with the demo data, for a benchmark run in its own process: SQLite
in a temporary folder, or the empty PostgreSQL database named by BENCH_DATABASE_URL."""

import io
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def set_up(directory):
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
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("seed_demo", stdout=io.StringIO())
