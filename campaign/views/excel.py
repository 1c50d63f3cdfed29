"""A unit's statistics form as Excel: download it, upload it filled in, get a refused one back."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django_ratelimit.core import is_ratelimited

from portal import access
from portal.spreadsheets import XLSX_CONTENT_TYPE

from .. import excel
from ..forms.statistics import ExcelUploadForm
from ..selectors import reports as report_selectors
from .statistics import unit_report


def _xlsx_response(content, filename):
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


@login_required
@require_safe
def statistics_excel_template(request, year, code):
    report = unit_report(request.user, year, code)
    content = excel.build_statistics_workbook(report, language=get_language())
    return _xlsx_response(content, excel.template_filename(report))


@login_required
def statistics_excel(request, year, code):
    report = unit_report(request.user, year, code)
    may_upload = access.may(request.user, "edit_report", report) and report.accepts_changes
    form, result, status = ExcelUploadForm(), None, 200
    if request.method == "POST":
        if not may_upload:
            raise PermissionDenied
        form = ExcelUploadForm(request.POST, request.FILES)
        if form.is_valid() and _too_many_uploads(request):
            form.add_error(
                "file",
                _(
                    "You have uploaded too many files in a short time; nothing was stored. "
                    "Wait a few minutes and upload the file again."
                ),
            )
            status = 429
        elif form.is_valid():
            uploaded = form.cleaned_data["file"]
            result = excel.upload_statistics(
                actor=request.user,
                report=report,
                file=uploaded,
                name=uploaded.name,
                size=uploaded.size,
            )
            if result.accepted:
                messages.success(request, _accepted_message(len(result.changed)))
                return redirect("statistics_form", year=year, code=code)
    return render(
        request,
        "campaign/statistics/excel.html",
        {
            "report": report,
            "campaign": report.campaign,
            "may_upload": may_upload,
            "form": form,
            "result": result,
            "uploads": excel.recent_uploads(report),
            "max_size_mb": excel.MAX_FILE_SIZE // (1024 * 1024),
        },
        status=status,
    )


def _too_many_uploads(request):
    """Counts this upload against the user's rate (settings.EXCEL_UPLOAD_RATE)."""
    return is_ratelimited(
        request,
        group="statistics-excel-upload",
        key="user",
        rate=lambda group, request: settings.EXCEL_UPLOAD_RATE,
        method="POST",
        increment=True,
    )


def _accepted_message(count):
    if not count:
        return _("The Excel form was accepted; its values were the same as those stored.")
    return ngettext(
        "The Excel form was accepted: %(count)s value changed.",
        "The Excel form was accepted: %(count)s values changed.",
        count,
    ) % {"count": count}


@login_required
@require_safe
def statistics_excel_annotated(request, year, code, upload_id):
    report = report_selectors.report_for_user(request.user, year, code)
    upload = get_object_or_404(report.uploads, pk=upload_id)
    content = excel.annotated_workbook(upload) if upload.can_be_annotated else None
    if content is None:
        raise Http404
    return _xlsx_response(content, excel.annotated_filename(upload))
