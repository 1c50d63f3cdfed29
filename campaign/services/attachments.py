"""Attachments to a unit's written summary: checked by content, never by file name."""

import logging
import uuid

import filetype
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import ReportAttachment
from . import statistics

logger = logging.getLogger(__name__)

MAX_SIZE = 10 * 1024 * 1024
MAX_FILES = 20
# What filetype recognises from the first bytes → the MIME type we store and serve.
ALLOWED = {
    "pdf": "application/pdf",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "jpg": "image/jpeg",
    "png": "image/png",
}


# The endings a file of each kind may keep; any other name gets the kind's own ending.
EXTENSIONS = {
    "pdf": (".pdf",),
    "doc": (".doc",),
    "docx": (".docx",),
    "jpg": (".jpg", ".jpeg"),
    "png": (".png",),
}


class AttachmentRefused(Exception):
    """``str()`` is the reason, for the user."""


def download_name(name, kind):
    """The user's file name, ending as its content is: "page.html" holding a PDF is saved as
    "page.html.pdf", so a file saved from the browser never opens as something else."""
    name = name[-200:]
    if name.lower().endswith(EXTENSIONS[kind]):
        return name
    return f"{name[: 200 - len(kind) - 1]}.{kind}"


def detect_type(upload):
    """The file's kind from its content (e.g. "pdf"), or None if it is not one we accept."""
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    return kind.extension if kind and kind.extension in ALLOWED else None


def _editable(report):
    try:
        return statistics.lock_editable_report(report)
    except statistics.WorkflowError as problem:
        raise AttachmentRefused(str(problem)) from None


@transaction.atomic
def add_attachment(*, actor, report, upload):
    """Attach ``upload`` to the written summary of an editable report; AttachmentRefused
    says why not (size, count, a type we do not take, or a report no longer editable).

    The file is written once the attachment is committed, so a transaction that rolls back
    leaves no file behind.
    """
    report = _editable(report)
    if upload.size > MAX_SIZE:
        raise AttachmentRefused(
            _("%(name)s is larger than %(limit)s MB.")
            % {"name": upload.name, "limit": MAX_SIZE // (1024 * 1024)}
        )
    if report.attachments.count() >= MAX_FILES:
        raise AttachmentRefused(
            _("A report has at most %(count)s attachments.") % {"count": MAX_FILES}
        )
    kind = detect_type(upload)
    if kind is None:
        raise AttachmentRefused(
            _("%(name)s is not a PDF, Word document or image (JPEG, PNG).") % {"name": upload.name}
        )
    # The stored name is ours; the user's name is kept for display and download only.
    attachment = ReportAttachment(
        report=report,
        original_name=download_name(upload.name, kind),
        content_type=ALLOWED[kind],
        size=upload.size,
        uploaded_by=actor,
    )
    # A name no other file has, so it can be given to the row before the file exists.
    attachment.file.name = attachment.file.field.generate_filename(
        attachment, f"attachment-{uuid.uuid4().hex}.{kind}"
    )
    attachment.save()
    # Held in memory (at most MAX_SIZE) because the upload is closed with the request, which
    # may end before an enclosing transaction commits.
    upload.seek(0)
    content = ContentFile(upload.read())
    transaction.on_commit(lambda: _write_file(attachment, content))
    logger.info("attachment %s added to report %s by %s", attachment.pk, report.pk, actor)
    return attachment


def _write_file(attachment, content):
    """Store the committed attachment's file; an attachment whose file cannot be written is
    removed again rather than kept without its file."""
    try:
        stored = attachment.file.storage.save(attachment.file.name, content)
    except Exception:
        ReportAttachment.objects.filter(pk=attachment.pk).delete()
        raise
    if stored != attachment.file.name:
        attachment.file.name = stored
        ReportAttachment.objects.filter(pk=attachment.pk).update(file=stored)


@transaction.atomic
def remove_attachment(*, actor, attachment):
    """Remove an attachment of an editable report, and its file once that is committed."""
    _editable(attachment.report)
    logger.info(
        "attachment %s of report %s removed by %s", attachment.pk, attachment.report_id, actor
    )
    attachment.delete()
    # The file goes only once the row is surely gone.
    transaction.on_commit(lambda: attachment.file.storage.delete(attachment.file.name))
