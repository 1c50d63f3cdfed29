"""Submitting a report with a group incident while Redis is down: the submission is stored,
the unit gets the normal "submitted" page, and the alert is left to the scheduled sweep."""

import datetime
import socket
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from campaign.models import ReportTransition, StatisticsReport
from campaign.services import statistics as service
from portal.celery import app as celery_app

from ..factories import statistics_report, valid_values

URL = "/statistics/2013/beijing/"
SHANGHAI = ZoneInfo("Asia/Shanghai")

# Transactional, so the view's own commit runs the on-commit handlers as in production;
# the reference data the migrations loaded is restored afterwards.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def reset_broker_connections():
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def broker_down(settings, monkeypatch):
    """Tasks go through a broker (not in-process), and its port refuses connections."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        url = f"redis://127.0.0.1:{sock.getsockname()[1]}/0"
        settings.CELERY_BROKER_URL = url
        settings.CELERY_TASK_ALWAYS_EAGER = False
        monkeypatch.setenv("CELERY_BROKER_URL", url)
        eager = celery_app.conf.task_always_eager
        celery_app.conf.task_always_eager = False
        reset_broker_connections()
        yield url
    celery_app.conf.task_always_eager = eager
    reset_broker_connections()


def test_the_unit_sees_its_report_submitted_and_the_alert_waits_for_the_sweep(
    client, bureau_a, head_office, campaign, broker_down, time_machine
):
    time_machine.move_to(datetime.datetime(2013, 4, 8, 9, 0, tzinfo=SHANGHAI), tick=False)
    report = statistics_report(campaign, "beijing")
    values = valid_values(report) | {"E10": Decimal(1)}
    # Saved first, as the unit would: the form then asks for the note the E10 warning needs.
    service.save_report(actor=bureau_a, report=report, values=values, expected_version=0)
    client.force_login(bureau_a)
    client.raise_request_exception = False
    data = {"version": report.version, "summary": "", "submit": ""}
    data |= {code: str(value) for code, value in values.items()}
    data["note:E10-ALERT"] = "已及时处置"

    response = client.post(URL, data, follow=True)

    assert response.status_code == 200
    assert response.redirect_chain == [(URL, 302)]
    assert [str(message) for message in response.context["messages"]] == ["已报送保监会。"]
    report.refresh_from_db()
    assert report.status == StatisticsReport.Status.SUBMITTED
    submission = ReportTransition.objects.get(report=report, action="submit")
    assert submission.alert_due and submission.alert_sent_at is None
