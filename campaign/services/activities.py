"""A unit's log of its campaign events (活动记录): record, change and delete events, add and
remove their photos.

Each function takes the acting user, runs in one transaction and names the actor in the
history (who, when, old → new; a deletion is kept there too). The rules are here, not in the
forms: PermissionDenied when the actor may not change the unit's log (portal.access);
ValidationError by field says what to correct; ActivityRefused says why the log may not
change at all (a campaign no longer open, or too many photos).
"""

import datetime
import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from portal import access

from ..models import Activity, ActivityPhoto, Campaign
from . import locking, photos

logger = logging.getLogger(__name__)

ACTIVITY_FIELDS = (
    "held_on",
    "kind",
    "place",
    "people_reached",
    "brochures",
    "display_boards",
    "description",
    "no_insurance_sold",
)
COUNT_FIELDS = ("people_reached", "brochures", "display_boards")
# Beyond any real event, and well inside PostgreSQL's integer.
MAX_COUNT = 10_000_000
MAX_PHOTOS = 10


class ActivityRefused(Exception):
    """``str()`` is the reason, for the user."""


class ActivityConflict(Exception):
    """Someone saved the event after the clerk opened it: ``activity`` is it as saved now,
    ``fields`` the names of what they changed."""

    def __init__(self, activity, fields):
        super().__init__(activity, fields)
        self.activity, self.fields = activity, fields


def season(campaign):
    """(first day, last day) an event of ``campaign`` may be held on: its own year, and the
    months before it since the previous year's deadline, when the campaign is prepared and
    already open (the portal's current campaign is next year's from 11 April)."""
    deadline = campaign.deadline
    try:
        previous_deadline = deadline.replace(year=deadline.year - 1)
    except ValueError:  # 29 February
        previous_deadline = deadline - datetime.timedelta(days=365)
    first = min(previous_deadline + datetime.timedelta(days=1), datetime.date(campaign.year, 1, 1))
    return first, datetime.date(campaign.year, 12, 31)


def check_activity(*, campaign, held_on=None, no_insurance_sold=None, **fields):
    """ValidationError by field unless an event with these values may be logged in
    ``campaign``: a date not in the future and within the campaign's season, the
    confirmation that no insurance was sold, and counts within MAX_COUNT. None stands for a
    value not known."""
    errors = {}
    if held_on is not None:
        first, last = season(campaign)
        if held_on > timezone.localdate():
            errors["held_on"] = _("The date cannot be in the future.")
        elif not first <= held_on <= last:
            errors["held_on"] = _(
                "An event of the %(year)s campaign is held between %(first)s and %(last)s."
            ) % {
                "year": campaign.year,
                "first": formats.date_format(first, "DATE_FORMAT"),
                "last": formats.date_format(last, "DATE_FORMAT"),
            }
    if no_insurance_sold is not None and not no_insurance_sold:
        errors["no_insurance_sold"] = _(
            "Confirm that no insurance was sold at the event: the notice forbids using "
            "public-welfare events to sell insurance."
        )
    for name in COUNT_FIELDS:
        value = fields.get(name)
        if value is not None and value > MAX_COUNT:
            errors[name] = _("Enter at most %(limit)s.") % {"limit": f"{MAX_COUNT:,}"}
    if errors:
        raise ValidationError(errors)


def check_open(campaign):
    """ActivityRefused unless ``campaign``'s log may change: only while it is open."""
    if campaign.status != Campaign.Status.OPEN:
        raise ActivityRefused(
            _("The %(year)s campaign is closed: its activity log can no longer be changed.")
            % {"year": campaign.year}
        )


def _locked(activity):
    """The event's row, locked for the change, with its campaign. ActivityRefused when
    someone deleted it since the page was read (the lock waited for that deletion)."""
    row = locking.locked(
        Activity.objects.select_for_update().select_related("campaign"),
        activity.pk,
        ActivityRefused(_("The event has been deleted.")),
    )
    check_open(row.campaign)
    return row


