"""Drafting, publishing, amending and withdrawing service commitments: one function per step,
the steps in one table, the law checked on every draft and again on publication."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal import access

from ..limits import LONGEST, Spans
from ..models import (
    CommitmentKind,
    CommitmentRemark,
    CommitmentTransition,
    Duration,
    ServiceCommitment,
    StatutoryLimit,
    Unit,
)
from ..selectors.year_over_year import Change, counterpart_of

Status = ServiceCommitment.Status
EDITABLE = (
    "text",
    "limit_value",
    "limit_unit",
    "window_start",
    "window_end",
    "product_line",
    "region",
    "loosening_reason",
)


@dataclass(frozen=True)
class Transition:
    sources: tuple
    target: str


TRANSITIONS = {
    "publish": Transition((Status.DRAFT,), Status.PUBLISHED),
    "withdraw": Transition((Status.PUBLISHED,), Status.WITHDRAWN),
    # A newer version published: not a step anyone takes on this one directly.
    "supersede": Transition((Status.PUBLISHED,), Status.SUPERSEDED),
}
# Amending drafts a new version and leaves this one as it is until that is published.
AMENDABLE = (Status.PUBLISHED,)


def describe(duration):
    """ "10日", "48小时", "5个工作日" (in English "10 days")."""
    return _("%(value)s %(unit)s") % {"value": duration.value, "unit": Unit(duration.unit).label}


def check_commitment(commitment, *, on=None):
    """Raise ValidationError, keyed by field, for a commitment whose time limit does not fit
    its kind, or that allows more time than the law in force on ``on`` (default today):
    the refusal cites the law, and states how working days were counted against days."""
    kind = commitment.kind
    on = on or timezone.localdate()
    errors = {}
    if kind.limit == CommitmentKind.Limit.DURATION:
        if not commitment.limit_value or commitment.limit_value < 0:
            errors["limit_value"] = _("State the time limit.")
        elif commitment.limit_unit not in kind.units:
            errors["limit_unit"] = _("For this kind, state the time in: %(units)s.") % {
                "units": "、".join(str(Unit(unit).label) for unit in kind.units)
            }
        elif commitment.limit_value > LONGEST[commitment.limit_unit]:
            longest = Duration(LONGEST[commitment.limit_unit], commitment.limit_unit)
            errors["limit_value"] = _(
                "A time limit of more than a year is not a service promise: at most %(longest)s."
            ) % {"longest": describe(longest)}
    elif commitment.limit_value or commitment.limit_unit:
        errors["limit_value"] = _("This kind of commitment has no time limit.")
    if kind.limit == CommitmentKind.Limit.TIME_WINDOW:
        if not (commitment.window_start and commitment.window_end):
            errors["window_start"] = _("State the hours: from and to.")
        elif commitment.window_start >= commitment.window_end:
            errors["window_end"] = _("The end must be later than the start.")
    elif commitment.window_start or commitment.window_end:
        errors["window_start"] = _("This kind of commitment has no hours of the day.")
    if not errors and commitment.duration:
        refusal = statutory_refusal(commitment.duration, kind, on=on)
        if refusal:
            errors["limit_value"] = refusal
    if errors:
        raise ValidationError(errors)


def statutory_refusal(duration, kind, *, on):
    """Why ``duration`` allows more than the law for ``kind`` on the day ``on``; None if not."""
    spans = None
    for limit in laws_in_force(kind, on):
        spans = spans or Spans.load(on.year)
        if spans.never_longer(duration, limit.duration):
            continue
        values = {
            "kind": kind.name,
            "promised": describe(duration),
            "law": describe(limit.duration),
            "source": limit.source,
        }
        if duration.in_working_days != limit.duration.in_working_days:
            counted = duration if duration.in_working_days else limit.duration
            shortest, longest = spans.working_days_in_days(counted.value)
            values |= {"working_days": describe(counted), "year": on.year}
            values |= {"shortest": shortest, "longest": longest}
            return (
                _(
                    "%(kind)s within %(promised)s may take longer than the law allows: "
                    "%(source)s sets %(law)s. By the %(year)s holiday calendar, "
                    "%(working_days)s take %(shortest)s to %(longest)s days."
                )
                % values
            )
        return (
            _(
                "%(kind)s within %(promised)s is longer than the law allows: "
                "%(source)s sets %(law)s."
            )
            % values
        )
    return None


def laws_in_force(kind, on):
    """The newest statutory limit of ``kind`` in force on ``on`` (a list of none or one)."""
    limit = (
        StatutoryLimit.objects.filter(kind=kind, effective_from__lte=on)
        .order_by("-effective_from")
        .first()
    )
    return [limit] if limit else []


def draft_commitment(*, actor, company, campaign, kind, **fields):
    """A new draft of ``company``'s for ``campaign``; checked against its kind and the law."""
    commitment = ServiceCommitment(
        company=company, campaign=campaign, kind=kind, created_by=actor, **fields
    )
    access.require(actor, "draft_commitments", commitment)
    check_commitment(commitment)
    commitment.save()
    return commitment


def update_draft(*, actor, commitment, **fields):
    """Change a draft's words, limit or scope; a published version is amended instead."""
    access.require(actor, "draft_commitments", commitment)
    with transaction.atomic():
        locked = ServiceCommitment.objects.select_for_update().get(pk=commitment.pk)
        if locked.status != Status.DRAFT:
            raise ValidationError(
                _("A published commitment is not changed: amend it to draft a new version.")
            )
        changed = [name for name, value in fields.items() if getattr(locked, name) != value]
        if not changed:
            return locked
        for name in changed:
            setattr(locked, name, fields[name])
        check_commitment(locked)
        locked.save(update_fields=[*changed, "updated_at"])
    return locked


