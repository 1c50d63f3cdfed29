"""The national summary's page: head office reads the text generated from the figures with
its charts, edits it, marks versions final and downloads each final version's .docx."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from ..documents.charts import Chart
from ..documents.summary import sanitise_summary, summary_title
from ..forms import SummaryForm, SummaryStepForm
from ..selectors import summaries as summary_selectors
from ..selectors.runs import national_report_campaign
from ..services import summaries as summary_services


@login_required
def national_summary(request, year):
    campaign = national_report_campaign(request.user, year)
    page = summary_selectors.summary_page(campaign)
    form = conflict = None
    if page.draft is not None:
        form = SummaryForm(initial={"html": page.draft.html, "version": page.draft.version})
    if request.method == "POST":
        form = SummaryForm(request.POST)
        if form.is_valid():
            try:
                summary_services.save_draft(
                    actor=request.user,
                    campaign=campaign,
                    html=form.cleaned_data["html"],
                    expected_version=form.cleaned_data["version"],
                )
                messages.success(request, _("The summary was saved."))
                return redirect("national_summary", year=year)
            except summary_services.SummaryConflict as problem:
                conflict = problem
                messages.error(request, str(problem))
                page = summary_selectors.summary_page(campaign)
                # The user's text stays in the editor; the version moves on to the stored one.
                form = SummaryForm(
                    initial={"html": form.cleaned_data["html"], "version": page.draft.version}
                )
            except summary_services.SummaryError as problem:
                form.add_error("html", str(problem))
    draft = page.draft
    return render(
        request,
        "reports/summary.html",
        {
            "campaign": campaign,
            "title": summary_title(campaign),
            "page": page,
            "draft": draft,
            # Cleaned again on the way out: only nh3's output is marked safe.
            "text": mark_safe(sanitise_summary(draft.html)) if draft else "",  # noqa: S308  # nosec B308
            "charts": [_readable(Chart.from_data(data)) for data in draft.run.charts]
            if draft
            else [],
            "form": form,
            "conflict": conflict,
            "stored_text": (
                mark_safe(sanitise_summary(page.draft.html)) if conflict else ""  # noqa: S308  # nosec B308
            ),
        },
    )


def _readable(chart):
    """The chart with its stored figures (JSON numbers) as the table beside it shows them:
    whole numbers without ".0", amounts with two decimals."""
    for series in chart.series:
        series.values = [
            None
            if value is None
            else int(value)
            if float(value).is_integer()
            else Decimal(str(value)).quantize(Decimal("0.01"))
            for value in series.values
        ]
    return chart


def _version_read(request):
    """The draft version the page showed (None when the form lacks it: refused as stale)."""
    form = SummaryStepForm(request.POST)
    return form.cleaned_data["version"] if form.is_valid() else None


@login_required
@require_POST
def national_summary_adopt(request, year):
    campaign = national_report_campaign(request.user, year)
    try:
        summary_services.adopt_run_text(
            actor=request.user, campaign=campaign, expected_version=_version_read(request)
        )
        messages.success(
            request, _("The summary now has the text and figures of the latest build.")
        )
    except summary_services.SummaryError as problem:
        messages.error(request, str(problem))
    return redirect("national_summary", year=year)


@login_required
@require_POST
def national_summary_finalise(request, year):
    campaign = national_report_campaign(request.user, year)
    try:
        version = summary_services.finalise_summary(
            actor=request.user, campaign=campaign, expected_version=_version_read(request)
        )
        messages.success(
            request,
            _("Version %(number)s of the summary was marked final.") % {"number": version.number},
        )
    except summary_services.SummaryError as problem:
        messages.error(request, str(problem))
    return redirect("national_summary", year=year)


@login_required
@require_safe
def national_summary_version(request, year, number):
    campaign = national_report_campaign(request.user, year)
    version = summary_selectors.summary_version(campaign, number)
    if version is None or not version.docx:
        raise Http404
    try:
        handle = version.docx.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(
        handle,
        as_attachment=True,
        filename=summary_services.version_filename(campaign, number),
        content_type=DOCX_CONTENT_TYPE,
    )


DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
