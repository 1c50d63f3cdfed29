"""Head office's review of the statistics reports: the table of units, one report, and the
approve / return / reopen decisions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from portal import access

from ..forms.statistics import ReopenReportForm, ReturnReportForm, ReviewFilterForm
from ..selectors import campaigns as campaign_selectors
from ..selectors import reports as report_selectors
from ..selectors import review as review_selectors
from ..selectors.reports import indicators_for
from ..services import statistics as statistics_services

UNITS_PER_PAGE = 100


@login_required
@require_safe
def review_table(request, year):
    access.require(request.user, "review_statistics")
    campaign = campaign_selectors.campaign_for_user(request.user, year)
    search = ReviewFilterForm(request.GET)
    search.is_valid()
    filters = search.cleaned_data
    units = review_selectors.review_table(
        request.user,
        campaign,
        kind=filters.get("kind", ""),
        status=filters.get("status", ""),
        late=filters.get("late", False),
        alerts=filters.get("alerts", False),
        query=filters.get("q", ""),
    )
    page = Paginator(units, UNITS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "campaign/review/unit_table.html",
        {
            "campaign": campaign,
            "search": search,
            "page": page,
            "summary": review_selectors.review_summary(request.user, campaign),
            "filtered": any(filters.get(name) for name in search.fields),
            "AWAITING_REVIEW": review_selectors.AWAITING_REVIEW,
            "NOT_STARTED": review_selectors.NOT_STARTED,
        },
    )


@login_required
@require_safe
def review_report(request, year, code):
    report = report_selectors.report_for_reviewer(request.user, year, code)
    return _render_review(request, report)


def _render_review(request, report, *, return_form=None, reopen_form=None):
    review = review_selectors.report_review(report)
    return_form = return_form or ReturnReportForm(indicators=review["indicators"])
    if return_form.errors:
        # The return form is at the foot of a long page: take the reviewer to it.
        return_form.fields["comment"].widget.attrs["autofocus"] = True
    for section in review["sections"]:
        for row in section["rows"]:
            row["comment_field"] = return_form[row["indicator"].code]
    return render(
        request,
        "campaign/review/report.html",
        {
            "report": report,
            "campaign": report.campaign,
            "return_form": return_form,
            "reopen_form": reopen_form or ReopenReportForm(),
            **review,
        },
    )


@login_required
@require_POST
def approve_report(request, year, code):
    report = report_selectors.report_for_reviewer(request.user, year, code)
    access.require(request.user, "decide_on_reports")
    try:
        statistics_services.approve_report(actor=request.user, report=report)
    except statistics_services.WorkflowError as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(
            request, _("The report of %(unit)s is approved.") % {"unit": report.organisation}
        )
    return redirect("statistics_review_report", year=year, code=code)


@login_required
@require_POST
def return_report(request, year, code):
    report = report_selectors.report_for_reviewer(request.user, year, code)
    access.require(request.user, "decide_on_reports")
    form = ReturnReportForm(request.POST, indicators=indicators_for(report))
    if not form.is_valid():
        return _render_review(request, report, return_form=form)
    try:
        statistics_services.return_report(
            actor=request.user,
            report=report,
            comment=form.cleaned_data["comment"],
            indicator_comments=form.indicator_comments,
        )
    except statistics_services.WorkflowError as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(
            request,
            _("The report has been returned to %(unit)s with your comments.")
            % {"unit": report.organisation},
        )
    return redirect("statistics_review_report", year=year, code=code)


@login_required
@require_POST
def reopen_report(request, year, code):
    report = report_selectors.report_for_reviewer(request.user, year, code)
    access.require(request.user, "decide_on_reports")
    form = ReopenReportForm(request.POST)
    if not form.is_valid():
        return _render_review(request, report, reopen_form=form)
    try:
        statistics_services.reopen_report(
            actor=request.user, report=report, comment=form.cleaned_data["comment"]
        )
    except statistics_services.WorkflowError as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(
            request,
            _("The report of %(unit)s is reopened: the unit can change it again.")
            % {"unit": report.organisation},
        )
    return redirect("statistics_review_report", year=year, code=code)