@transaction.atomic
def record_activity(*, actor, campaign, **fields):
    """Log an event of the actor's unit in an open ``campaign``; ``fields`` are
    ACTIVITY_FIELDS (brochures, display boards and description may be left out).
    ActivityRefused when the campaign is not open, ValidationError by field on a rule."""
    access.require(actor, "record_activities")
    organisation = actor.organisation
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    check_open(campaign)
    check_activity(campaign=campaign, **fields)
    activity = Activity(campaign=campaign, organisation=organisation, recorded_by=actor, **fields)
    activity._history_user = actor
    activity.save()
    logger.info("activity %s of %s recorded by %s", activity.pk, organisation.code, actor)
    return activity


@transaction.atomic
def update_activity(*, actor, activity, saved_at=None, **fields):
    """Save only the fields that changed; returns their names ([] when nothing did).
    ``saved_at``: when the event was last saved as the actor saw it; ActivityConflict when
    someone has saved it since. ActivityRefused when the campaign is not open,
    ValidationError by field on a rule."""
    access.require(actor, "record_activities", activity)
    activity = _locked(activity)
    if saved_at is not None and saved_at != activity.updated_at:
        seen = activity.history.filter(updated_at=saved_at).first()  # None: every field
        since = [n for n in ACTIVITY_FIELDS if getattr(seen, n, None) != getattr(activity, n)]
        raise ActivityConflict(activity, since)
    changed = [
        name
        for name in ACTIVITY_FIELDS
        if name in fields and getattr(activity, name) != fields[name]
    ]
    if not changed:
        return []
    check_activity(campaign=activity.campaign, **{name: fields[name] for name in changed})
    for name in changed:
        setattr(activity, name, fields[name])
    activity._history_user = actor
    activity.save(update_fields=[*changed, "updated_at"])
    logger.info("activity %s changed by %s: %s", activity.pk, actor, changed)
    return changed


@transaction.atomic
def delete_activity(*, actor, activity):
    """Delete an event and its photos; the history keeps both, with who deleted them, and
    the photos' files go once that is committed. ActivityRefused when the campaign is not
    open."""
    access.require(actor, "record_activities", activity)
    activity = _locked(activity)
    for photo in activity.photos.all():
        photo._history_user = actor
        photo.delete()
        photos.delete_on_commit(photo.image, photo.thumbnail)
    activity._history_user = actor
    activity.delete()
    logger.info("activity %s deleted by %s", activity.pk, actor)


@transaction.atomic
def add_activity_photo(*, actor, activity, upload):
    """Add a photo to an event: checked to be a JPEG or PNG by its content, re-encoded and
    thumbnailed; the files are written once it is committed. ActivityRefused says why not
    (a campaign no longer open, MAX_PHOTOS already, or not a photo we take)."""
    access.require(actor, "record_activities", activity)
    # Decoded before the event is locked: re-encoding a large photo takes a while.
    try:
        checked = photos.check_photo(upload)
    except photos.PhotoRefused as problem:
        raise ActivityRefused(str(problem)) from None
    activity = _locked(activity)
    if activity.photos.count() >= MAX_PHOTOS:
        raise ActivityRefused(_("An event has at most %(count)s photos.") % {"count": MAX_PHOTOS})
    photo = ActivityPhoto(
        activity=activity,
        original_name=checked.original_name,
        width=checked.width,
        height=checked.height,
        uploaded_by=actor,
    )
    photos.store_on_commit(photo, checked)
    photo._history_user = actor
    photo.save()
    logger.info("photo %s added to activity %s by %s", photo.pk, activity.pk, actor)
    return photo


@transaction.atomic
def remove_activity_photo(*, actor, photo):
    """Remove a photo of an event, and its files once that is committed. ActivityRefused
    when the campaign is not open."""
    access.require(actor, "record_activities", photo.activity)
    _locked(photo.activity)
    photo._history_user = actor
    photo.delete()
    photos.delete_on_commit(photo.image, photo.thumbnail)
    logger.info("photo %s of activity %s removed by %s", photo.pk, photo.activity_id, actor)
