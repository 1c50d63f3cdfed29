"""Time travel for the demo: services run as if it were the day a step happened."""

import contextlib
import datetime
import itertools
from unittest import mock
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

BEIJING = ZoneInfo(settings.TIME_ZONE)


def at(date, hour, minute=0):
    return datetime.datetime.combine(date, datetime.time(hour, minute), BEIJING)


@contextlib.contextmanager
def dated(moment):
    """Run services as if it were ``moment`` (Beijing time): the 2013 steps get 2013 dates in
    their transitions, history and lateness, as if they had happened then. Each reading of
    the clock moves it on by a millisecond, so the steps keep their order."""
    ticks = itertools.count()
    with mock.patch.object(
        timezone, "now", lambda: moment + datetime.timedelta(milliseconds=next(ticks))
    ):
        yield
