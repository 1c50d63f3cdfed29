"""Recording the dates of the claim behind a complaint (ClaimTimeline): by the company
complained about or the handling bureau, each change a step of the complaint's history."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from portal import access

from ..models import ClaimTimeline, Complaint, ComplaintTransition

MOMENTS = ClaimTimeline.MOMENTS
# The category (reference data) of complaints about a claim: their page offers the claim's dates.
CLAIMS_CATEGORY = "claims"


def moment_label(field):
    """What the page calls one of the claim's moments (收到完整索赔材料, 作出核定, …)."""
    return ClaimTimeline._meta.get_field(field).verbose_name


def record_claim_timeline(
    *, actor, complaint, documents_complete_at, decided_at, agreed_at, paid_at
):
    """Set the claim's four times (None: not known, or not happened yet) as ``actor`` states
    them. Refused, with a message on each field at fault and nothing stored, when a time is
    in the future or before the moment that comes first (documents complete → decision →
    agreement → payment, Insurance Law art. 23); refused on a complaint merged into another.
    Records one step listing each change (old → new); with no change, records nothing.
    Returns the timeline."""
    access.require(actor, "record_claim_timeline", complaint)
    times = dict(zip(MOMENTS, (documents_complete_at, decided_at, agreed_at, paid_at), strict=True))
    _check_order(times, now=timezone.now())
    with transaction.atomic():
        locked = Complaint.objects.select_for_update().get(pk=complaint.pk)
        # Asked again of the row as it is now: a colleague may have re-routed it meanwhile.
        access.require(actor, "record_claim_timeline", locked)
        if locked.merged_into_id is not None:
            raise ValidationError(
                _("This complaint was merged into another: record the claim's dates there.")
            )
        timeline = ClaimTimeline.objects.filter(complaint=locked).first()
        if timeline is None:
            timeline = ClaimTimeline(complaint=locked)
        changes = {
            field: [_stored(getattr(timeline, field)), _stored(new)]
            for field, new in times.items()
            if getattr(timeline, field) != new
        }
        if not changes:
            return timeline
        now = timezone.now()
        for field in changes:
            setattr(timeline, field, times[field])
        timeline.recorded_by = actor
        timeline.recorded_at = now
        if timeline.pk is None:
            timeline.save()
        else:
            timeline.save(update_fields=[*changes, "recorded_by", "recorded_at"])
        ComplaintTransition.objects.create(
            complaint=locked,
            action="claim_timeline",
            from_status=locked.status,
            to_status=locked.status,
            actor=actor,
            at=now,
            due_on=locked.due_on,
            details={"changes": changes},
        )
    return timeline


def _check_order(times, *, now):
    errors = {}
    earlier = None  # the last moment before this one that has a time
    for field in MOMENTS:
        moment = times[field]
        if moment is None:
            continue
        if moment > now:
            errors[field] = _("Cannot be in the future.")
        elif earlier is not None and moment < times[earlier]:
            errors[field] = _("Cannot be before “%(earlier)s” (%(time)s).") % {
                "earlier": moment_label(earlier),
                "time": date_format(timezone.localtime(times[earlier]), "SHORT_DATETIME_FORMAT"),
            }
        earlier = field
    if errors:
        raise ValidationError(errors)


def _stored(moment):
    return None if moment is None else timezone.localtime(moment).isoformat()


def timeline_changes(step):
    """[(label, old, new)] of a claim_timeline step of the history, old and new datetimes
    (None when empty), in the order the moments happen."""
    changes = step.details.get("changes", {})
    return [
        (moment_label(field), _read(changes[field][0]), _read(changes[field][1]))
        for field in MOMENTS
        if field in changes
    ]


def _read(stored):
    return None if stored is None else datetime.datetime.fromisoformat(stored)
