"""A reporting unit's media reports of a campaign (新闻报道, 专栏): recorded, changed and
deleted while the campaign is open, each change in the history with its author."""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal import access

from ..models import MediaReport
from . import locking

EDITABLE = ("kind", "title", "outlet", "published_on", "url")
# The link is shown to people as a link: only the web's own schemes (never javascript:).
LINK_SCHEMES = ("http", "https")


def _check_open(campaign):
    if not campaign.is_open:
        raise ValidationError(_("Media reports are recorded only while the campaign is open."))


def _check(campaign, fields):
    """The campaign is open; the date is not in the future; the link is a web address."""
    _check_open(campaign)
    errors = {}
    published_on = fields.get("published_on")
    if published_on and published_on > timezone.localdate():
        errors["published_on"] = _("The date cannot be in the future.")
    url = fields.get("url") or ""
    if url and urlsplit(url.strip()).scheme.lower() not in LINK_SCHEMES:
        errors["url"] = _("Enter a link starting with http:// or https://.")
    if errors:
        raise ValidationError(errors)


def record_media_report(*, actor, campaign, **fields):
    """A new media report of the actor's unit for ``campaign``; ValidationError (by field
    where it concerns one) when the campaign is not open, the date is in the future or the
    link is not a web address."""
    access.require(actor, "record_activities")
    _check(campaign, fields)
    report = MediaReport(
        campaign=campaign, organisation_id=actor.organisation_id, recorded_by=actor, **fields
    )
    report._history_user = actor
    with transaction.atomic():
        report.save()
    return report


def _lock(report):
    return locking.locked(
        MediaReport.objects.select_for_update(of=("self",)).select_related("campaign"),
        report.pk,
        ValidationError(_("This media report has been deleted.")),
    )


def update_media_report(*, actor, report, **fields):
    """Change a media report; only what changed is saved. Returns the report."""
    access.require(actor, "record_activities", report)
    with transaction.atomic():
        locked = _lock(report)
        fields = {name: value for name, value in fields.items() if name in EDITABLE}
        _check(locked.campaign, fields)
        changed = [name for name, value in fields.items() if getattr(locked, name) != value]
        if not changed:
            return locked
        for name in changed:
            setattr(locked, name, fields[name])
        locked._history_user = actor
        locked.save(update_fields=[*changed, "updated_at"])
    return locked


def delete_media_report(*, actor, report):
    """Delete a media report of an open campaign."""
    access.require(actor, "record_activities", report)
    with transaction.atomic():
        locked = _lock(report)
        _check_open(locked.campaign)
        locked._history_user = actor
        locked.delete()
