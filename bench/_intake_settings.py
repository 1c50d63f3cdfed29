"""The portal's settings with the benchmark's URLconf (bench/_intake_urls.py): the raw-insert
floor view is served by the benchmark's gunicorn only, never by the portal's."""

from portal.settings import *  # noqa: F403

ROOT_URLCONF = "_intake_urls"
