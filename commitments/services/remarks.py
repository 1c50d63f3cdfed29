"""What bureaus and head office say about a published commitment: a bureau's comment, head
office's flag asking for a correction. Either reaches the company's people through the
notifications service; a flag stays open until the company publishes a new version."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from campaign.services.report_notifications import active_people
from portal import access
from portal.notifications import in_each_language, notify

from ..models import CommitmentRemark, ServiceCommitment

# Remarks are about what consumers read: a draft is still the company's own business.
REMARKABLE = (ServiceCommitment.Status.PUBLISHED,)


def comment_on_commitment(*, actor, commitment, text):
    """A bureau's comment on a published commitment that applies in its region; the
    company's people are told. Returns the remark."""
    access.require(actor, "comment_on_commitment", commitment)

    def message():
        return (
            _("%(bureau)s commented on your service commitment: %(kind)s")
            % {"bureau": actor.organisation, "kind": commitment.kind},
            text,
        )

    return _remark(actor, commitment, CommitmentRemark.Kind.COMMENT, text, message)


def flag_for_correction(*, actor, commitment, text):
    """Head office asks the company to correct a published commitment (by publishing a new
    version, which resolves the flag); the company's people are told. Returns the remark."""
    access.require(actor, "flag_commitment", commitment)

    def message():
        return (
            _("Head office asks you to correct your service commitment: %(kind)s")
            % {"kind": commitment.kind},
            text,
        )

    return _remark(actor, commitment, CommitmentRemark.Kind.CORRECTION, text, message)


def _remark(actor, commitment, kind, text, message):
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write what the company should read.")})
    with transaction.atomic():
        # Locked so that a remark never lands on a version superseded at the same moment.
        locked = ServiceCommitment.objects.select_for_update().get(pk=commitment.pk)
        if locked.status not in REMARKABLE:
            raise ValidationError(_("Only a published commitment takes remarks."))
        remark = CommitmentRemark.objects.create(
            commitment=locked,
            kind=kind,
            text=text,
            author=actor,
            organisation_id=actor.organisation_id,
        )
        notify(
            recipients=active_people(locked.company_id),
            link=reverse("commitment_detail", args=[locked.pk]),
            **in_each_language(message),
        )
    return remark
