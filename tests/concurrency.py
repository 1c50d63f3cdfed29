"""Steps taken by two people at the same moment, for the tests of row locks (PostgreSQL:
SQLite runs one write transaction at a time)."""

import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections

ON_POSTGRESQL_WITH_REAL_TRANSACTIONS = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="SQLite runs one write transaction at a time"
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.postgresql,
]


def at_once(*steps):
    """Run each step in its own thread and connection, released together; their outcomes."""
    start = threading.Barrier(len(steps), timeout=10)
    outcomes = [None] * len(steps)

    def run(index, step):
        try:
            start.wait()
            outcomes[index] = step()
        except (ValidationError, PermissionDenied) as refusal:
            outcomes[index] = refusal
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(steps)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def refused(outcomes):
    return [o for o in outcomes if isinstance(o, ValidationError | PermissionDenied)]
