"""Every step of a complaint's handling, from one table (TRANSITIONS): which states it may
be taken from, the state it leads to, who takes it (an access rule) and whether it needs a
note. Each step is one function that locks the complaint, checks the table, moves the clock
and records who did what when (ComplaintTransition); notifications go after commit.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from portal import access
from portal.notifications import in_each_language, notify

from ..models import Complaint, ComplaintTransition, TimeLimit
from ..routing import bureau_for
from ..sla import Clock, Limits
from .recipients import handlers_of

Status = Complaint.Status
OPEN = tuple(status for status in Status if status not in Complaint.FINISHED)


@dataclass(frozen=True)
class Transition:
    sources: tuple
    target: str | None  # None: the state stays as it is
    permission: str  # a portal.access rule
    label: str
    needs_note: bool = False
    is_public: bool = False  # its note is the complainant's to read (the tracking page)


TRANSITIONS = {
    "request_material": Transition(
        (Status.REGISTERED,),
        Status.AWAITING_MATERIAL,
        "handle_complaint",
        gettext_lazy("Ask for missing material"),
        needs_note=True,
        is_public=True,
    ),
    "receive_material": Transition(
        (Status.AWAITING_MATERIAL,),
        Status.REGISTERED,
        "handle_complaint",
        gettext_lazy("Material complete"),
    ),
    "accept": Transition(
        (Status.REGISTERED,),
        Status.ACCEPTED,
        "handle_complaint",
        gettext_lazy("Accept"),
        is_public=True,
    ),
    "refuse": Transition(
        (Status.REGISTERED,),
        Status.NOT_ACCEPTED,
        "handle_complaint",
        gettext_lazy("Do not accept"),
        needs_note=True,
        is_public=True,
    ),
    "forward": Transition(
        (Status.ACCEPTED, Status.REOPENED),
        Status.FORWARDED,
        "handle_complaint",
        gettext_lazy("Forward to the company"),
        is_public=True,
    ),
    # The company registers the forwarded complaint (立案受理); its decision's clock runs on.
    "company_accept": Transition(
        (Status.FORWARDED,),
        None,
        "answer_complaint",
        pgettext_lazy("company step", "Accept"),
    ),
    "extend": Transition(
        (Status.FORWARDED,),
        None,
        "answer_complaint",
        gettext_lazy("Extend the time limit"),
        needs_note=True,
    ),
    "answer": Transition(
        (Status.FORWARDED,),
        Status.ANSWERED,
        "answer_complaint",
        gettext_lazy("Answer"),
        needs_note=True,
        is_public=True,
    ),
    "mediate": Transition(
        (Status.ANSWERED,),
        Status.MEDIATION,
        "handle_complaint",
        gettext_lazy("Complainant disagrees: mediate"),
        needs_note=True,
        is_public=True,
    ),
    "close": Transition(
        (Status.ACCEPTED, Status.ANSWERED, Status.MEDIATION, Status.REOPENED),
        Status.CLOSED,
        "handle_complaint",
        # 办结, not the 关闭 of a dialog's close button.
        pgettext_lazy("complaint step", "Close"),
        is_public=True,
    ),
    "reopen": Transition(
        Complaint.FINISHED,
        Status.REOPENED,
        "handle_complaint",
        gettext_lazy("Reopen"),
        needs_note=True,
        is_public=True,
    ),
    "reroute": Transition(
        OPEN, None, "handle_complaint", gettext_lazy("Route to another bureau"), needs_note=True
    ),
    "merge": Transition(
        OPEN, Status.CLOSED, "handle_complaint", gettext_lazy("Merge into another complaint")
    ),
}

# The step whose limit runs in each state, and the day its clock starts from.
CLOCK = {
    Status.REGISTERED: TimeLimit.Step.ACCEPTANCE,
    Status.ACCEPTED: TimeLimit.Step.BUREAU_DECISION,
    Status.REOPENED: TimeLimit.Step.BUREAU_DECISION,
    Status.ANSWERED: TimeLimit.Step.REVIEW_REQUEST,
    Status.MEDIATION: TimeLimit.Step.REVIEW_DECISION,
}


def actions_open_to(user, complaint):
    """The steps ``user`` may take on ``complaint`` now: [(action, Transition)]."""
    return [
        (action, transition)
        for action, transition in TRANSITIONS.items()
        if complaint.status in transition.sources
        and access.may(user, transition.permission, complaint)
        and not (action == "extend" and complaint.extension_days)
        and not (action == "company_accept" and complaint.company_accepted_at)
        # A merged complaint lives on in the one it was merged into.
        and not (action == "reopen" and complaint.merged_into_id)
    ]


# The steps that are not in TRANSITIONS but appear in a complaint's history.
OTHER_STEPS = {
    "register": gettext_lazy("Registered"),
    "merged_in": gettext_lazy("Another complaint merged into this one"),
    "claim_timeline": gettext_lazy("Claim timeline recorded"),
}


def step_label(action):
    """What a step of the history is called on the complaint's page."""
    if action in TRANSITIONS:
        return TRANSITIONS[action].label
    return OTHER_STEPS.get(action, action)


