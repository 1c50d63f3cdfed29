"""双十佳: a bureau's or the association's own entries (drafted, published, withdrawn), and
the published lists the public reads by campaign and region (no login)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from portal import access

from ..forms.exemplars import ExemplarForm
from ..models import Exemplar
from ..selectors import exemplars as selectors
from ..selectors.campaigns import campaign_for_user, current_campaign_or_404
from ..services import exemplars as services
from .photos import photo_response


@login_required
@require_safe
def exemplar_manage_home(request):
    """Where the navigation's "双十佳" leads: the lists of the current campaign."""
    access.require(request.user, "list_exemplars")
    campaign = current_campaign_or_404(request.user)
    return redirect("exemplar_manage", year=campaign.year)


@login_required
@require_safe
def exemplar_manage(request, year):
    campaign = campaign_for_user(request.user, year)
    access.require(request.user, "list_exemplars")
    context = {
        "campaign": campaign,
        "groups": selectors.own_exemplars_by_region(request.user, campaign),
        "limit": Exemplar.LIMIT,
    }
    return render(request, "campaign/exemplars/manage.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def exemplar_new(request, year):
    """A new entry; ``?region=<id>&kind=person`` chosen beforehand from the lists' page."""
    campaign = campaign_for_user(request.user, year)
    access.require(request.user, "list_exemplars")
    form = ExemplarForm(
        request.POST or None,
        request.FILES or None,
        regions=selectors.exemplar_regions(request.user),
        initial={"region": request.GET.get("region"), "kind": request.GET.get("kind")},
    )
    if form.is_valid():
        try:
            services.draft_exemplar(
                actor=request.user,
                campaign=campaign,
                region=form.cleaned_data["region"],
                kind=form.cleaned_data["kind"],
                photo=form.cleaned_data["photo"],
                **form.entry_fields,
            )
        except ValidationError as refusal:
            form.add_error(None, refusal)
        else:
            messages.success(request, _("The entry is saved as a draft. Publish it when ready."))
            return redirect("exemplar_manage", year=campaign.year)
    context = {"form": form, "campaign": campaign, "exemplar": None}
    return render(request, "campaign/exemplars/form.html", context)


def _own_entry(request, year, pk):
    """404 for an entry of another organisation's; 403 for one seen but not the user's."""
    exemplar = selectors.exemplar_for_staff(request.user, year, pk)
    access.require(request.user, "list_exemplars", exemplar)
    return exemplar


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def exemplar_edit(request, year, pk):
    exemplar = _own_entry(request, year, pk)
    form = ExemplarForm(request.POST or None, request.FILES or None, instance=exemplar)
    if form.is_valid():
        try:
            services.update_exemplar(
                actor=request.user,
                exemplar=exemplar,
                photo=form.cleaned_data.get("photo"),
                remove_photo=form.cleaned_data.get("remove_photo", False),
                **form.entry_fields,
            )
        except ValidationError as refusal:
            form.add_error(None, refusal)
        else:
            messages.success(request, _("The entry is saved."))
            return redirect("exemplar_manage", year=year)
    context = {"form": form, "campaign": exemplar.campaign, "exemplar": exemplar}
    return render(request, "campaign/exemplars/form.html", context)


STEPS = {
    "publish": (services.publish_exemplar, _("%(name)s is published on the public list.")),
    "withdraw": (services.withdraw_exemplar, _("%(name)s is withdrawn from the public list.")),
    "delete": (services.delete_exemplar, _("%(name)s is deleted.")),
}


@login_required
@require_POST
def exemplar_step(request, year, pk, step):
    """Publish, withdraw or delete an entry (from the lists' page), then back to it."""
    if step not in STEPS:
        raise Http404
    exemplar = _own_entry(request, year, pk)
    service, done = STEPS[step]
    try:
        service(actor=request.user, exemplar=exemplar)
    except ValidationError as refusal:
        messages.error(request, " ".join(refusal.messages))
    else:
        messages.success(request, str(done) % {"name": exemplar.name})
    return redirect("exemplar_manage", year=year)


@require_safe
def exemplar_public(request, year=None):
    """The public's lists: the regions of the newest campaign with published entries (or
    of ``year``), each with how many it has published."""
    campaign = selectors.public_campaign(year)
    context = {
        "campaign": campaign,
        "campaigns": selectors.public_campaigns().order_by("-year"),
        "regions": selectors.regions_with_published_counts(campaign) if campaign else [],
    }
    return render(request, "campaign/exemplars/public.html", context)


@require_safe
def exemplar_region(request, year, region_code):
    """A region's published 双十佳 of a campaign."""
    campaign = selectors.public_campaign(year)
    region = selectors.public_region(region_code)
    persons, counters = selectors.published_exemplars(campaign, region)
    context = {
        "campaign": campaign,
        "region": region,
        "regions": selectors.bureau_regions(),
        "persons": persons,
        "counters": counters,
    }
    return render(request, "campaign/exemplars/region.html", context)


@require_safe
def exemplar_photo(request, pk, small=False):
    """A published entry's photo (or its small copy) for anyone; a draft's for its own
    organisation's staff. The files are never served from MEDIA_ROOT directly."""
    exemplar = selectors.exemplar_with_photo(request.user, pk)
    response = photo_response(exemplar.thumbnail if small else exemplar.photo)
    if exemplar.is_published:
        patch_cache_control(response, public=True, max_age=600)
    else:
        patch_cache_control(response, private=True, no_store=True)
    return response
