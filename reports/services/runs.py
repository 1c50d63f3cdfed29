"""Builds of the national report: asking for one, building it exactly once, and sweeping up
the builds the broker lost.

A run is asked for by head office (``request_run``) and enqueued only after the commit; the
Celery task (``tasks.build_national_report``) calls ``build_run``, which may be delivered
more than once — a worker killed mid-build leaves its message to be re-delivered (acks_late,
reject_on_worker_lost, the Redis visibility timeout), and the sweeper re-enqueues what the
broker never took or lost — so ``build_run`` is idempotent: a finished run does nothing, and
a run's files are published atomically under fixed names in the run's own folder.
"""

import logging
import os
import tempfile
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_noop

from ..documents.docx import build_summary_docx
from ..documents.summary import generate_summary_html, summary_charts
from ..documents.workbook import build_national_workbook
from ..models import NationalReportRun, run_file_path
from ..selectors.figures import national_figures
from . import summaries

logger = logging.getLogger(__name__)

Status = NationalReportRun.Status

# Stages are stored as their English msgid and translated when shown (selectors.runs).
STAGE_FIGURES = gettext_noop("Collecting the figures")
STAGE_WORKBOOK = gettext_noop("Writing the statistics table")
STAGE_SUMMARY = gettext_noop("Writing the summary")
STAGE_DOCX = gettext_noop("Writing the Word document")
STAGE_DONE = gettext_noop("Finished")
# What head office reads when a build failed; the details go to the log.
BUILD_FAILED = gettext_noop(
    "The build failed. The details are in the server's log; try again, and tell the "
    "portal's administrators if it fails again."
)

# A run whose worker died this many times (killed, out of memory) is not tried again: it
# would take the next worker down with it.
MAX_ATTEMPTS = 3
INTERRUPTED = gettext_noop(
    "The build was interrupted several times (the background service stopped during it). "
    "Try again, and tell the portal's administrators if it happens again."
)

# The files of a run, by the kind the download URL names: (stored name, field).
WORKBOOK_NAME = "workbook.xlsx"
SUMMARY_NAME = "summary.docx"
PARTIAL_SUFFIX = ".part"

# A queued run the broker never took (it was down) is swept after this grace period, which
# leaves the request's own after-commit enqueue time to happen first.
NOT_ENQUEUED_GRACE = timedelta(minutes=1)


def lost_after():
    """How long a run may stay enqueued-but-not-started, or running, before the sweeper takes
    it for lost: past the broker's visibility timeout Redis re-delivers an unacknowledged
    message itself, so a run still not finished then has lost its message (Redis here keeps
    nothing on disk) or its worker; a margin covers the worker's restore sweep."""
    return timedelta(seconds=settings.BROKER_VISIBILITY_TIMEOUT + 120)


def request_run(*, actor, campaign, enqueue=True):
    """(run, created): the campaign's queued or running run if there is one, else a new
    queued run, enqueued once the transaction commits (``enqueue=False``: not enqueued, for
    a caller that builds it itself).

    When the broker is down the run stays queued with ``enqueued_at`` None (the caller can
    read it after the commit and tell the user) and the sweeper enqueues it later. Two
    requests at once get the same run: the partial unique constraint lets one insert win
    and the other returns the winner.
    """
    with transaction.atomic():
        run = _active_run(campaign)
        if run is not None:
            if enqueue and run.status == Status.QUEUED and run.enqueued_at is None:
                _enqueue_after_commit(run.pk)  # the broker was down: perhaps it is back
            return run, False
        try:
            with transaction.atomic():
                run = NationalReportRun.objects.create(campaign=campaign, requested_by=actor)
        except IntegrityError:
            # Another request inserted its run between our check and our insert.
            return _active_run(campaign, required=True), False
        if enqueue:
            _enqueue_after_commit(run.pk)
        logger.info("national report run %s of %s requested by %s", run.pk, campaign, actor)
    return run, True


def _enqueue_after_commit(run_id):
    def enqueue_after_commit():
        enqueue_run(run_id)

    # Named: Django's robust on_commit logs the callback's __qualname__.
    enqueue_after_commit.__qualname__ = f"enqueue_run({run_id})"
    transaction.on_commit(enqueue_after_commit)


def _active_run(campaign, *, required=False):
    runs = NationalReportRun.objects.filter(campaign=campaign, status__in=NationalReportRun.ACTIVE)
    return runs.get() if required else runs.first()


def enqueue_run(run_id):
    """Hand the run to the broker; True when it took it. Never raises: a broker that is down
    is logged and the run is left to the sweeper."""
    from ..tasks import build_national_report  # the task calls back into this module

    try:
        build_national_report.delay(run_id)
    except Exception:  # kombu raises many kinds; all mean "not enqueued"
        logger.error(
            "could not enqueue national report run %s: left to the sweeper", run_id, exc_info=True
        )
        return False
    NationalReportRun.objects.filter(pk=run_id).update(enqueued_at=timezone.now())
    return True