def running_step(complaint):
    """The TimeLimit.Step whose clock runs in the complaint's state, or None (paused or
    finished)."""
    if complaint.status == Status.FORWARDED:
        if complaint.complexity == Complaint.Complexity.SIMPLE:
            return TimeLimit.Step.COMPANY_DECISION_SIMPLE
        return TimeLimit.Step.COMPANY_DECISION
    return CLOCK.get(complaint.status)


# How the complaint's page names the limit that runs, with where it runs from.
LIMIT_TEXTS = {
    TimeLimit.Step.ACCEPTANCE: gettext_lazy(
        "Acceptance limit: %(limit)s from the day the material is complete"
    ),
    TimeLimit.Step.BUREAU_DECISION: gettext_lazy(
        "Bureau decision limit: %(limit)s from acceptance"
    ),
    TimeLimit.Step.COMPANY_DECISION_SIMPLE: gettext_lazy(
        "Company decision limit (simple case): %(limit)s from forwarding"
    ),
    TimeLimit.Step.COMPANY_DECISION: gettext_lazy(
        "Company decision limit: %(limit)s from forwarding"
    ),
    TimeLimit.Step.REVIEW_REQUEST: gettext_lazy(
        "Review request limit: %(limit)s from the company's decision"
    ),
    TimeLimit.Step.REVIEW_DECISION: gettext_lazy(
        "Review limit: %(limit)s from the request for review"
    ),
}
UNIT_TEXTS = {
    TimeLimit.Unit.WORKING_DAYS: gettext_lazy("%(amount)s working days"),
    TimeLimit.Unit.DAYS: gettext_lazy("%(amount)s days"),
}


@dataclass(frozen=True)
class ClockState:
    """What the complaint's page says about its clock."""

    due_on: object  # a date, or None
    days_left: int | None
    paused_reason: str
    limit: str  # which limit runs and from when; "" when none does

    @property
    def days_overdue(self):
        return -self.days_left if self.days_left is not None and self.days_left < 0 else 0


def clock_state(complaint, today):
    """The complaint's clock on the day ``today``: its due date, the days left (negative when
    overdue), why it is paused, and which limit applies (one query, for the limits)."""
    step = running_step(complaint)
    limit = ""
    if step is not None and step in LIMIT_TEXTS:
        started = timezone.localdate(
            complaint.forwarded_at
            if complaint.status == Status.FORWARDED and complaint.forwarded_at
            else complaint.status_changed_at
        )
        amount, unit = Limits.load().in_force(step, started)
        limit = LIMIT_TEXTS[step] % {"limit": UNIT_TEXTS[unit] % {"amount": amount}}
        if complaint.status == Status.FORWARDED and complaint.extension_days:
            limit = _("%(limit)s, extended by %(days)s days") % {
                "limit": limit,
                "days": complaint.extension_days,
            }
    return ClockState(
        due_on=complaint.due_on,
        days_left=None if complaint.due_on is None else (complaint.due_on - today).days,
        paused_reason=complaint.paused_reason if complaint.clock_is_paused else "",
        limit=limit,
    )


def due_on(complaint, clock, start):
    """The last day of the step that runs in the complaint's state from the day ``start``."""
    step = running_step(complaint)
    if step is None:
        return None
    extra_days = complaint.extension_days if complaint.status == Status.FORWARDED else 0
    return clock.due(step, start, extra_days=extra_days)


