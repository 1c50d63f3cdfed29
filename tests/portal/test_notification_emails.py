"""notify(): the rows commit with the caller's change, the e-mail leaves after the commit,
once, and an e-mail with nowhere to go stays pending and is logged."""

import datetime
import logging

import pytest
from django.core import mail
from django.db import transaction

from portal.models import Notification
from portal.notifications import notify
from portal.tasks import send_notification_emails, send_pending_notification_emails


@pytest.fixture
def clerk(bureau_a):
    bureau_a.email = "clerk@beijing.example"
    bureau_a.save()
    return bureau_a


def test_the_email_leaves_after_the_commit_and_is_recorded(
    clerk, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        [row] = notify(
            recipients=[clerk], verb="报表已退回", body="请核实", link="/statistics/2013/beijing/"
        )
        assert mail.outbox == []  # not before the commit
    [message] = mail.outbox
    assert message.to == ["clerk@beijing.example"]
    assert message.subject == "报表已退回"
    assert "请核实" in message.body
    assert "/statistics/2013/beijing/" in message.body
    row.refresh_from_db()
    assert row.emailed_at is not None


def test_a_redelivered_task_does_not_send_twice(clerk, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        [row] = notify(recipients=[clerk], verb="报表已通过")
    assert send_notification_emails([row.pk]) == []
    assert len(mail.outbox) == 1


def test_nothing_is_told_when_the_change_rolls_back(clerk, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        notify(recipients=[clerk], verb="报表已通过")
        raise RuntimeError("the change failed")
    assert callbacks == []
    assert not Notification.objects.exists()
    assert mail.outbox == []


def test_a_portal_only_notification_sends_no_email(clerk, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notify(recipients=[clerk], verb="北京保监局报送了报表", email=False)
    assert callbacks == []
    assert mail.outbox == []
    assert Notification.objects.get().emailed_at is None


def test_a_recipient_named_twice_is_told_once(clerk):
    notify(recipients=[clerk, clerk], verb="报表已通过", email=False)
    assert Notification.objects.count() == 1


def test_an_email_without_an_address_stays_pending_and_is_logged(
    bureau_a, caplog, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        [row] = notify(recipients=[bureau_a], verb="报表已退回")
    row.refresh_from_db()
    assert row.emailed_at is None
    assert mail.outbox == []
    [record] = [r for r in caplog.records if r.name == "portal.notifications"]
    assert record.levelno == logging.ERROR
    assert "no e-mail address" in record.getMessage()


def test_the_sweep_sends_what_was_not_enqueued_once(
    clerk, time_machine, django_capture_on_commit_callbacks
):
    time_machine.move_to("2013-04-09 10:00", tick=False)
    # No on-commit callback runs: as if the broker was down when the change committed.
    [row] = notify(recipients=[clerk], verb="报表已退回")
    assert send_pending_notification_emails() == []  # too recent: its own enqueue may come
    time_machine.shift(datetime.timedelta(minutes=3))

    assert send_pending_notification_emails() == [row.pk]
    assert send_pending_notification_emails() == []
    assert len(mail.outbox) == 1


def test_the_sweep_sends_a_pending_email_once_the_recipient_has_an_address(bureau_a, time_machine):
    time_machine.move_to("2013-04-09 10:00", tick=False)
    [row] = notify(recipients=[bureau_a], verb="报表已退回")
    time_machine.shift(datetime.timedelta(minutes=3))
    assert send_pending_notification_emails() == [row.pk]
    assert mail.outbox == []

    bureau_a.email = "clerk@beijing.example"
    bureau_a.save()
    assert send_pending_notification_emails() == [row.pk]
    assert [m.to for m in mail.outbox] == [["clerk@beijing.example"]]
