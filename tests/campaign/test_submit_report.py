"""Head office hears of each submission: a notification to each active reviewer."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext

from campaign.models import User
from campaign.services import statistics as service
from portal.models import Notification

from ..factories import UserFactory, organisation, statistics_report, valid_values

SHANGHAI = ZoneInfo("Asia/Shanghai")


def portal_text(msgid, **values):
    """The text as the portal stores it: in its own language (Chinese)."""
    with translation.override("zh-hans"):
        return gettext(msgid) % values


@pytest.fixture
def report(campaign, bureau_a):
    report = statistics_report(campaign, "beijing")
    service.save_report(
        actor=bureau_a, report=report, values=valid_values(report), expected_version=0
    )
    return report


def test_head_office_reviewers_are_told_of_a_submission(
    bureau_a, head_office, hotline, report, time_machine, django_capture_on_commit_callbacks
):
    time_machine.move_to(datetime.datetime(2013, 4, 8, 9, 0, tzinfo=SHANGHAI), tick=False)
    UserFactory(
        username="hq-left",
        organisation=organisation("hq"),
        role=User.Role.REVIEWER,
        is_active=False,
    )
    with django_capture_on_commit_callbacks(execute=True):
        service.submit_report(actor=bureau_a, report=report)

    [notice] = Notification.objects.all()
    assert notice.recipient == head_office
    assert notice.verb == portal_text(
        "%(unit)s submitted its %(year)s statistics", unit="北京保监局", year=2013
    )
    assert notice.link == "/statistics/2013/beijing/review/"
    assert "2013年4月8日 09:00" in notice.body
    assert mail.outbox == []  # the bell only: the e-mails are kept for the alerts


def test_a_late_submission_is_marked_late(bureau_a, head_office, report, time_machine):
    time_machine.move_to(datetime.datetime(2013, 4, 11, 10, 30, tzinfo=SHANGHAI), tick=False)
    service.submit_report(actor=bureau_a, report=report)
    notice = Notification.objects.get(recipient=head_office)
    assert notice.verb == portal_text(
        "%(verb)s (late)",
        verb=portal_text(
            "%(unit)s submitted its %(year)s statistics", unit="北京保监局", year=2013
        ),
    )


def test_a_resubmission_says_so(bureau_a, head_office, report):
    service.submit_report(actor=bureau_a, report=report)
    service.return_report(actor=head_office, report=report, comment="请核实")
    service.submit_report(actor=bureau_a, report=report)
    latest = Notification.objects.filter(recipient=head_office).first()
    assert latest.verb.startswith(
        portal_text("%(unit)s resubmitted its %(year)s statistics", unit="北京保监局", year=2013)
    )


def test_a_refused_submission_tells_nobody(bureau_a, head_office, report):
    service.save_report(
        actor=bureau_a,
        report=report,
        values=valid_values(report) | {"E01": 1},
        expected_version=report.version,
    )
    with pytest.raises(service.SubmissionRefused):
        service.submit_report(actor=bureau_a, report=report)
    assert not Notification.objects.exists()
