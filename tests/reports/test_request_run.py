"""Asking for a build: one run per campaign while one is queued or running, enqueued after
the commit, recorded when the broker is down and swept up once it is back."""

import datetime

import pytest
from django.db import IntegrityError

from portal.celery import app as celery_app
from reports.models import NationalReportRun
from reports.services import runs
from reports.tasks import enqueue_waiting_runs

Status = NationalReportRun.Status


def test_asking_twice_returns_the_same_run(campaign, head_office):
    first, created = runs.request_run(actor=head_office, campaign=campaign, enqueue=False)
    again, created_again = runs.request_run(actor=head_office, campaign=campaign, enqueue=False)

    assert created and not created_again
    assert again == first
    assert NationalReportRun.objects.count() == 1


def test_a_run_is_enqueued_only_after_the_commit_and_builds(
    campaign, head_office, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        run, created = runs.request_run(actor=head_office, campaign=campaign)
        assert run.status == Status.QUEUED  # nothing ran inside the transaction
    assert created and len(callbacks) == 1

    callbacks[0]()  # the commit: tasks run in-process here

    run.refresh_from_db()
    assert run.status == Status.SUCCEEDED
    assert run.enqueued_at is not None
    assert run.requested_by == head_office


def test_a_finished_run_does_not_stop_a_new_one(campaign, head_office):
    NationalReportRun.objects.create(campaign=campaign, status=Status.SUCCEEDED)

    run, created = runs.request_run(actor=head_office, campaign=campaign, enqueue=False)

    assert created
    assert NationalReportRun.objects.filter(status__in=NationalReportRun.ACTIVE).get() == run


def test_two_requests_at_once_get_one_active_run(campaign, head_office, monkeypatch):
    """The other request inserts its run between this one's check and its insert."""
    winner = NationalReportRun.objects.create(campaign=campaign, requested_by=head_office)
    real_active_run = runs._active_run
    checks = []

    def active_run_missed_once(campaign, required=False):
        checks.append(required)
        return None if len(checks) == 1 else real_active_run(campaign, required=required)

    monkeypatch.setattr(runs, "_active_run", active_run_missed_once)

    run, created = runs.request_run(actor=head_office, campaign=campaign, enqueue=False)

    assert (run, created) == (winner, False)
    assert checks == [False, True]  # the check missed it, the insert failed, the winner
    assert NationalReportRun.objects.filter(status__in=NationalReportRun.ACTIVE).count() == 1


def test_the_database_refuses_a_second_active_run(campaign):
    NationalReportRun.objects.create(campaign=campaign, status=Status.RUNNING)
    with pytest.raises(IntegrityError):
        NationalReportRun.objects.create(campaign=campaign)


@pytest.mark.usefixtures("broker_down")
def test_broker_down_leaves_the_run_queued_for_the_sweeper_which_builds_it_later(
    campaign, head_office, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run, created = runs.request_run(actor=head_office, campaign=campaign)

    run.refresh_from_db()
    assert created
    assert (run.status, run.enqueued_at) == (Status.QUEUED, None)
    assert enqueue_waiting_runs() == []  # the broker is still down, and it is too soon

    # The broker is back (tasks in-process again) and a minute has passed.
    celery_app.conf.task_always_eager = True
    NationalReportRun.objects.filter(pk=run.pk).update(
        requested_at=run.requested_at - datetime.timedelta(minutes=2)
    )

    assert enqueue_waiting_runs() == [run.pk]

    run.refresh_from_db()
    assert run.status == Status.SUCCEEDED
    assert run.attempts == 1
    assert enqueue_waiting_runs() == []


def test_the_sweeper_takes_runs_whose_message_or_worker_was_lost(campaign, settings):
    settings.BROKER_VISIBILITY_TIMEOUT = 600
    now = datetime.datetime(2013, 4, 10, 9, 0, tzinfo=datetime.UTC)
    long_ago = now - datetime.timedelta(minutes=20)
    lost_message = NationalReportRun.objects.create(campaign=campaign)
    NationalReportRun.objects.filter(pk=lost_message.pk).update(
        requested_at=long_ago, enqueued_at=long_ago
    )

    assert list(runs.waiting_runs(now)) == [lost_message]

    NationalReportRun.objects.filter(pk=lost_message.pk).update(
        status=Status.RUNNING, started_at=long_ago
    )
    assert list(runs.waiting_runs(now)) == [lost_message]

    NationalReportRun.objects.filter(pk=lost_message.pk).update(started_at=now)
    assert list(runs.waiting_runs(now)) == []  # a worker is on it

    NationalReportRun.objects.filter(pk=lost_message.pk).update(
        status=Status.QUEUED, started_at=None, enqueued_at=now - datetime.timedelta(minutes=1)
    )
    assert list(runs.waiting_runs(now)) == []  # waiting its turn in the queue


@pytest.mark.usefixtures("broker_down")
def test_asking_again_retries_a_run_the_broker_never_took(
    campaign, head_office, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run, _ = runs.request_run(actor=head_office, campaign=campaign)
    celery_app.conf.task_always_eager = True  # the broker is back

    with django_capture_on_commit_callbacks(execute=True):
        again, created = runs.request_run(actor=head_office, campaign=campaign)

    again.refresh_from_db()
    assert (again, created) == (run, False)
    assert again.status == Status.SUCCEEDED
