"""Files added to a complaint (a policy, a letter's scan, a photo): checked by their content,
never by their name, as the statistics attachments are (campaign.services.attachments)."""

import logging
import secrets

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from campaign.services.attachments import AttachmentRefused, detect_type, download_name
from portal import access

from ..models import ComplaintAttachment

logger = logging.getLogger(__name__)

MAX_SIZE = 5 * 1024 * 1024
# What filetype recognises from the first bytes → the MIME type we store and serve.
ALLOWED = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "png": "image/png",
}

__all__ = ["ALLOWED", "MAX_SIZE", "AttachmentRefused", "add_complaint_attachment"]


@transaction.atomic
def add_complaint_attachment(*, actor, complaint, upload):
    """Attach ``upload`` (a PDF, JPEG or PNG of at most 5 MB) to ``complaint`` and return the
    attachment; AttachmentRefused says why not, for the user.

    ``actor`` is a member of staff who may see the complaint, or None for the complainant
    while filing on the public web form (in the transaction that registers the complaint, so
    a refused file leaves no complaint behind). The file is written once the attachment is
    committed, so a transaction that rolls back leaves no file either.
    """
    if actor is not None:
        access.require(actor, "view_complaint", complaint)
    if upload.size > MAX_SIZE:
        raise AttachmentRefused(
            _("%(name)s is larger than %(limit)s MB.")
            % {"name": upload.name, "limit": MAX_SIZE // (1024 * 1024)}
        )
    kind = detect_type(upload)
    if kind not in ALLOWED:
        raise AttachmentRefused(
            _("%(name)s is not a PDF or an image (JPEG, PNG).") % {"name": upload.name}
        )
    attachment = ComplaintAttachment(
        complaint=complaint,
        token=secrets.token_hex(20),
        name=download_name(upload.name, kind),
        size=upload.size,
        content_type=ALLOWED[kind],
        uploaded_by=actor,
    )
    # The stored name is made from the complaint and the token (models.attachment_path), so
    # it is known before the file exists and reveals nothing of the user's file name.
    attachment.file.name = attachment.file.field.generate_filename(attachment, attachment.token)
    attachment.save()
    # Held in memory (at most MAX_SIZE) because the upload is closed with the request, which
    # may end before an enclosing transaction commits.
    upload.seek(0)
    content = ContentFile(upload.read())
    transaction.on_commit(lambda: _write_file(attachment, content))
    logger.info("attachment %s added to complaint %s", attachment.pk, complaint.pk)
    return attachment


def _write_file(attachment, content):
    """Store the committed attachment's file; an attachment whose file cannot be written is
    removed again rather than kept without its file, and logged. Never raises: the
    complaint is committed, and its filer must still be given its reference."""
    try:
        stored = attachment.file.storage.save(attachment.file.name, content)
    except Exception:
        ComplaintAttachment.objects.filter(pk=attachment.pk).delete()
        logger.exception(
            "the file of attachment %s (complaint %s) could not be stored: attachment removed",
            attachment.pk,
            attachment.complaint_id,
        )
        return
    if stored != attachment.file.name:
        attachment.file.name = stored
        ComplaintAttachment.objects.filter(pk=attachment.pk).update(file=stored)
