"""The Celery application: configured from Django settings (CELERY_* names)."""

import logging
import os

from celery import Celery
from django.db import transaction

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

logger = logging.getLogger(__name__)


def delay_on_commit(task, *args):
    """Enqueue ``task(*args)`` once the current transaction commits, without ever failing it.

    A broker that is down must not turn a committed change into an error page: the failure
    is logged and the task's scheduled sweep picks up what was not enqueued. (A named
    function, not a ``functools.partial``: Django's robust on_commit logs the callback's
    ``__qualname__``, which a partial lacks, and that logging itself raised.)
    """

    def enqueue():
        try:
            task.delay(*args)
        except Exception:  # kombu raises many kinds; all mean "not enqueued"
            logger.error(
                "could not enqueue %s%r: left to the scheduled sweep",
                task.name,
                args,
                exc_info=True,
            )

    enqueue.__qualname__ = f"delay_on_commit({task.name})"
    transaction.on_commit(enqueue)
