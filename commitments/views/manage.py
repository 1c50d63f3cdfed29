"""A company's commitments of a year and its draft form; the review list of bureaus and head
office. Staff only: the public reads published commitments on the pages of views.public."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from campaign.selectors.campaigns import campaigns_visible_to, current_campaign_for
from portal import access

from ..forms.staff import CommitmentFilterForm, CommitmentForm
from ..models import ServiceCommitment
from ..selectors.commitments import (
    commitment_for,
    commitments_for_review,
    companies_with_commitments,
    own_commitments_by_stage,
)
from ..services.commitments import EDITABLE, draft_commitment, update_draft
from . import year_asked

PER_PAGE = 50


@login_required
@require_safe
def commitment_manage(request):
    """A company's own commitments; a bureau's or head office's review list instead."""
    user = request.user
    if access.may(user, "draft_commitments"):
        return _own_commitments(request)
    if access.may(user, "flag_commitment") or access.may(user, "comment_on_commitment"):
        return _review_list(request)
    raise PermissionDenied


def _selected_campaign(request):
    """The campaign of ``?year=`` when the user sees it, else the current one (or None)."""
    year = year_asked(request)
    if year is not None:
        campaign = campaigns_visible_to(request.user).filter(year=year).first()
        if campaign is not None:
            return campaign
    return current_campaign_for(request.user)


def _filters(request, campaign, **form_options):
    data = request.GET.copy()
    if campaign is not None:
        data["year"] = campaign.year
    years = campaigns_visible_to(request.user).values_list("year", flat=True)
    return CommitmentFilterForm(data, years=years, **form_options)


def _own_commitments(request):
    campaign = _selected_campaign(request)
    stages = own_commitments_by_stage(request.user, campaign) if campaign else []
    context = {
        "campaign": campaign,
        "search": _filters(request, campaign, searchable=False),
        "stages": stages,
    }
    return render(request, "commitments/manage.html", context)


def _review_list(request):
    user = request.user
    campaign = _selected_campaign(request)
    companies = None
    if access.is_head_office(user) and campaign is not None:
        companies = companies_with_commitments(campaign)
    search = _filters(request, campaign, companies=companies)
    filters = search.filters
    commitments = ServiceCommitment.objects.none()
    if campaign is not None:
        commitments = commitments_for_review(
            user, campaign, company=filters["company"], search=filters["search"]
        )
    page = Paginator(commitments, PER_PAGE).get_page(request.GET.get("page"))
    context = {"campaign": campaign, "search": search, "page": page}
    return render(request, "commitments/review.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def commitment_new(request):
    """A new draft of the user's company, in the year of ``?year=`` (else the current one)."""
    access.require(request.user, "draft_commitments")
    campaign = _campaign_for_new(request)
    form = CommitmentForm(request.POST or None)
    if form.is_valid():
        try:
            commitment = draft_commitment(
                actor=request.user,
                company=request.user.organisation,
                campaign=campaign,
                kind=form.cleaned_data["kind"],
                **form.draft_fields,
            )
        except ValidationError as refusal:
            form.add_error(None, refusal)
        else:
            messages.success(request, _("The draft is saved. Publish it when it is ready."))
            return redirect("commitment_detail", pk=commitment.pk)
    return render(
        request, "commitments/form.html", {"form": form, "campaign": campaign, "commitment": None}
    )


def _campaign_for_new(request):
    campaign = _selected_campaign(request)
    if campaign is None:
        raise Http404
    return campaign


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def commitment_edit(request, pk):
    """A draft's form: 404 for a draft the user may not see, 403 for a commitment of another
    company's; a published version is amended instead, from its page."""
    commitment = commitment_for(request.user, pk)
    access.require(request.user, "draft_commitments", commitment)
    if commitment.status != ServiceCommitment.Status.DRAFT:
        messages.error(
            request,
            _("A published commitment is not changed: amend it to draft a new version."),
        )
        return redirect("commitment_detail", pk=commitment.pk)
    form = CommitmentForm(
        request.POST or None,
        kind=commitment.kind,
        initial={name: getattr(commitment, name) for name in EDITABLE},
    )
    if form.is_valid():
        try:
            update_draft(actor=request.user, commitment=commitment, **form.draft_fields)
        except ValidationError as refusal:
            if not hasattr(refusal, "error_dict"):
                # Published meanwhile (a colleague was first): nothing changed.
                messages.error(request, " ".join(refusal.messages))
                return redirect("commitment_detail", pk=commitment.pk)
            form.add_error(None, refusal)
        else:
            messages.success(request, _("The draft is saved. Publish it when it is ready."))
            return redirect("commitment_detail", pk=commitment.pk)
    context = {"form": form, "campaign": commitment.campaign, "commitment": commitment}
    return render(request, "commitments/form.html", context)