def _take(action, *, actor, complaint, note="", details=None, change=None, done=None):
    """Lock the complaint, check the step against TRANSITIONS and the actor against access
    (before the lock and on the locked row), apply ``change(locked)`` (a function setting
    fields, returning their names), move the clock and record the step. Returns the locked,
    updated complaint; unchanged, with no step recorded, when ``done(locked)`` says the step
    has been taken already (a colleague, or a double click, was first)."""
    transition = TRANSITIONS[action]
    note = (note or "").strip()
    access.require(actor, transition.permission, complaint)
    if transition.needs_note and not note:
        raise ValidationError({"note": _("Say why: this step needs a note.")})
    with transaction.atomic():
        locked = Complaint.objects.select_for_update().get(pk=complaint.pk)
        # Asked again of the row as it is now: a colleague may have re-routed it meanwhile.
        access.require(actor, transition.permission, locked)
        if locked.status not in transition.sources:
            raise ValidationError(
                _("This complaint is now “%(status)s”: “%(step)s” is no longer possible.")
                % {"status": locked.get_status_display(), "step": transition.label}
            )
        if done is not None and done(locked):
            return locked
        before = locked.status
        now = timezone.now()
        fields = set(change(locked) if change else ())
        if transition.target is not None and transition.target != before:
            locked.status = transition.target
            locked.status_changed_at = now
            fields |= {"status", "status_changed_at"}
        if transition.target is not None or "extension_days" in fields:
            start = timezone.localdate(now)
            if locked.status == Status.FORWARDED and action == "extend":
                start = timezone.localdate(locked.forwarded_at)
            locked.due_on = due_on(locked, Clock.load(), start)
            locked.paused_reason = note if locked.clock_is_paused else ""
            fields |= {"due_on", "paused_reason"}
        locked.save(update_fields=[*fields, "updated_at"])
        ComplaintTransition.objects.create(
            complaint=locked,
            action=action,
            from_status=before,
            to_status=locked.status,
            actor=actor,
            at=now,
            note=note,
            is_public=transition.is_public,
            due_on=locked.due_on,
            details=details or {},
        )
    return locked


def request_material(*, actor, complaint, note):
    """Ask the complainant for what is missing: the acceptance clock stops until it comes."""
    return _take("request_material", actor=actor, complaint=complaint, note=note)


def receive_material(*, actor, complaint, note=""):
    """The material is complete: the acceptance limit runs from today."""

    def change(locked):
        locked.material_complete_on = timezone.localdate()
        return ["material_complete_on"]

    return _take("receive_material", actor=actor, complaint=complaint, note=note, change=change)


def accept_complaint(*, actor, complaint, note=""):
    def change(locked):
        locked.accepted_at = timezone.now()
        return ["accepted_at"]

    return _take("accept", actor=actor, complaint=complaint, note=note, change=change)


def refuse_complaint(*, actor, complaint, note):
    """Do not accept, with the reason the complainant reads."""
    return _take("refuse", actor=actor, complaint=complaint, note=note)


def forward_complaint(*, actor, complaint, complexity, note=""):
    """Pass the complaint to the company, which decides within 10 working days (a simple
    case) or 30 days (others); its people are told."""
    access.require(actor, TRANSITIONS["forward"].permission, complaint)
    if complexity not in Complaint.Complexity.values:
        raise ValidationError({"complexity": _("Say whether the case is simple.")})

    def change(locked):
        locked.forwarded_at = timezone.now()
        locked.complexity = complexity
        # A reopened complaint forwarded again is a new decision, with its own extension,
        # for the company to accept again.
        locked.extension_days = 0
        locked.company_accepted_at = None
        return ["forwarded_at", "complexity", "extension_days", "company_accepted_at"]

    locked = _take("forward", actor=actor, complaint=complaint, note=note, change=change)
    _tell_organisation(
        locked.company_id,
        locked,
        lambda: (
            _("Complaint %(reference)s forwarded to you: answer by %(due)s")
            % {"reference": locked.reference, "due": date_format(locked.due_on)},
            note,
        ),
    )
    return locked


def extend_deadline(*, actor, complaint, days, note):
    """The company's one extension of at most 30 days (TimeLimit company_extension), with a
    reason."""
    access.require(actor, TRANSITIONS["extend"].permission, complaint)
    limit, _unit = Clock.load().limit(TimeLimit.Step.COMPANY_EXTENSION, timezone.localdate())
    if not 1 <= int(days) <= limit:
        raise ValidationError(
            {"days": _("An extension is between 1 and %(limit)s days.") % {"limit": limit}}
        )

    def change(locked):
        if locked.extension_days:
            raise ValidationError(_("The time limit has been extended once already."))
        locked.extension_days = int(days)
        return ["extension_days"]

    return _take(
        "extend",
        actor=actor,
        complaint=complaint,
        note=note,
        change=change,
        details={"days": int(days)},
    )


def accept_by_company(*, actor, complaint, note=""):
    """The company registers and accepts (立案受理) the complaint forwarded to it: the time is
    kept once, for its promise on acceptance; the complaint stays forwarded and its clock
    runs on. Accepting again changes nothing."""

    def change(locked):
        locked.company_accepted_at = timezone.now()
        return ["company_accepted_at"]

    return _take(
        "company_accept",
        actor=actor,
        complaint=complaint,
        note=note,
        change=change,
        done=lambda locked: locked.company_accepted_at is not None,
    )


