"""Head office's national report page: the latest build, the build button, a run's live
progress, and the files a run wrote."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from campaign.selectors import campaigns as campaign_selectors
from portal import access

from ..models import NationalReportRun
from ..selectors import runs as run_selectors
from ..services import runs as run_services

RUNS_PER_PAGE = 20


def _run(user, year, pk):
    campaign = run_selectors.national_report_campaign(user, year)
    run = run_selectors.run_of(campaign, pk)
    if run is None:
        raise Http404
    return run


@login_required
@require_safe
def national_report_home(request):
    """Where the navigation's 全国汇总 leads: the current campaign's national report."""
    if not access.may(request.user, "national_report"):
        raise Http404
    campaign = campaign_selectors.current_campaign_for(request.user)
    if campaign is None:
        raise Http404
    return redirect("national_report", year=campaign.year)


@login_required
@require_safe
def national_report(request, year):
    campaign = run_selectors.national_report_campaign(request.user, year)
    page = Paginator(run_selectors.runs_of(campaign), RUNS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    latest = run_selectors.latest_run(campaign)
    return render(
        request,
        "reports/national_report.html",
        {
            "campaign": campaign,
            "latest": latest,
            "latest_stage": run_selectors.stage_label(latest) if latest else "",
            "latest_error": run_selectors.error_message(latest) if latest else "",
            "changes_since": run_selectors.changes_since(latest),
            "page": page,
        },
    )


@login_required
@require_POST
def national_report_build(request, year):
    campaign = run_selectors.national_report_campaign(request.user, year)
    run, created = run_services.request_run(actor=request.user, campaign=campaign)
    run.refresh_from_db()  # after the commit: whether the broker took it
    if not created:
        messages.info(
            request,
            _("The report was already being built: here is that build. No second one was started."),
        )
    if run.status == NationalReportRun.Status.QUEUED and run.enqueued_at is None:
        messages.warning(
            request,
            _(
                "The build is recorded, but the background service is not answering: it will "
                "start by itself when the service is back. You can leave this page."
            ),
        )
    elif created:
        messages.success(request, _("The build has started: this page shows how far it is."))
    return redirect("national_report_run", year=year, pk=run.pk)


@login_required
@require_safe
def national_report_run(request, year, pk):
    run = _run(request.user, year, pk)
    return render(
        request,
        "reports/run.html",
        {
            "campaign": run.campaign,
            "run": run,
            "stage": run_selectors.stage_label(run),
            "error": run_selectors.error_message(run),
            "changes_since": run_selectors.changes_since(run),
        },
    )


@login_required
@require_safe
def national_report_run_progress(request, year, pk):
    run = _run(request.user, year, pk)
    return JsonResponse(run_selectors.progress_data(run))


@login_required
@require_safe
def national_report_file(request, year, pk, kind):
    run = _run(request.user, year, pk)
    if kind not in run_selectors.FILES or run.status != NationalReportRun.Status.SUCCEEDED:
        raise Http404
    field, _name, content_type = run_selectors.FILES[kind]
    file = getattr(run, field)
    if not file:
        raise Http404
    try:
        handle = file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(
        handle,
        as_attachment=True,
        filename=run_selectors.download_name(run, kind),
        content_type=content_type,
    )
