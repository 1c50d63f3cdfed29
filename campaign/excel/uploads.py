"""Storing an uploaded form: the upload page and the import command both call these."""

from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from .. import selectors
from ..models import Campaign, Organisation, StatisticsUpload
from ..services import statistics
from .annotation import annotate_workbook
from .reading import (
    MAX_ANNOTATED_SIZE,
    WorkbookRefused,
    read_limited,
    read_statistics_workbook,
    unpacked_size,
)
from .template import template_filename

RECENT_UPLOADS = 10


@dataclass
class UploadResult:
    upload: StatisticsUpload
    changed: list = field(default_factory=list)  # indicator codes whose value changed
    refusal: WorkbookRefused | None = None
    conflict: statistics.ReportConflict | None = None

    @property
    def accepted(self):
        return self.upload.accepted


def upload_statistics(*, actor, report, file, name, size, expected_version=None):
    """Check an uploaded form of ``report`` and, when every cell is valid, store its values.

    The values go through ``services.statistics.save_report`` as one versioned change,
    against the report version the form was downloaded at; ``expected_version`` overrides
    that (the import command applies a file to the current version). Nothing of the report
    changes unless the whole file is valid and the report has not changed since. Every
    upload is recorded; the file is kept unless it was refused for safety.
    """
    content = None
    try:
        content = read_limited(file, size)
        form = read_statistics_workbook(report, content, selectors.indicators_for(report))
    except WorkbookRefused as refusal:
        upload = _record(
            report,
            actor,
            name,
            size,
            content if _can_be_given_back(content, refusal) else None,
            message=str(refusal),
            errors=[error.as_dict() for error in refusal.errors],
        )
        return UploadResult(upload, refusal=refusal)
    version = form.version if expected_version is None else expected_version
    try:
        with transaction.atomic():
            changed = statistics.save_report(
                actor=actor, report=report, values=form.values, expected_version=version
            )
            upload = _record(
                report, actor, name, size, content, accepted=True, changed_count=len(changed)
            )
    except statistics.ReportConflict as conflict:
        upload = _record(report, actor, name, size, content, message=str(conflict))
        return UploadResult(upload, conflict=conflict)
    except statistics.WorkflowError as problem:
        upload = _record(report, actor, name, size, content, message=str(problem))
        return UploadResult(upload, refusal=WorkbookRefused(str(problem), annotatable=False))
    return UploadResult(upload, changed=changed)


def _can_be_given_back(content, refusal):
    """Whether the refused file is kept, to be given back with its problems marked: not when
    it was refused for safety or is damaged, nor when it is large (it is read again at each
    download of the marked copy)."""
    if not refusal.annotatable or not refusal.errors:
        return False
    if unpacked_size(content) > MAX_ANNOTATED_SIZE:
        return False
    try:
        annotate_workbook(content, [error.as_dict() for error in refusal.errors])
    except Exception:  # WorkbookRefused, and the many kinds openpyxl raises on a damaged sheet
        return False
    return True


def _record(report, actor, name, size, content, **fields):
    upload = StatisticsUpload(
        report=report,
        uploaded_by=actor,
        original_name=(name or "")[-200:],
        size=size if size is not None else len(content or b""),
        **fields,
    )
    if content is not None:
        upload.file.save("form.xlsx", ContentFile(content), save=False)
    upload.save()
    return upload


def recent_uploads(report):
    """The report's latest uploads, newest first, with who uploaded them."""
    return list(report.uploads.select_related("uploaded_by")[:RECENT_UPLOADS])


def annotated_workbook(upload):
    """The refused file's values with each problem marked on its cell (see ``annotation``);
    None when the stored file may not be opened (kept before a check that now refuses it)."""
    with upload.file.open("rb") as stored:
        content = stored.read()
    try:
        return annotate_workbook(content, upload.errors)
    except WorkbookRefused:
        return None


def annotated_filename(upload):
    """The template's name with the upload's number and a note that errors are marked."""
    stem = template_filename(upload.report).removesuffix(".xlsx")
    return _("%(name)s (upload %(number)s, errors marked).xlsx") % {
        "name": stem,
        "number": upload.pk,
    }


def unit_report(year, code):
    """The report of unit ``code`` in campaign ``year`` for head office's batch work, created
    as an empty draft if the unit has not opened it yet. LookupError says what is missing."""
    campaign = Campaign.objects.filter(year=year).first()
    if campaign is None:
        raise LookupError(_("There is no %(year)s campaign.") % {"year": year})
    organisation = Organisation.objects.filter(code=code).first()
    if organisation is None or not organisation.is_reporting_unit:
        raise LookupError(_("There is no reporting unit with the code %(code)s.") % {"code": code})
    return statistics.start_report(campaign=campaign, organisation=organisation)
