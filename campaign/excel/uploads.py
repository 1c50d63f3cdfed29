"""Storing an uploaded form: the upload page and the import command both call these."""

import logging
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from ..models import Campaign, Organisation, StatisticsReport, StatisticsUpload
from ..selectors import reports as report_selectors
from ..services import statistics
from .annotation import annotate_workbook
from .reading import (
    MAX_ANNOTATED_SIZE,
    WorkbookRefused,
    file_too_large,
    read_limited,
    read_statistics_workbook,
    unpacked_size,
)
from .template import template_filename

logger = logging.getLogger(__name__)

# A report keeps its latest uploads (rows and files); older ones are deleted as new ones come.
KEPT_UPLOADS = 10
RECENT_UPLOADS = KEPT_UPLOADS


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
    upload is recorded, and the report keeps its latest KEPT_UPLOADS; the file is kept unless
    it was refused for safety. Call it outside a transaction: a file is deleted again when
    the transaction that records it does not commit.
    """
    content = None
    try:
        content = read_limited(file, size)
        form = read_statistics_workbook(report, content, report_selectors.indicators_for(report))
    except WorkbookRefused as refusal:
        upload = _record(
            report,
            actor,
            name,
            size,
            content if _can_be_given_back(content, refusal) else None,
            **_refusal_in_each_language(refusal, lambda: _refusal_of(report, content)),
        )
        return UploadResult(upload, refusal=refusal)
    version = form.version if expected_version is None else expected_version
    try:
        with _files_removed_unless_committed() as written:
            changed = statistics.save_report(
                actor=actor, report=report, values=form.values, expected_version=version
            )
            upload = _record(
                report,
                actor,
                name,
                size,
                content,
                accepted=True,
                changed_count=len(changed),
                written=written,
            )
    except statistics.ReportConflict as conflict:
        changes = conflict.changes
        upload = _record(
            report,
            actor,
            name,
            size,
            content,
            **_refusal_in_each_language(
                conflict, lambda: statistics.ReportConflict(report, changes)
            ),
        )
        return UploadResult(upload, conflict=conflict)
    except statistics.WorkflowError as problem:
        upload = _record(
            report,
            actor,
            name,
            size,
            content,
            **_refusal_in_each_language(problem, lambda: _workflow_problem_of(report)),
        )
        return UploadResult(upload, refusal=WorkbookRefused(str(problem), annotatable=False))
    return UploadResult(upload, changed=changed)


def _refusal_in_each_language(refusal, again):
    """A refused upload's message and cell problems in the portal's language and in English,
    as StatisticsUpload fields: whoever opens the report reads them in their own language.
    ``refusal`` was raised in the active language; ``again()``, called in the other one,
    returns the same refusal (None if it no longer can: then it is kept as raised)."""
    english = (translation.get_language() or "").startswith("en")
    errors = getattr(refusal, "errors", [])
    texts = [str(refusal), *map(str, errors)]
    with translation.override(settings.LANGUAGE_CODE if english else "en"):
        try:
            other = again() or refusal
        except Exception:
            # A slip in the other language's catalogue must not lose the upload's record.
            logger.exception("the refusal could not be written in the other language")
            other = refusal
        other_texts = [str(other), *map(str, getattr(other, "errors", []))]
    if len(other_texts) != len(texts):
        other_texts = texts
    chinese, in_english = (other_texts, texts) if english else (texts, other_texts)
    return {
        "message": chinese[0],
        "message_en": in_english[0],
        "errors": [
            {**error.as_dict(), "message": zh, "message_en": en}
            for error, zh, en in zip(errors, chinese[1:], in_english[1:], strict=True)
        ],
    }


def _refusal_of(report, content):
    """The WorkbookRefused that ``content`` meets, checked again; a file never read was
    refused for its size."""
    try:
        if content is None:
            raise file_too_large()
        read_statistics_workbook(report, content, report_selectors.indicators_for(report))
    except WorkbookRefused as refusal:
        return refusal
    return None


def _workflow_problem_of(report):
    try:
        statistics.require_editable(
            StatisticsReport.objects.select_related("campaign").get(pk=report.pk)
        )
    except statistics.WorkflowError as problem:
        return problem
    return None


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


def _record(report, actor, name, size, content, *, written=None, **fields):
    """The upload's row, its file, and the report's older uploads deleted, in one
    transaction (``written`` collects the files written in an enclosing one)."""
    if written is None:
        with _files_removed_unless_committed() as written:
            return _record(report, actor, name, size, content, written=written, **fields)
    upload = StatisticsUpload(
        report=report,
        uploaded_by=actor,
        original_name=(name or "")[-200:],
        size=size if size is not None else len(content or b""),
        **fields,
    )
    if content is not None:
        upload.file.save("form.xlsx", ContentFile(content), save=False)
        written.append(upload.file.name)
    upload.save()
    _delete_older_uploads(report)
    return upload


@contextmanager
def _files_removed_unless_committed():
    """A transaction; the files whose names are added to the list it gives are deleted if
    it does not commit (its commit failing included), so no file is left without its row."""
    written = []
    try:
        with transaction.atomic():
            yield written
    except BaseException:
        for name in written:
            StatisticsUpload.file.field.storage.delete(name)
        raise


def _delete_older_uploads(report):
    """All but the report's latest KEPT_UPLOADS; their files go once the deletion commits."""
    older = list(
        report.uploads.order_by("-uploaded_at", "-id").values_list("id", "file")[KEPT_UPLOADS:]
    )
    if not older:
        return
    StatisticsUpload.objects.filter(id__in=[pk for pk, _name in older]).delete()
    names = [name for _pk, name in older if name]

    def delete_files():
        for name in names:
            StatisticsUpload.file.field.storage.delete(name)

    transaction.on_commit(delete_files)


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
    if not campaign.expects(organisation.pk):
        raise LookupError(
            _("The %(year)s campaign does not expect a report from %(unit)s.")
            % {"year": year, "unit": organisation}
        )
    return statistics.start_report(campaign=campaign, organisation=organisation)
