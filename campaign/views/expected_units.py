"""Head office's list of the units a campaign expects a report from: add and remove units."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from ..forms.organisations import ExpectedUnitAddForm, ExpectedUnitSearchForm
from ..selectors import campaigns as campaign_selectors
from ..selectors import expected_units as expected_unit_selectors
from ..services import expected_units as expected_unit_services


@login_required
@require_safe
def expected_unit_list(request, year):
    campaign = campaign_selectors.campaign_for_manager(request.user, year)
    units = expected_unit_selectors.units_to_add(request.user, campaign)
    return _render(request, campaign, ExpectedUnitAddForm(units=units))


def _render(request, campaign, add_form):
    search = ExpectedUnitSearchForm(request.GET)
    search.is_valid()
    query = search.cleaned_data.get("q", "")
    return render(
        request,
        "campaign/expected_units.html",
        {
            "campaign": campaign,
            "search": search,
            "query": query,
            "units": list(
                expected_unit_selectors.expected_units(request.user, campaign, query=query)
            ),
            "add_form": add_form,
            "units_to_add": list(add_form.fields["unit"].queryset),
            "changes": list(expected_unit_selectors.expected_unit_changes(request.user, campaign)),
            "editable": expected_unit_services.list_is_editable(campaign),
        },
    )


@login_required
@require_POST
def expected_unit_add(request, year):
    campaign = campaign_selectors.campaign_for_manager(request.user, year)
    units = expected_unit_selectors.units_to_add(request.user, campaign)
    form = ExpectedUnitAddForm(request.POST, units=units)
    if not form.is_valid():
        return _render(request, campaign, form)
    unit = form.cleaned_data["unit"]
    try:
        expected_unit_services.add_expected_unit(
            actor=request.user, campaign=campaign, organisation=unit
        )
    except expected_unit_services.ExpectedUnitError as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(
            request,
            _("The %(year)s campaign now expects a report from %(unit)s.")
            % {"year": campaign.year, "unit": unit},
        )
    return redirect("expected_unit_list", year=year)


@login_required
@require_POST
def expected_unit_remove(request, year, code):
    campaign = campaign_selectors.campaign_for_manager(request.user, year)
    unit = get_object_or_404(
        expected_unit_selectors.expected_units(request.user, campaign), code=code
    )
    try:
        expected_unit_services.remove_expected_unit(
            actor=request.user, campaign=campaign, organisation=unit
        )
    except expected_unit_services.ExpectedUnitError as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(
            request,
            _("The %(year)s campaign no longer expects a report from %(unit)s.")
            % {"year": campaign.year, "unit": unit},
        )
    return redirect("expected_unit_list", year=year)
