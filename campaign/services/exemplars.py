"""A region's 双十佳 of a campaign: drafting, changing, publishing, withdrawing and deleting
its entries. A region lists at most Exemplar.LIMIT persons and LIMIT counters a campaign,
drafts included (the list has ten places), whoever listed them; the region's row is locked
while counting, so two people adding at once never make an eleventh."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal import access

from ..models import Exemplar, Region
from . import locking
from .photos import delete_on_commit, store_on_commit

Status = Exemplar.Status
Kind = Exemplar.Kind
EDITABLE = ("name", "company", "branch", "post", "address", "deeds")
# The one field each kind needs besides the common ones, and the one it does not have.
NEEDED = {Kind.PERSON: "post", Kind.COUNTER: "address"}
NOT_KEPT = {Kind.PERSON: "address", Kind.COUNTER: "post"}
TRANSITIONS = {
    "publish": ((Status.DRAFT,), Status.PUBLISHED),
    "withdraw": ((Status.PUBLISHED,), Status.DRAFT),
}


def _check_fields(kind, fields, photo):
    """The kind's rules, keyed by field: a person has a post, a counter an address; only a
    person has a photo."""
    errors = {}
    needed = NEEDED[kind]
    if not (fields.get(needed) or "").strip():
        errors[needed] = (
            _("State the person's post.") if kind == Kind.PERSON else _("State the address.")
        )
    if photo is not None and kind != Kind.PERSON:
        errors["photo"] = _("Only an excellent service person's entry has a photo.")
    if errors:
        raise ValidationError(errors)
    fields[NOT_KEPT[kind]] = ""


def check_room(*, campaign, region, kind):
    """ValidationError (not keyed: about the whole list) when the region's list of ``kind``
    for ``campaign`` has no place left. The caller holds the region's row lock."""
    taken = Exemplar.objects.filter(campaign=campaign, region=region, kind=kind).count()
    if taken < Exemplar.LIMIT:
        return
    values = {"region": region, "year": campaign.year, "limit": Exemplar.LIMIT}
    if kind == Kind.PERSON:
        message = _(
            "%(region)s's %(year)s list of excellent service persons is full with %(limit)s: "
            "each region lists at most %(limit)s."
        )
    else:
        message = _(
            "%(region)s's %(year)s list of quality service counters is full with %(limit)s: "
            "each region lists at most %(limit)s."
        )
    raise ValidationError(message % values)


def draft_exemplar(*, actor, campaign, region, kind, photo=None, **fields):
    """A new draft entry in ``region``'s list of ``kind``: the actor's organisation lists it.
    ``photo``: a CheckedPhoto (campaign.services.photos.check_photo), persons only.
    PermissionDenied for a region the actor may not list in; ValidationError while the
    campaign is not open, when the list is full, or by field for what the kind needs."""
    access.require(actor, "list_exemplars")
    if not access.exemplar_regions_for(actor, Region.objects.filter(pk=region.pk)).exists():
        raise PermissionDenied
    _check_open(campaign)
    _check_fields(kind, fields, photo)
    with transaction.atomic():
        Region.objects.select_for_update().get(pk=region.pk)
        check_room(campaign=campaign, region=region, kind=kind)
        exemplar = Exemplar(
            campaign=campaign,
            region=region,
            kind=kind,
            organisation_id=actor.organisation_id,
            created_by=actor,
            **fields,
        )
        if photo is not None:
            store_on_commit(exemplar, photo, image_field="photo", thumbnail_field="thumbnail")
        exemplar._history_user = actor
        exemplar.save()
    return exemplar


def _check_open(campaign):
    # A closed campaign's lists are what its units reported (D02, D03): they stay as they are.
    if not campaign.is_open:
        raise ValidationError(_("The lists change only while the campaign is open."))


def _locked(exemplar):
    """The entry, locked for the change, with its campaign still open."""
    row = locking.locked(
        Exemplar.objects.select_for_update(of=("self",)).select_related("campaign"),
        exemplar.pk,
        ValidationError(_("This entry has been deleted.")),
    )
    _check_open(row.campaign)
    return row


def update_exemplar(*, actor, exemplar, photo=None, remove_photo=False, **fields):
    """Change an entry's words (its region and kind stay: another region's entry is another
    entry). ``photo`` replaces the photo, ``remove_photo`` drops it. Returns the entry."""
    access.require(actor, "list_exemplars", exemplar)
    with transaction.atomic():
        locked = _locked(exemplar)
        values = {name: fields.get(name, getattr(locked, name)) for name in EDITABLE}
        _check_fields(locked.kind, values, photo)
        changed = [name for name in EDITABLE if getattr(locked, name) != values[name]]
        for name in changed:
            setattr(locked, name, values[name])
        if (photo is not None or remove_photo) and locked.photo:
            delete_on_commit(locked.photo, locked.thumbnail)
            locked.photo, locked.thumbnail = "", ""
            changed += ["photo", "thumbnail"]
        if photo is not None:
            store_on_commit(locked, photo, image_field="photo", thumbnail_field="thumbnail")
            changed = list(dict.fromkeys([*changed, "photo", "thumbnail"]))
        if not changed:
            return locked
        locked._history_user = actor
        locked.save(update_fields=[*changed, "updated_at"])
    return locked


def _step(action, *, actor, exemplar):
    access.require(actor, "list_exemplars", exemplar)
    sources, target = TRANSITIONS[action]
    with transaction.atomic():
        locked = _locked(exemplar)
        if locked.status == target:
            return locked
        if locked.status not in sources:
            raise ValidationError(_("This entry cannot take that step now."))
        locked.status = target
        locked.published_at = timezone.now() if target == Status.PUBLISHED else None
        locked._history_user = actor
        locked.save(update_fields=["status", "published_at", "updated_at"])
    return locked


def publish_exemplar(*, actor, exemplar):
    """Show a draft entry on the public list of its region (already published: unchanged)."""
    return _step("publish", actor=actor, exemplar=exemplar)


def withdraw_exemplar(*, actor, exemplar):
    """Take a published entry off the public list: it is a draft again and keeps its place."""
    return _step("withdraw", actor=actor, exemplar=exemplar)


def delete_exemplar(*, actor, exemplar):
    """Delete an entry, freeing its place in the list; its photo goes once that commits."""
    access.require(actor, "list_exemplars", exemplar)
    with transaction.atomic():
        locked = _locked(exemplar)
        delete_on_commit(locked.photo, locked.thumbnail)
        locked._history_user = actor
        locked.delete()
