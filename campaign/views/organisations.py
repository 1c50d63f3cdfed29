from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from portal import access

from ..forms.organisations import OrganisationForm, OrganisationSearchForm
from ..selectors import organisations as organisation_selectors
from ..selectors.organisations import organisation_search
from ..services import organisations as organisation_services

ORGANISATIONS_PER_PAGE = 25


@login_required
@require_safe
def organisation_list(request):
    access.require(request.user, "manage_organisations")
    search = OrganisationSearchForm(request.GET)
    search.is_valid()
    organisations = organisation_search(
        request.user,
        query=search.cleaned_data.get("q", ""),
        kind=search.cleaned_data.get("kind", ""),
    )
    page = Paginator(organisations, ORGANISATIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "campaign/organisation_list.html", {"search": search, "page": page})


@login_required
def organisation_create(request):
    access.require(request.user, "manage_organisations")
    form = OrganisationForm(request.POST or None, initial={"kind": "insurer"})
    if request.method == "POST" and form.is_valid():
        try:
            organisation = organisation_services.create_organisation(
                actor=request.user, **form.cleaned_data
            )
        except ValidationError as refusal:
            # Another bureau took a region between the form's check and the save.
            form.add_error(None, refusal)
        else:
            messages.success(request, _("%(name)s has been added.") % {"name": organisation})
            return redirect("organisation_list")
    return render(request, "campaign/organisation_form.html", {"form": form})


@login_required
def organisation_edit(request, code):
    organisation = organisation_selectors.organisation_for_manager(request.user, code)
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            changed = organisation_services.update_organisation(
                actor=request.user, organisation=organisation, **form.cleaned_data
            )
        except ValidationError as refusal:
            form.add_error(None, refusal)
        else:
            if changed:
                messages.success(request, _("%(name)s has been saved.") % {"name": organisation})
            else:
                messages.info(request, _("Nothing was changed."))
            return redirect("organisation_list")
    return render(
        request, "campaign/organisation_form.html", {"form": form, "organisation": organisation}
    )
