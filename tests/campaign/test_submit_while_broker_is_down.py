"""Submitting a report with a group incident while Redis is down: the submission is stored,
the unit gets the normal "submitted" page, and the alert is left to the scheduled sweep."""

import datetime
import socket
import threading
import time
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from campaign.models import ReportTransition, StatisticsReport
from campaign.services import statistics as service
from portal.celery import app as celery_app
from portal.models import Notification

from ..conftest import reset_broker_connections
from ..factories import RESPONSIBLE_POSTED, statistics_report, valid_values

URL = "/statistics/2013/beijing/"
SHANGHAI = ZoneInfo("Asia/Shanghai")

# Transactional, so the view's own commit runs the on-commit handlers as in production;
# the reference data the migrations loaded is restored afterwards.
pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.postgresql,
]


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
    data |= {code: str(value) for code, value in values.items()} | RESPONSIBLE_POSTED
    data["note:E10-ALERT"] = "已及时处置"

    response = client.post(URL, data, follow=True)

    assert response.status_code == 200
    assert response.redirect_chain == [(URL, 302)]
    [message] = response.context["messages"]
    assert message.level_tag == "success"
    assert "2013年4月8日 09:00" in str(message)
    report.refresh_from_db()
    assert report.status == StatisticsReport.Status.SUBMITTED
    submission = ReportTransition.objects.get(report=report, action="submit")
    assert submission.alert_due and submission.alert_sent_at is None


@pytest.fixture
def broker_hung(settings, monkeypatch):
    """A broker that takes connections and never answers (a frozen Redis, a half-open
    connection): only a socket timeout ends the wait."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(100)
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


def test_head_office_returns_a_report_while_the_broker_hangs(
    client, bureau_a, head_office, campaign, broker_hung
):
    report = statistics_report(campaign, "beijing")
    service.save_report(
        actor=bureau_a, report=report, values=valid_values(report), expected_version=0
    )
    service.submit_report(actor=bureau_a, report=report)
    bureau_a.email = "clerk@beijing.example.cn"
    bureau_a.save()
    client.force_login(head_office)
    client.raise_request_exception = False
    answered = []
    # In a thread, so that a request hanging for ever fails the test instead of the run.
    reviewer = threading.Thread(
        target=lambda: answered.append(
            client.post("/statistics/2013/beijing/return/", {"comment": "请核实"})
        ),
        daemon=True,
    )
    started = time.monotonic()
    reviewer.start()
    reviewer.join(30)
    assert answered, "the return was still waiting for the broker after 30 s"
    assert time.monotonic() - started < 15
    assert answered[0].status_code == 302
    report.refresh_from_db()
    assert report.status == StatisticsReport.Status.RETURNED
    emailed = Notification.objects.filter(recipient=bureau_a).values_list("emailed_at", flat=True)
    assert list(emailed) == [None]  # left to the sweep
