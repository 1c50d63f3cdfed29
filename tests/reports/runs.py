"""What the national report runs' tests share: a submitted report, a built run, a broker
that is down."""

import socket

import pytest

from campaign.services import statistics as statistics_services
from portal.celery import app as celery_app

from ..factories import statistics_report, valid_values


def submitted_report(campaign, code, actor):
    report = statistics_report(campaign, code)
    statistics_services.save_report(
        actor=actor, report=report, values=valid_values(report), expected_version=0
    )
    statistics_services.submit_report(actor=actor, report=report)
    return report


def reset_broker_connections():
    """Forget pooled connections, so the next task goes to the broker configured now."""
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def broker_down(settings, monkeypatch):
    """Tasks go through a broker (not in-process), and its port refuses connections."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        url = f"redis://127.0.0.1:{sock.getsockname()[1]}/0"
        settings.CELERY_BROKER_URL = url
        monkeypatch.setenv("CELERY_BROKER_URL", url)
        eager = celery_app.conf.task_always_eager
        celery_app.conf.task_always_eager = False
        reset_broker_connections()
        yield url
    celery_app.conf.task_always_eager = eager
    reset_broker_connections()
