"""A unit's statistics form: fill in, save drafts, submit; attachments; history."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from portal import access

from .. import validation
from ..forms.statistics import AttachmentForm, StatisticsForm
from ..models import StatisticsReport
from ..selectors import campaigns as campaign_selectors
from ..selectors import reports as report_selectors
from ..selectors import statistics as statistics_selectors
from ..selectors.campaigns import current_campaign_or_404
from ..selectors.reports import report_timeline
from ..services import attachments as attachment_services
from ..services import statistics as statistics_services

HISTORY_PER_PAGE = 50


@login_required
@require_safe
def statistics_home(request):
    """Where the navigation's "Statistics" leads: the unit's own form, or head office's review."""
    campaign = current_campaign_or_404(request.user)
    if access.may(request.user, "review_statistics"):
        return redirect("statistics_review", year=campaign.year)
    if access.may(request.user, "fill_statistics", campaign):
        return redirect("statistics_form", year=campaign.year, code=request.user.organisation.code)
    if access.may(request.user, "fill_statistics"):
        # A unit the campaign does not expect: the campaign's page tells it so.
        return redirect("campaign_detail", year=campaign.year)
    raise PermissionDenied


def unit_report(user, year, code):
    """The report the URL names. A unit's own report is started (an empty draft) the first
    time one of its people opens it; anyone else sees only reports that exist."""
    campaign = campaign_selectors.campaign_for_user(user, year)
    if user.organisation.code == code and access.may(user, "fill_statistics", campaign):
        statistics_services.start_report(
            actor=user, campaign=campaign, organisation=user.organisation
        )
    return report_selectors.report_for_user(user, year, code)


def _initial(report, page, user):
    initial = {"version": report.version, "summary": report.summary}
    initial.update(statistics_selectors.responsibility_initial(report, user))
    for indicator in page["indicators"]:
        initial[indicator.code] = validation.format_value(
            indicator, page["stored_values"].get(indicator.code)
        )
    for key, note in page["notes"].items():
        initial[StatisticsForm.NOTE_PREFIX + key] = note
    return initial


def _warning_keys(page):
    return sorted({f.key for f in page["warnings"]} | set(page["notes"]))


@login_required
def statistics_form(request, year, code):
    report = unit_report(request.user, year, code)
    page = statistics_selectors.statistics_form(report)
    editable = access.may(request.user, "edit_report", report) and report.accepts_changes
    conflict = refused = None
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        form = StatisticsForm(
            request.POST, indicators=page["indicators"], warning_keys=_warning_keys(page)
        )
        if form.is_valid():
            try:
                statistics_services.save_report(
                    actor=request.user,
                    report=report,
                    values=form.values,
                    summary=form.cleaned_data["summary"],
                    notes=form.notes,
                    contacts=form.contacts,
                    no_sales_confirmed=form.cleaned_data["no_sales_confirmed"],
                    expected_version=form.cleaned_data["version"],
                )
                if "submit" in request.POST:
                    # On the version just saved: a colleague's save in between is a conflict.
                    submitted = statistics_services.submit_report(
                        actor=request.user, report=report, expected_version=report.version
                    )
                    messages.success(request, _submitted_message(submitted))
                else:
                    messages.success(request, _("Draft saved."))
                return redirect("statistics_form", year=year, code=code)
            except statistics_services.ReportConflict as problem:
                conflict = problem
            except statistics_services.SubmissionRefused as problem:
                refused = problem
            except statistics_services.WorkflowError as problem:
                messages.error(request, str(problem))
                return redirect("statistics_form", year=year, code=code)
        # Show the user's own input again, checked against what is stored now.
        report.refresh_from_db()
        page = statistics_selectors.statistics_form(
            report, values=getattr(form, "values", None), complete=refused is not None
        )
        data = request.POST.copy()
        if conflict or refused:
            # After a conflict a second save is a deliberate overwrite; after a refused
            # submission the draft was saved, so the form moves on to that version.
            data["version"] = report.version
        form = StatisticsForm(data, indicators=page["indicators"], warning_keys=_warning_keys(page))
        form.is_valid()
        _pin_findings(form, refused)
    else:
        form = StatisticsForm(
            initial=_initial(report, page, request.user),
            indicators=page["indicators"],
            warning_keys=_warning_keys(page),
        )
    _attach_fields(page, form)
    return render(
        request,
        "campaign/statistics/form.html",
        {
            **page,
            "report": report,
            "campaign": report.campaign,
            "form": form,
            "editable": editable,
            "conflict": conflict,
            "refused": refused,
            "attachment_form": AttachmentForm(),
            "days_left": report.campaign.days_left(timezone.localdate()),
            "past_deadline": report.campaign.is_late_at(timezone.now()),
            **_problems(page, form, editable, refused),
        },
    )