def build_run(*, run_id):
    """Build run ``run_id``: its figures, workbook, summary, charts and Word file.

    Idempotent: a run already succeeded or failed is left as it is; a run found queued or
    running (a re-delivery after its worker died) is built (again) from the start, writing
    the same file names in the run's own folder, so there is only ever one set — unless it
    was already tried MAX_ATTEMPTS times, when it is marked failed instead. It is marked
    succeeded only if it is still running then, so two deliveries at once finish it once.
    Any error marks it failed, with a short message for head office and the details in the
    log. Returns the run as it ends.
    """
    with transaction.atomic():
        run = (
            NationalReportRun.objects.select_for_update()
            .select_related("campaign")
            .filter(pk=run_id)
            .first()
        )
        if run is None or run.is_finished:
            return run
        if run.attempts >= MAX_ATTEMPTS:
            logger.error(
                "national report run %s interrupted %s times: failed", run.pk, run.attempts
            )
            run.status = Status.FAILED
            run.error = INTERRUPTED
            run.finished_at = timezone.now()
            run.save(update_fields=["status", "error", "finished_at"])
            return run
        run.status = Status.RUNNING
        run.attempts += 1
        run.started_at = timezone.now()
        run.progress = 0
        run.stage = STAGE_FIGURES
        run.error = ""
        run.save(update_fields=["status", "attempts", "started_at", "progress", "stage", "error"])
    logger.info("building national report run %s (attempt %s)", run.pk, run.attempts)
    try:
        _build(run)
    except Exception:
        logger.exception("national report run %s failed", run.pk)
        NationalReportRun.objects.filter(pk=run.pk, status=Status.RUNNING).update(
            status=Status.FAILED, error=BUILD_FAILED, finished_at=timezone.now()
        )
    run.refresh_from_db()
    return run


def _build(run):
    _remove_partial_files(run)
    figures = national_figures(run.campaign)
    _set_progress(run, 10, STAGE_WORKBOOK)
    workbook = build_national_workbook(figures, progress=_workbook_progress(run))
    _set_progress(run, 70, STAGE_SUMMARY)
    html = generate_summary_html(figures)
    charts = summary_charts(figures)
    _set_progress(run, 80, STAGE_DOCX)
    docx = build_summary_docx(campaign=run.campaign, html=html, charts=charts)
    _set_progress(run, 95, STAGE_DOCX)
    workbook_name = _publish(run, WORKBOOK_NAME, workbook)
    docx_name = _publish(run, SUMMARY_NAME, docx)
    with transaction.atomic():
        finished = NationalReportRun.objects.filter(pk=run.pk, status=Status.RUNNING).update(
            status=Status.SUCCEEDED,
            progress=100,
            stage=STAGE_DONE,
            finished_at=timezone.now(),
            report_count=figures.report_count,
            latest_change=figures.latest_change,
            workbook=workbook_name,
            summary_docx=docx_name,
            summary_html=html,
            charts=[chart.data for chart in charts],
        )
        if finished:
            run.refresh_from_db()
            summaries.refresh_draft(run)
    logger.info(
        "national report run %s finished (%s)", run.pk, "succeeded" if finished else "already"
    )


def _set_progress(run, percent, stage):
    """Written at once (autocommit), so the polling page sees it while the build goes on."""
    NationalReportRun.objects.filter(pk=run.pk, status=Status.RUNNING).update(
        progress=percent, stage=stage
    )


def _workbook_progress(run):
    """The workbook's progress (0 to 1) as the run's 10–70 %, written when it moves by 5."""
    last = [10]

    def progress(fraction):
        percent = 10 + int(60 * min(max(fraction, 0), 1))
        if percent - last[0] >= 5:
            last[0] = percent
            _set_progress(run, percent, STAGE_WORKBOOK)

    return progress


def _run_folder(run):
    return Path(default_storage.path(run_file_path(run, "")))


def _publish(run, filename, content):
    """Write ``content`` as the run's ``filename`` atomically and return its storage name.

    Written to a temporary file in the same folder, then renamed onto the final name
    (``os.replace``): a reader sees the old file or the new one, never half of one, and a
    re-delivered run replaces the same names. This needs the default FileSystemStorage;
    in production MEDIA_ROOT is one volume shared by every web and worker machine (README),
    so a rename there is seen by all of them.
    """
    name = run_file_path(run, filename)
    path = Path(default_storage.path(name))
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, partial = tempfile.mkstemp(
        dir=path.parent, prefix=f".{filename}.", suffix=PARTIAL_SUFFIX
    )
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(content)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(partial, 0o644)
        os.replace(partial, path)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
    return name


def _remove_partial_files(run):
    """A worker killed while writing leaves a temporary file: the next attempt removes it."""
    folder = _run_folder(run)
    if folder.is_dir():
        for partial in folder.glob(f"*{PARTIAL_SUFFIX}"):
            partial.unlink(missing_ok=True)


def waiting_runs(now=None):
    """The runs the sweeper enqueues: queued ones the broker never took (it was down),
    queued ones enqueued long ago and never started (the message was lost), and running
    ones started so long ago that their worker must have died with the message gone."""
    now = now or timezone.now()
    lost = now - lost_after()
    return NationalReportRun.objects.filter(
        Q(status=Status.QUEUED, enqueued_at__isnull=True, requested_at__lt=now - NOT_ENQUEUED_GRACE)
        | Q(status=Status.QUEUED, enqueued_at__lt=lost)
        | Q(status=Status.RUNNING, started_at__lt=lost)
    ).order_by("pk")


def enqueue_waiting_runs():
    """Enqueue every waiting run again (``build_run`` is idempotent); the ids enqueued."""
    enqueued = []
    for run_id in waiting_runs().values_list("pk", flat=True):
        if enqueue_run(run_id):
            enqueued.append(run_id)
    if enqueued:
        logger.warning("re-enqueued national report runs %s", enqueued)
    return enqueued