def answer_complaint(*, actor, complaint, note):
    """The company's decision, which the complainant reads; the bureau is told. A company
    that answers has accepted the complaint: its acceptance is kept as now if it had not
    recorded one."""

    def change(locked):
        if locked.company_accepted_at is not None:
            return []
        locked.company_accepted_at = timezone.now()
        return ["company_accepted_at"]

    locked = _take("answer", actor=actor, complaint=complaint, note=note, change=change)
    _tell_organisation(
        locked.bureau_id,
        locked,
        lambda: (
            _("Complaint %(reference)s answered by the company") % {"reference": locked.reference},
            note,
        ),
    )
    return locked


def start_mediation(*, actor, complaint, note):
    """The complainant disagrees with the company's answer: the bureau mediates (调解)."""
    return _take("mediate", actor=actor, complaint=complaint, note=note)


def close_complaint(*, actor, complaint, resolved, consumer_satisfied, note=""):
    def change(locked):
        locked.outcome = Complaint.Outcome.RESOLVED if resolved else Complaint.Outcome.UNRESOLVED
        locked.consumer_satisfied = consumer_satisfied
        return ["outcome", "consumer_satisfied"]

    return _take("close", actor=actor, complaint=complaint, note=note, change=change)


def reopen_complaint(*, actor, complaint, note):
    """Take a finished complaint up again; one merged into another stays merged."""

    def change(locked):
        if locked.merged_into_id is not None:
            raise ValidationError(
                _("This complaint was merged into %(reference)s: reopen that one instead.")
                % {"reference": locked.merged_into.reference}
            )
        locked.outcome = ""
        locked.consumer_satisfied = None
        return ["outcome", "consumer_satisfied"]

    return _take("reopen", actor=actor, complaint=complaint, note=note, change=change)


def reroute_complaint(*, actor, complaint, region, note):
    """Hand the complaint to the bureau covering ``region`` (a campaign.Region); the new
    bureau is told. Its state and clock stay as they are."""
    access.require(actor, TRANSITIONS["reroute"].permission, complaint)
    bureau = bureau_for(region)
    if bureau is None:
        raise ValidationError({"region": _("No active bureau covers this region.")})
    if bureau.pk == complaint.bureau_id:
        raise ValidationError({"region": _("This complaint is already with that bureau.")})
    previous = complaint.bureau

    def change(locked):
        locked.region = region
        locked.bureau = bureau
        return ["region", "bureau"]

    locked = _take(
        "reroute",
        actor=actor,
        complaint=complaint,
        note=note,
        change=change,
        details={"from_bureau": previous.code, "to_bureau": bureau.code},
    )
    _tell_organisation(
        bureau.pk,
        locked,
        lambda: (
            _("Complaint %(reference)s routed to you by %(bureau)s")
            % {"reference": locked.reference, "bureau": previous.name},
            note,
        ),
    )
    return locked


def merge_complaints(*, actor, duplicate, into, note=""):
    """Close ``duplicate`` as merged into ``into`` (the same matter filed twice). Each keeps
    its own steps; ``into`` records the merge too, and its page shows both histories."""
    access.require(actor, "handle_complaint", into)
    refusal = ValidationError({"into": _("Choose another complaint that is not merged itself.")})
    if duplicate.pk == into.pk:
        raise refusal

    def change(locked):
        locked.merged_into = into
        locked.outcome = Complaint.Outcome.MERGED
        return ["merged_into", "outcome"]

    with transaction.atomic():
        # Both rows locked, in one order, and ``into`` read as it is now: two colleagues
        # merging the pair each way round cannot make a cycle.
        rows = Complaint.objects.select_for_update().filter(pk__in=[duplicate.pk, into.pk])
        into = {row.pk: row for row in rows.order_by("pk")}[into.pk]
        access.require(actor, "handle_complaint", into)
        if into.merged_into_id is not None:
            raise refusal
        locked = _take(
            "merge",
            actor=actor,
            complaint=duplicate,
            note=note,
            change=change,
            details={"into": into.reference},
        )
        ComplaintTransition.objects.create(
            complaint=into,
            action="merged_in",
            from_status=into.status,
            to_status=into.status,
            actor=actor,
            at=timezone.now(),
            note=note,
            due_on=into.due_on,
            details={"merged": duplicate.reference},
        )
    return locked


def _tell_organisation(organisation_id, complaint, message):
    """Notify the active people of one organisation (after commit, by e-mail too)."""
    notify(
        recipients=handlers_of(organisation_id),
        link=reverse("complaint_detail", args=[complaint.reference]),
        **in_each_language(message),
    )
