"""The national report's runs as head office's pages show them."""

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext

from campaign.models import StatisticsReport
from campaign.selectors.campaigns import campaign_for_user
from portal import access

from ..models import NationalReportRun
from .figures import source_state


def national_report_campaign(user, year):
    """The campaign whose national report (builds, files, summary) ``user`` works on: 404
    for anyone but head office, as if it had none."""
    if not access.may(user, "national_report"):
        raise Http404
    return campaign_for_user(user, year)


# The downloads of a run: URL kind → (file field, file name, content type).
FILES = {
    "workbook": (
        "workbook",
        "{year}年全国“3·15”系列活动情况统计表.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    "summary": (
        "summary_docx",
        "{year}年全国保险消费者权益保护“3·15”系列活动总结.docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
}


def runs_of(campaign):
    """The campaign's runs, newest first, with who asked for each."""
    return NationalReportRun.objects.filter(campaign=campaign).select_related("requested_by")


def run_of(campaign, pk):
    """The campaign's run ``pk`` (None if it has none such), knowing its campaign."""
    run = runs_of(campaign).filter(pk=pk).first()
    if run is not None:
        run.campaign = campaign
    return run


def latest_run(campaign):
    run = runs_of(campaign).first()
    if run is not None:
        run.campaign = campaign
    return run


def download_name(run, kind):
    return FILES[kind][1].format(year=run.campaign.year)


def stage_label(run):
    """The stage (stored as its English text) in the reader's language."""
    return gettext(run.stage) if run.stage else ""


def error_message(run):
    return gettext(run.error) if run.error else ""


def changes_since(run):
    """None while ``run`` shows the reports as they are; else the number of reports changed
    since it was built (0 when the change was a report no longer counting or removed)."""
    if run is None or run.status != NationalReportRun.Status.SUCCEEDED:
        return None
    if source_state(run.campaign) == (run.report_count, run.latest_change):
        return None
    reports = StatisticsReport.objects.filter(campaign_id=run.campaign_id)
    if run.latest_change is not None:
        reports = reports.filter(updated_at__gt=run.latest_change)
    return reports.count()


def progress_data(run):
    """What the run page's progress bar polls (static/js/run_progress.js)."""
    year = run.campaign.year
    succeeded = run.status == NationalReportRun.Status.SUCCEEDED
    return {
        "status": run.status,
        "status_label": run.get_status_display(),
        "progress": run.progress,
        "stage": stage_label(run),
        "error": error_message(run),
        "finished": run.is_finished,
        "links": {
            "run": reverse("national_report_run", args=[year, run.pk]),
            **(
                {kind: reverse("national_report_file", args=[year, run.pk, kind]) for kind in FILES}
                if succeeded
                else {}
            ),
        },
    }
