from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from portal import access

from . import selectors, services
from .forms import OrganisationForm, OrganisationSearchForm

ORGANISATIONS_PER_PAGE = 25


@login_required
def home(request):
    campaign = selectors.current_campaign_for(request.user)
    if campaign is None:
        return render(request, "campaign/no_campaign.html")
    return redirect("campaign_detail", year=campaign.year)


@login_required
def campaign_list(request):
    campaigns = access.campaigns_visible_to(request.user)
    return render(request, "campaign/campaign_list.html", {"campaigns": campaigns})


@login_required
def campaign_detail(request, year):
    campaign = selectors.campaign_with_contacts(request.user, year)
    days_left = campaign.days_left(timezone.localdate())
    return render(
        request,
        "campaign/campaign_detail.html",
        {"campaign": campaign, "days_left": days_left, "days_overdue": -days_left},
    )


@login_required
def organisation_list(request):
    access.require(request.user, "manage_organisations")
    search = OrganisationSearchForm(request.GET)
    search.is_valid()
    organisations = selectors.organisation_search(
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
        organisation = services.create_organisation(actor=request.user, **form.cleaned_data)
        messages.success(request, _("%(name)s has been added.") % {"name": organisation})
        return redirect("organisation_list")
    return render(request, "campaign/organisation_form.html", {"form": form})


@login_required
def organisation_edit(request, code):
    organisation = access.organisation_for_manager(request.user, code)
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        changed = services.update_organisation(
            actor=request.user, organisation=organisation, **form.cleaned_data
        )
        if changed:
            messages.success(request, _("%(name)s has been saved.") % {"name": organisation})
        else:
            messages.info(request, _("Nothing was changed."))
        return redirect("organisation_list")
    return render(
        request, "campaign/organisation_form.html", {"form": form, "organisation": organisation}
    )
