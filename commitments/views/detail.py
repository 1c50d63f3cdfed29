"""One version of a commitment, and the steps taken from its page. The page is public for a
published, superseded or withdrawn version; staff also read its steps and remarks and get
the forms of the steps open to them (STEPS)."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_POST, require_safe

from portal import access

from ..forms.staff import RemarkForm, StepForm, WithdrawForm
from ..selectors.commitments import commitment_for, commitment_history, versions_of
from ..services import commitments, remarks


@dataclass(frozen=True)
class Step:
    label: str
    form: type
    take: object  # the one service function that takes the step
    permission: str  # the rule of portal/access.py
    sources: tuple  # the statuses the step is open from (the services' own tables)


STEPS = {
    "publish": Step(
        pgettext_lazy("commitment step", "Publish"),
        StepForm,
        commitments.publish_commitment,
        "draft_commitments",
        commitments.TRANSITIONS["publish"].sources,
    ),
    "amend": Step(
        pgettext_lazy("commitment step", "Amend"),
        StepForm,
        commitments.amend_commitment,
        "draft_commitments",
        commitments.AMENDABLE,
    ),
    "withdraw": Step(
        pgettext_lazy("commitment step", "Withdraw"),
        WithdrawForm,
        commitments.withdraw_commitment,
        "draft_commitments",
        commitments.TRANSITIONS["withdraw"].sources,
    ),
    "comment": Step(
        pgettext_lazy("commitment step", "Comment"),
        RemarkForm,
        remarks.comment_on_commitment,
        "comment_on_commitment",
        remarks.REMARKABLE,
    ),
    "flag": Step(
        pgettext_lazy("commitment step", "Flag for correction"),
        RemarkForm,
        remarks.flag_for_correction,
        "flag_commitment",
        remarks.REMARKABLE,
    ),
}


def steps_open_to(user, commitment):
    """[(action, step), …] that ``user`` may take on ``commitment`` in its status now."""
    return [
        (action, step)
        for action, step in STEPS.items()
        if commitment.status in step.sources and access.may(user, step.permission, commitment)
    ]


@require_safe
def commitment_detail(request, pk):
    commitment = commitment_for(request.user, pk)
    return _render_detail(request, commitment)


@login_required
@require_POST
def commitment_action(request, pk, action):
    commitment = commitment_for(request.user, pk)
    if action not in STEPS:
        raise Http404
    step = STEPS[action]
    access.require(request.user, step.permission, commitment)
    form = step.form(request.POST, action=action)
    if form.is_valid():
        try:
            result = step.take(actor=request.user, commitment=commitment, **form.cleaned_data)
        except ValidationError as refusal:
            fields = getattr(refusal, "error_dict", None)
            if fields is None or not set(fields) <= set(form.fields):
                # The status no longer allows the step (a colleague was first), or the law
                # refuses the draft as it stands: nothing changed, the page says why.
                messages.error(request, " ".join(refusal.messages))
                return redirect("commitment_detail", pk=commitment.pk)
            form.add_error(None, refusal)
        else:
            messages.success(request, _("%(step)s: done.") % {"step": step.label})
            if action == "amend":
                return redirect("commitment_edit", pk=result.pk)
            return redirect("commitment_detail", pk=commitment.pk)
    return _render_detail(request, commitment, bound_form=form)


def _render_detail(request, commitment, *, bound_form=None):
    user = request.user
    step_forms = [
        (
            action,
            step,
            bound_form if bound_form and bound_form.action == action else step.form(action=action),
        )
        for action, step in steps_open_to(user, commitment)
    ]
    context = {
        "commitment": commitment,
        "versions": versions_of(user, commitment),
        "step_forms": step_forms,
        "may_edit": commitment.status == commitment.Status.DRAFT
        and access.may(user, "draft_commitments", commitment),
        "may_follow": access.may(user, "follow_commitment", commitment),
    }
    if context["may_follow"]:
        context |= commitment_history(commitment)
    return render(request, "commitments/detail.html", context)
