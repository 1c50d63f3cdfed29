"""Media reports (新闻报道, 专栏): a unit records its own; head office reads every unit's."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from portal import access

from ..forms.media_reports import MediaReportFilterForm, MediaReportForm
from ..selectors import media_reports as selectors
from ..selectors.campaigns import campaign_for_user, current_campaign_or_404
from ..services import media_reports as services

PER_PAGE = 25


@login_required
@require_safe
def media_report_home(request):
    """Where the navigation's "Media reports" leads: the current campaign's list."""
    access.require(request.user, "view_activities")
    campaign = current_campaign_or_404(request.user)
    return redirect("media_report_list", year=campaign.year)


@login_required
@require_safe
def media_report_list(request, year):
    """A unit's own media reports of the campaign; head office's national list, by unit."""
    campaign = campaign_for_user(request.user, year)
    access.require(request.user, "view_activities")
    search = None
    unit = None
    if access.is_head_office(request.user):
        search = MediaReportFilterForm(
            request.GET, units=selectors.units_with_media_reports(campaign)
        )
        unit = search.chosen_unit
    reports = selectors.media_reports_for(request.user, campaign, unit=unit)
    context = {
        "campaign": campaign,
        "search": search,
        "page": Paginator(reports, PER_PAGE).get_page(request.GET.get("page")),
        "may_record": access.may(request.user, "record_activities"),
    }
    return render(request, "campaign/media_reports/list.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def media_report_new(request, year):
    campaign = campaign_for_user(request.user, year)
    access.require(request.user, "record_activities")
    form = MediaReportForm(request.POST or None)
    if form.is_valid():
        try:
            services.record_media_report(actor=request.user, campaign=campaign, **form.cleaned_data)
        except ValidationError as refusal:
            form.add_error(None, refusal)
        else:
            messages.success(request, _("The media report is recorded."))
            return redirect("media_report_list", year=year)
    context = {"form": form, "campaign": campaign, "report": None}
    return render(request, "campaign/media_reports/form.html", context)


def _own_report(request, year, pk):
    """404 for another unit's media report; 403 for one seen (head office) but not the user's."""
    report = selectors.media_report_for(request.user, year, pk)
    access.require(request.user, "record_activities", report)
    return report


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def media_report_edit(request, year, pk):
    report = _own_report(request, year, pk)
    form = MediaReportForm(request.POST or None, instance=report)
    if form.is_valid():
        try:
            services.update_media_report(actor=request.user, report=report, **form.cleaned_data)
        except ValidationError as refusal:
            form.add_error(None, refusal)
        else:
            messages.success(request, _("The media report is saved."))
            return redirect("media_report_list", year=year)
    context = {"form": form, "campaign": report.campaign, "report": report}
    return render(request, "campaign/media_reports/form.html", context)


@login_required
@require_POST
def media_report_delete(request, year, pk):
    report = _own_report(request, year, pk)
    try:
        services.delete_media_report(actor=request.user, report=report)
    except ValidationError as refusal:
        messages.error(request, " ".join(refusal.messages))
    else:
        messages.success(request, _("%(title)s is deleted.") % {"title": report.title})
    return redirect("media_report_list", year=year)