def _problems(page, form, editable, refused):
    """What the progress panel and the refusals list, each item with the anchor of the field
    to go to: values that could not be read (``unreadable``), the checks' errors, their
    warnings, and the warnings a refused submission wants a note on. Read-only, without
    inputs, the anchor is the indicator's row."""
    names = {indicator.code: indicator.name for indicator in page["indicators"]}

    def item(field, code, message):
        anchor = form[field].auto_id if editable and field in form.fields else f"row-{code}"
        name = names.get(code, "") if code else form.fields[field].label
        return {"anchor": anchor, "code": code, "name": name, "message": message}

    unreadable = [
        item(name, "" if name == "summary" else name, errors[0])
        for name, errors in form.errors.items()
        if name in names or name == "summary"
    ]
    unnoted = {finding.key for finding in refused.unacknowledged} if refused else set()
    warnings = [
        (f.key, item(StatisticsForm.NOTE_PREFIX + f.key, f.code, f.message))
        for f in page["warnings"]
    ]
    return {
        "unreadable": unreadable,
        "error_items": unreadable + [item(f.code, f.code, f.message) for f in page["errors"]],
        "warning_items": [warning for _key, warning in warnings],
        "unnoted_items": [warning for key, warning in warnings if key in unnoted],
    }


def _attach_fields(page, form):
    """Give each row of the page its input and the note inputs of its warnings, and the
    page the inputs of who is responsible."""
    for name in (*StatisticsReport.CONTACT_FIELDS, "no_sales_confirmed"):
        if form.errors.get(name):
            form.fields[name].widget.attrs["class"] += " is-invalid"
    page["responsibility_fields"] = [form[name] for name in StatisticsReport.CONTACT_FIELDS]
    for section in page["sections"]:
        for row in section["rows"]:
            code = row["indicator"].code
            if form.errors.get(code) or any(f.is_error for f in row["findings"]):
                form.fields[code].widget.attrs["class"] += " is-invalid"
            if row["recorded"] is not None:
                form.fields[code].widget.attrs["aria-describedby"] = f"recorded-{code}"
            row["field"] = form[code]
            row["value"] = page["stored_values"].get(code)
            row["warnings"] = [
                (finding, form[StatisticsForm.NOTE_PREFIX + finding.key])
                for finding in row["findings"]
                if not finding.is_error
            ]
            row["errors"] = [finding for finding in row["findings"] if finding.is_error]


def _submitted_message(report):
    """What the user is told of the submission ``report`` (as submit_report returns it) has
    just had: its time, and whether that time is past the deadline."""
    time = formats.date_format(timezone.localtime(report.submitted_at), "DATETIME_FORMAT")
    if report.campaign.is_late_at(report.submitted_at):
        return _("Submitted to head office at %(time)s, after the deadline: marked late.") % {
            "time": time
        }
    return _("Submitted to head office at %(time)s.") % {"time": time}


def _pin_findings(form, refused):
    """Mark what still keeps the report from being submitted next to its field: warnings
    without a note, and who is responsible."""
    if refused is None:
        return
    for name, message in refused.missing.items():
        if name in form.fields and not form.has_error(name):
            form.add_error(name, message)
    for finding in refused.unacknowledged:
        name = StatisticsForm.NOTE_PREFIX + finding.key
        if name in form.fields:
            form.add_error(name, _("Add a note to this warning before submitting."))


@login_required
@require_safe
def statistics_history(request, year, code):
    report = report_selectors.report_for_user(request.user, year, code)
    page = Paginator(statistics_selectors.value_history(report), HISTORY_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "campaign/statistics/history.html",
        {
            "report": report,
            "campaign": report.campaign,
            "timeline": report_timeline(report),
            "page": page,
        },
    )


@login_required
@require_POST
def attachment_add(request, year, code):
    report = report_selectors.report_for_user(request.user, year, code)
    access.require(request.user, "edit_report", report)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a file to attach."))
    else:
        try:
            attachment = attachment_services.add_attachment(
                actor=request.user, report=report, upload=form.cleaned_data["file"]
            )
            messages.success(request, _("%(name)s attached.") % {"name": attachment})
        except attachment_services.AttachmentRefused as problem:
            messages.error(request, str(problem))
    return redirect("statistics_form", year=year, code=code)


@login_required
@require_safe
def attachment_download(request, year, code, pk):
    report = report_selectors.report_for_user(request.user, year, code)
    attachment = get_object_or_404(report.attachments, pk=pk)
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=attachment.content_type not in {"application/pdf", "image/jpeg", "image/png"},
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )


@login_required
@require_POST
def attachment_remove(request, year, code, pk):
    report = report_selectors.report_for_user(request.user, year, code)
    attachment = get_object_or_404(report.attachments, pk=pk)
    access.require(request.user, "edit_report", report)
    try:
        attachment_services.remove_attachment(actor=request.user, attachment=attachment)
        messages.success(request, _("%(name)s removed.") % {"name": attachment})
    except attachment_services.AttachmentRefused as problem:
        messages.error(request, str(problem))
    return redirect("statistics_form", year=year, code=code)
