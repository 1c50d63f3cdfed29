"""Head office sets up a year's campaign and moves it through draft → open → closed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal import access

from ..forms.campaigns import CampaignForm, ContactFormSet
from ..selectors import campaigns as campaign_selectors
from ..selectors.campaigns import latest_campaign_contacts
from ..services import campaigns as campaign_services


@login_required
def campaign_create(request):
    access.require(request.user, "manage_campaigns")
    form = CampaignForm(
        request.POST or None, campaigns=campaign_selectors.campaigns_visible_to(request.user)
    )
    contacts = ContactFormSet(
        request.POST or None,
        prefix="contacts",
        initial=latest_campaign_contacts(request.user),
    )
    if request.method == "POST" and all([form.is_valid(), contacts.is_valid()]):
        try:
            campaign = campaign_services.create_campaign(
                actor=request.user, **form.cleaned_data, contacts=contacts.contacts
            )
        except ValidationError as refusal:
            form.add_error(None, refusal)
        except IntegrityError:
            # Someone created the same year between the check and the save.
            form.add_error(
                "year",
                _("A campaign for %(year)s already exists.") % {"year": form.cleaned_data["year"]},
            )
        else:
            messages.success(
                request,
                _(
                    "The %(year)s campaign has been created as a draft. Check its statistics "
                    "table and its units expected to report (copied from the previous "
                    "campaign), then open it to the reporting units."
                )
                % {"year": campaign.year},
            )
            return redirect("campaign_detail", year=campaign.year)
    return render(request, "campaign/campaign_form.html", {"form": form, "contacts": contacts})


@login_required
@require_POST
def campaign_open(request, year):
    campaign = campaign_selectors.campaign_for_manager(request.user, year)
    was_closed = campaign.status == campaign.Status.CLOSED
    try:
        campaign_services.open_campaign(actor=request.user, campaign=campaign)
    except campaign_services.CampaignError as problem:
        messages.error(request, str(problem))
    else:
        if was_closed:
            messages.success(
                request, _("The %(year)s campaign is open again.") % {"year": campaign.year}
            )
        else:
            messages.success(
                request,
                _("The %(year)s campaign is open: the reporting units can now see it.")
                % {"year": campaign.year},
            )
    return redirect("campaign_detail", year=year)


@login_required
@require_POST
def campaign_close(request, year):
    campaign = campaign_selectors.campaign_for_manager(request.user, year)
    try:
        campaign_services.close_campaign(actor=request.user, campaign=campaign)
    except campaign_services.CampaignError as problem:
        messages.error(request, str(problem))
    else:
        messages.success(request, _("The %(year)s campaign is closed.") % {"year": campaign.year})
    return redirect("campaign_detail", year=year)
