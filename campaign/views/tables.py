"""Head office's editor for a campaign's statistics table: add, edit, retire, restore and
reorder indicators. The services keep entered values from being lost or re-labelled."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from ..forms.campaigns import IndicatorForm
from ..selectors import campaigns as campaign_selectors
from ..selectors import tables as table_selectors
from ..services import tables as table_services


def _back_to_table(year, code=None):
    url = reverse("campaign_table", kwargs={"year": year})
    return redirect(f"{url}#indicator-{code}" if code else url)


@login_required
@require_safe
def campaign_table(request, year):
    campaign = campaign_selectors.campaign_for_manager(request.user, year)
    sections, rules = table_selectors.campaign_table(campaign)
    return render(
        request,
        "campaign/table/table.html",
        {
            "campaign": campaign,
            "sections": sections,
            "rules": rules,
            "editable": table_services.table_is_editable(campaign),
        },
    )


@login_required
def indicator_create(request, year):
    campaign = campaign_selectors.campaign_for_manager(request.user, year)
    if not table_services.table_is_editable(campaign):
        messages.error(request, table_services.closed_message(campaign))
        return _back_to_table(year)
    form = IndicatorForm(request.POST or None, campaign=campaign)
    if request.method == "POST" and form.is_valid():
        try:
            indicator = table_services.add_indicator(
                actor=request.user,
                campaign=campaign,
                code=form.cleaned_data["code"],
                **form.changes,
            )
        except table_services.TableError as refusal:
            # A rule the form checked no longer holds (e.g. a colleague took the code).
            form.add_error(None, refusal)
        else:
            messages.success(request, _("%(code)s has been added.") % {"code": indicator.code})
            return _back_to_table(year, indicator.code)
    return render(
        request, "campaign/table/indicator_form.html", {"campaign": campaign, "form": form}
    )


@login_required
def indicator_edit(request, year, code):
    campaign = campaign_selectors.campaign_for_manager(request.user, year)
    indicator = table_selectors.indicator_for_editing(campaign, code)
    if not table_services.table_is_editable(campaign):
        messages.error(request, table_services.closed_message(campaign))
        return _back_to_table(year, code)
    form = IndicatorForm(request.POST or None, instance=indicator, campaign=campaign)
    if request.method == "POST" and form.is_valid():
        try:
            changed = table_services.update_indicator(
                actor=request.user, indicator=indicator, **form.changes
            )
        except table_services.TableError as refusal:
            form.add_error(None, refusal)
        else:
            if changed:
                messages.success(request, _("%(code)s has been saved.") % {"code": code})
            else:
                messages.info(request, _("Nothing was changed."))
            return _back_to_table(year, code)
    return render(
        request,
        "campaign/table/indicator_form.html",
        {"campaign": campaign, "form": form, "indicator": indicator, "locked": form.locked},
    )


def _change_indicator(request, year, code, change, done, **options):
    """Run one table service on the indicator and go back to it on the table page."""
    campaign = campaign_selectors.campaign_for_manager(request.user, year)
    indicator = table_selectors.indicator_for_editing(campaign, code)
    try:
        changed = change(actor=request.user, indicator=indicator, **options)
    except table_services.TableError as problem:
        messages.error(request, str(problem))
    else:
        if changed and done:
            messages.success(request, done % {"code": code})
    return _back_to_table(year, code)


@login_required
@require_POST
def indicator_retire(request, year, code):
    return _change_indicator(
        request,
        year,
        code,
        table_services.retire_indicator,
        _("%(code)s is retired: it is no longer asked for; values already entered are kept."),
    )


@login_required
@require_POST
def indicator_restore(request, year, code):
    return _change_indicator(
        request,
        year,
        code,
        table_services.restore_indicator,
        _("%(code)s is asked for again."),
    )


@login_required
@require_POST
def indicator_move(request, year, code):
    return _change_indicator(
        request,
        year,
        code,
        table_services.move_indicator,
        None,
        direction=request.POST.get("direction"),
    )