def amend_commitment(*, actor, commitment):
    """Draft the next version of a published commitment (the published one stays in force
    until the new version is published). Returns the draft."""
    access.require(actor, "draft_commitments", commitment)
    with transaction.atomic():
        locked = ServiceCommitment.objects.select_for_update().get(pk=commitment.pk)
        if locked.status not in AMENDABLE:
            raise ValidationError(_("Only the published version is amended."))
        pending = ServiceCommitment.objects.filter(previous_version=locked).first()
        if pending is not None:
            return pending
        return ServiceCommitment.objects.create(
            company_id=locked.company_id,
            campaign_id=locked.campaign_id,
            kind_id=locked.kind_id,
            version=locked.version + 1,
            previous_version=locked,
            created_by=actor,
            **{name: getattr(locked, name) for name in EDITABLE if name != "loosening_reason"},
        )


def publish_commitment(*, actor, commitment):
    """Publish a draft (checked against the law again, on today's date); a new version
    supersedes the one it amends (unless that was withdrawn meanwhile: the withdrawal stands)
    and resolves head office's open correction flags on it. A promise weaker than last
    year's matching one (as the year-over-year page compares them) is refused unless it
    states why, keyed "loosening_reason": the reason is published with it."""
    access.require(actor, "draft_commitments", commitment)
    now = timezone.now()
    with transaction.atomic():
        locked = _take(
            "publish", ServiceCommitment.objects.select_for_update().get(pk=commitment.pk), actor
        )
        check_commitment(locked)
        if not locked.loosening_reason.strip():
            refusal = loosening_refusal(locked)
            if refusal:
                raise ValidationError({"loosening_reason": refusal})
        locked.published_at = now
        locked.save(update_fields=["status", "published_at", "updated_at"])
        if locked.previous_version_id:
            previous = ServiceCommitment.objects.select_for_update().get(
                pk=locked.previous_version_id
            )
            # A version withdrawn while its amendment was drafted stays withdrawn, reason and
            # all; any other is superseded.
            if previous.status != Status.WITHDRAWN:
                _take("supersede", previous, actor)
                previous.ended_at = now
                previous.save(update_fields=["status", "ended_at", "updated_at"])
            # The new version is the company's answer to head office's flags on the old one.
            previous.remarks.filter(
                kind=CommitmentRemark.Kind.CORRECTION, resolved_at__isnull=True
            ).update(resolved_at=now)
    return locked


def loosening_refusal(commitment):
    """Why ``commitment`` needs a reason to be published: what it loosens from and to, as
    last year's matching commitment compares with it; None when it loosens nothing."""
    spans = Spans.load(commitment.campaign.year)
    pair = counterpart_of(commitment, spans)
    if pair is None or not pair.is_loosened:
        return None
    values = {
        "kind": commitment.kind.name,
        "year": pair.previous.campaign.year,
        "before": describe_limit(pair.previous),
        "after": describe_limit(commitment),
    }
    if commitment.window:
        text = _(
            "Last year (%(year)s) %(kind)s were %(before)s: %(after)s takes in hours that were not."
        )
    elif pair.change == Change.LOOSENED:
        text = _(
            "Last year (%(year)s) %(kind)s was promised within %(before)s: %(after)s is longer."
        )
    else:
        text = _(
            "Last year (%(year)s) %(kind)s was promised within %(before)s: %(after)s takes "
            "longer on some days."
        )
    reasons = [text % values]
    if pair.change == Change.PARTLY_LOOSENED and commitment.duration:
        counted = commitment.duration
        if not counted.in_working_days:
            counted = pair.previous.duration
        shortest, longest = spans.working_days_in_days(counted.value)
        reasons.append(
            _(
                "By the %(year)s holiday calendar, %(working_days)s take %(shortest)s to "
                "%(longest)s days."
            )
            % {
                "year": commitment.campaign.year,
                "working_days": describe(counted),
                "shortest": shortest,
                "longest": longest,
            }
        )
    reasons.append(_("State the reason for loosening it: it is published with the commitment."))
    return " ".join(reasons)


def describe_limit(commitment):
    """The commitment's time limit as words: "10日", or its hours "9:00–20:00"."""
    if commitment.window:
        start, end = commitment.window
        return f"{start:%H:%M}–{end:%H:%M}"
    return describe(commitment.duration)


def withdraw_commitment(*, actor, commitment, reason):
    """Take a published commitment back; the reason is published with it."""
    access.require(actor, "draft_commitments", commitment)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the commitment is withdrawn.")})
    with transaction.atomic():
        locked = _take(
            "withdraw",
            ServiceCommitment.objects.select_for_update().get(pk=commitment.pk),
            actor,
            note=reason,
        )
        locked.withdrawal_reason = reason.strip()
        locked.ended_at = timezone.now()
        locked.save(update_fields=["status", "withdrawal_reason", "ended_at", "updated_at"])
    return locked


def _take(action, commitment, actor, *, note=""):
    """Move ``commitment`` (locked) by ``action`` of TRANSITIONS and record the step."""
    transition = TRANSITIONS[action]
    if commitment.status not in transition.sources:
        raise ValidationError(
            _("This step is not open to a commitment that is %(status)s.")
            % {"status": commitment.get_status_display()}
        )
    CommitmentTransition.objects.create(
        commitment=commitment,
        action=action,
        from_status=commitment.status,
        to_status=transition.target,
        actor=actor,
        at=timezone.now(),
        note=note,
    )
    commitment.status = transition.target
    return commitment
