"""A complaint's page and its steps: the detail (masked), the logged reveal of the
complainant's personal data, attachments, and one view for every step of TRANSITIONS."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from portal import access

from .. import personal_data
from ..forms import show_refusal
from ..forms.handling import (
    ClaimTimelineForm,
    CloseForm,
    ExtendForm,
    ForwardForm,
    MergeForm,
    RerouteForm,
    StepForm,
)
from ..selectors.complaints import complaint_for
from ..selectors.handling import complaint_page
from ..services import claims, workflow
from ..services.personal_data import reveal_personal_data


def _merge(*, actor, complaint, into, note):
    return workflow.merge_complaints(actor=actor, duplicate=complaint, into=into, note=note)


# Each step's form and the one service function that takes it.
ACTIONS = {
    "request_material": (StepForm, workflow.request_material),
    "receive_material": (StepForm, workflow.receive_material),
    "accept": (StepForm, workflow.accept_complaint),
    "refuse": (StepForm, workflow.refuse_complaint),
    "forward": (ForwardForm, workflow.forward_complaint),
    "extend": (ExtendForm, workflow.extend_deadline),
    "company_accept": (StepForm, workflow.accept_by_company),
    "answer": (StepForm, workflow.answer_complaint),
    "mediate": (StepForm, workflow.start_mediation),
    "close": (CloseForm, workflow.close_complaint),
    "reopen": (StepForm, workflow.reopen_complaint),
    "reroute": (RerouteForm, workflow.reroute_complaint),
    "merge": (MergeForm, _merge),
}


@login_required
@require_safe
def complaint_detail(request, reference):
    complaint = complaint_for(request.user, reference)
    return _render_detail(request, complaint)


@login_required
@require_POST
def complaint_personal_data(request, reference):
    """The page again with the complainant's data in full, for this response only; logged."""
    complaint = complaint_for(request.user, reference)
    revealed = reveal_personal_data(actor=request.user, complaint=complaint, purpose=request.path)
    response = _render_detail(request, complaint, revealed=revealed)
    patch_cache_control(response, no_store=True, private=True)
    return response


@login_required
@require_safe
def complaint_attachment(request, reference, token):
    complaint = complaint_for(request.user, reference)
    attachment = get_object_or_404(complaint.attachments, token=token)
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.name,
        content_type=attachment.content_type,
    )


@login_required
@require_POST
def complaint_action(request, reference, action):
    complaint = complaint_for(request.user, reference)
    if action not in ACTIONS:
        raise Http404
    form_class, take_step = ACTIONS[action]
    access.require(request.user, workflow.TRANSITIONS[action].permission, complaint)
    form = form_class(request.POST, action=action, user=request.user)
    if form.is_valid():
        try:
            take_step(actor=request.user, complaint=complaint, **form.cleaned_data)
        except ValidationError as refusal:
            if not hasattr(refusal, "error_dict"):
                # The state no longer allows the step (a colleague was first): nothing changed.
                messages.error(request, " ".join(refusal.messages))
                return redirect("complaint_detail", reference=complaint.reference)
            show_refusal(form, refusal)
        else:
            messages.success(
                request,
                _("%(step)s: done.") % {"step": workflow.TRANSITIONS[action].label},
            )
            return redirect("complaint_detail", reference=complaint.reference)
    return _render_detail(request, complaint, bound_form=form)


@login_required
@require_POST
def complaint_claim_timeline(request, reference):
    """The claim's dates, recorded by the company or the bureau from the complaint's page."""
    complaint = complaint_for(request.user, reference)
    access.require(request.user, "record_claim_timeline", complaint)
    form = ClaimTimelineForm(request.POST)
    if form.is_valid():
        try:
            claims.record_claim_timeline(
                actor=request.user, complaint=complaint, **form.cleaned_data
            )
        except ValidationError as refusal:
            if not hasattr(refusal, "error_dict"):
                messages.error(request, " ".join(refusal.messages))
                return redirect("complaint_detail", reference=complaint.reference)
            show_refusal(form, refusal)
        else:
            messages.success(request, _("The claim timeline is saved."))
            return redirect("complaint_detail", reference=complaint.reference)
    return _render_detail(request, complaint, timeline_form=form)


def _claim_timeline(request, complaint, bound_form):
    """The claim timeline card: its moments [(label, time or None)], who recorded them last,
    and the form for those who may record them (None for the others). None, no card, for a
    complaint that is not about a claim and has no claim dates."""
    timeline = getattr(complaint, "claim_timeline", None)
    if timeline is None and complaint.category.code != claims.CLAIMS_CATEGORY:
        return None
    form = None
    if complaint.merged_into_id is None and access.may(
        request.user, "record_claim_timeline", complaint
    ):
        form = bound_form or ClaimTimelineForm(timeline=timeline)
    return {
        "moments": [
            (claims.moment_label(field), getattr(timeline, field, None)) for field in claims.MOMENTS
        ],
        "timeline": timeline,
        "form": form,
    }


def _render_detail(request, complaint, *, bound_form=None, revealed=None, timeline_form=None):
    forms = [
        (action, transition, ACTIONS[action][0](action=action, user=request.user))
        for action, transition in workflow.actions_open_to(request.user, complaint)
    ]
    if bound_form is not None:
        forms = [
            (action, transition, bound_form if action == bound_form.action else form)
            for action, transition, form in forms
        ]
        if bound_form.action not in {action for action, _transition, _form in forms}:
            transition = workflow.TRANSITIONS[bound_form.action]
            forms.append((bound_form.action, transition, bound_form))
    page = complaint_page(request.user, complaint)
    return render(
        request,
        "complaints/detail.html",
        {
            "complaint": complaint,
            "clock": workflow.clock_state(complaint, timezone.localdate()),
            "complainant": revealed or _masked(complaint),
            "revealed": revealed is not None,
            "may_reveal": access.may(request.user, "see_personal_data", complaint),
            "may_follow_incident": access.may(request.user, "follow_incidents", complaint),
            "step_forms": forms,
            "claim": _claim_timeline(request, complaint, timeline_form),
            "history": [
                (
                    step,
                    workflow.step_label(step.action),
                    step.complaint_id != complaint.pk,
                    claims.timeline_changes(step) if step.action == "claim_timeline" else [],
                )
                for step in page.pop("history")
            ],
            **page,
        },
    )


def _masked(complaint):
    return {
        "name": personal_data.mask_name(complaint.complainant_name),
        "phone": personal_data.mask_phone(complaint.complainant_phone),
        "id_number": personal_data.mask_id_number(complaint.complainant_id_number),
        "address": personal_data.mask_address(complaint.complainant_address),
    }
