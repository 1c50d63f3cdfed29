"""Deadline reminders: head office's 催报 from the review table, and the log of reminders."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from campaign.selectors.campaigns import campaign_for_user
from portal import access
from portal.notifications import is_local_path

from ..forms import ReminderFilterForm
from ..selectors import reminders as selectors
from ..services import reminders as services

REMINDERS_PER_PAGE = 50


@login_required
@require_POST
def reminders_send(request, year):
    access.require(request.user, "send_reminders")
    campaign = campaign_for_user(request.user, year)
    table = reverse("statistics_review", kwargs={"year": campaign.year})
    # Back to the table as it was filtered and paged.
    back = request.POST.get("next", "")
    back = back if is_local_path(back) and back.startswith(table) else table
    codes = request.POST.getlist("unit")
    if not codes:
        messages.warning(request, _("Select the units to remind first."))
        return redirect(back)
    try:
        result = services.send_reminders_now(
            actor=request.user, campaign=campaign, organisations=codes
        )
    except services.ReminderError as refusal:
        messages.error(request, str(refusal))
        return redirect(back)
    _report(request, result)
    return redirect(back)


def _names(units):
    return "、".join(str(getattr(unit, "name", unit)) for unit in units)


def _report(request, result):
    """Tell head office how many units were reminded and which were skipped, and why."""
    if result.sent:
        people = sum(reminder.recipients for reminder in result.sent)
        messages.success(
            request,
            ngettext(
                "Reminded %(count)s unit (%(people)s people notified): %(units)s.",
                "Reminded %(count)s units (%(people)s people notified): %(units)s.",
                len(result.sent),
            )
            % {
                "count": len(result.sent),
                "people": people,
                "units": _names(r.organisation for r in result.sent),
            },
        )
    nobody = [r.organisation for r in result.sent if not r.recipients]
    if nobody:
        messages.warning(
            request,
            _("Nobody at %(units)s could be notified: the unit has no active person.")
            % {"units": _names(nobody)},
        )
    reasons = [
        (result.submitted, _("Skipped %(units)s: the report has been submitted.")),
        (
            result.recent,
            _("Skipped %(units)s: already reminded a few minutes ago."),
        ),
        (result.unknown, _("Skipped %(units)s: not expected to report in this campaign.")),
    ]
    for units, text in reasons:
        if units:
            messages.warning(request, text % {"units": _names(units)})


@login_required
@require_safe
def reminder_list(request, year):
    access.require(request.user, "send_reminders")
    campaign = campaign_for_user(request.user, year)
    search = ReminderFilterForm(request.GET, units=selectors.units_reminded(campaign))
    search.is_valid()
    filters = getattr(search, "cleaned_data", {})
    reminders = selectors.reminders_of(
        campaign, kind=filters.get("kind", ""), organisation_code=filters.get("unit", "")
    )
    page = Paginator(reminders, REMINDERS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "reports/reminder_list.html",
        {
            "campaign": campaign,
            "search": search,
            "page": page,
            "filtered": any(filters.get(name) for name in search.fields),
        },
    )
