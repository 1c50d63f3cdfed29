"""A complaint filed by the public on the web form: the complaint and its files together."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Complaint
from .attachments import AttachmentRefused, add_complaint_attachment
from .intake import register_complaint

MAX_WEB_ATTACHMENTS = 3


@transaction.atomic
def file_web_complaint(*, received_at, attachments=(), **complaint_fields):
    """Register a complaint from the public web form (no actor, channel web) with up to 3
    ``attachments`` (uploaded files) and return it.

    All or nothing: a ValidationError keyed by field (the attachments' under "attachments")
    leaves neither the complaint nor any of its files stored. ``complaint_fields`` are
    register_complaint's.
    """
    if len(attachments) > MAX_WEB_ATTACHMENTS:
        raise ValidationError(
            {"attachments": _("Attach at most %(count)s files.") % {"count": MAX_WEB_ATTACHMENTS}}
        )
    complaint = register_complaint(
        actor=None, channel=Complaint.Channel.WEB, received_at=received_at, **complaint_fields
    )
    for upload in attachments:
        try:
            add_complaint_attachment(actor=None, complaint=complaint, upload=upload)
        except AttachmentRefused as refusal:
            raise ValidationError({"attachments": str(refusal)}) from None
    return complaint
