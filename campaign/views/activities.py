"""The activity log (活动记录): a unit records its campaign events with photos; head office
follows every unit's, in a list and a month's calendar."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST, require_safe

from portal import access

from ..forms.activities import (
    ActivityEditForm,
    ActivityFilterForm,
    ActivityForm,
    ActivityPhotoForm,
    MonthForm,
)
from ..selectors import activities as activity_selectors
from ..selectors.campaigns import campaign_for_user, current_campaign_or_404
from ..services import activities as activity_services
from .photos import photo_response

ACTIVITIES_PER_PAGE = 25


def _units_for(user, campaign):
    """The units head office may narrow the national log to; None for a unit's own log."""
    if access.may(user, "record_activities"):
        return None
    return activity_selectors.units_with_activities(campaign)


def _log(request, year):
    """The campaign whose log the URL names, for a user who keeps or follows logs."""
    campaign = campaign_for_user(request.user, year)
    access.require(request.user, "view_activities")
    return campaign


def _editable(request, activity):
    """The event for a change by its unit: 403 for anyone else; a closed campaign's log says
    so and goes back to the event (None)."""
    access.require(request.user, "record_activities", activity)
    try:
        activity_services.check_open(activity.campaign)
    except activity_services.ActivityRefused as problem:
        messages.error(request, str(problem))
        return None
    return activity


@login_required
@require_safe
def activities_home(request):
    """Where the navigation's "Activity log" leads: the current campaign's log."""
    access.require(request.user, "view_activities")
    campaign = current_campaign_or_404(request.user)
    return redirect("activity_list", year=campaign.year)


@login_required
@require_safe
def activity_list(request, year):
    campaign = _log(request, year)
    search = ActivityFilterForm(request.GET, units=_units_for(request.user, campaign))
    activities = activity_selectors.activity_list(request.user, campaign, **search.filters)
    page = Paginator(activities, ACTIVITIES_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "campaign/activities/list.html",
        {
            "campaign": campaign,
            "search": search,
            "page": page,
            "may_record": access.may(request.user, "record_activities") and campaign.is_open,
        },
    )


@login_required
def activity_create(request, year):
    campaign = _log(request, year)
    access.require(request.user, "record_activities")
    try:
        activity_services.check_open(campaign)
    except activity_services.ActivityRefused as problem:
        messages.error(request, str(problem))
        return redirect("activity_list", year=year)
    today = timezone.localdate()
    first, last = activity_services.season(campaign)
    form = ActivityForm(
        request.POST or None, initial={"held_on": today if first <= today <= last else None}
    )
    if request.method == "POST" and form.is_valid():
        try:
            activity = activity_services.record_activity(
                actor=request.user,
                campaign=campaign,
                **form.cleaned_data,
            )
        except ValidationError as refusal:
            form.add_error(None, refusal)
        except activity_services.ActivityRefused as problem:
            messages.error(request, str(problem))
            return redirect("activity_list", year=year)
        else:
            messages.success(request, _("The event has been recorded."))
            return redirect("activity_detail", year=year, pk=activity.pk)
    return render(request, "campaign/activities/form.html", {"campaign": campaign, "form": form})


@login_required
@require_safe
def activity_detail(request, year, pk):
    campaign = campaign_for_user(request.user, year)
    activity = activity_selectors.activity_for_user(request.user, campaign, pk)
    may_change = access.may(request.user, "record_activities", activity) and campaign.is_open
    return render(
        request,
        "campaign/activities/detail.html",
        {
            "campaign": campaign,
            "activity": activity,
            "photos": activity.photos.all(),
            "history": activity_selectors.activity_history(activity),
            "may_change": may_change,
            "photo_form": ActivityPhotoForm() if may_change else None,
            "max_photos": activity_services.MAX_PHOTOS,
        },
    )


@login_required
def activity_edit(request, year, pk):
    campaign = campaign_for_user(request.user, year)
    activity = _editable(request, activity_selectors.activity_for_user(request.user, campaign, pk))
    if activity is None:
        return redirect("activity_detail", year=year, pk=pk)
    form = ActivityEditForm(request.POST or None, initial=ActivityEditForm.initial_for(activity))
    if request.method == "POST" and form.is_valid():
        try:
            changed = activity_services.update_activity(
                actor=request.user, activity=activity, **form.cleaned_data
            )
        except ValidationError as refusal:
            form.add_error(None, refusal)
        except activity_services.ActivityConflict as conflict:
            # What the clerk typed stays; saving again is deliberate, over the colleague's.
            form = form.with_saved_at(conflict.activity.updated_at)
            form.is_valid()
            names = [str(form.fields[name].label) for name in conflict.fields]
            form.add_error(
                None,
                _(
                    "Someone else saved this event while you were editing it (%(fields)s). "
                    "Your changes are still in the form: compare them with the event's page, "
                    "then save again."
                )
                % {"fields": pgettext("list separator", ", ").join(names)},
            )
        except activity_services.ActivityRefused as problem:
            messages.error(request, str(problem))
            return redirect("activity_detail", year=year, pk=pk)
        else:
            if changed:
                messages.success(request, _("The event has been saved."))
            else:
                messages.info(request, _("Nothing was changed."))
            return redirect("activity_detail", year=year, pk=pk)
    return render(
        request,
        "campaign/activities/form.html",
        {"campaign": campaign, "form": form, "activity": activity},
    )


@login_required
def activity_delete(request, year, pk):
    campaign = campaign_for_user(request.user, year)
    activity = _editable(request, activity_selectors.activity_for_user(request.user, campaign, pk))
    if activity is None:
        return redirect("activity_detail", year=year, pk=pk)
    if request.method == "POST":
        try:
            activity_services.delete_activity(actor=request.user, activity=activity)
        except activity_services.ActivityRefused as problem:
            messages.error(request, str(problem))
            return redirect("activity_detail", year=year, pk=pk)
        messages.success(request, _("The event has been deleted."))
        return redirect("activity_list", year=year)
    return render(
        request, "campaign/activities/delete.html", {"campaign": campaign, "activity": activity}
    )


@login_required
@require_POST
def activity_photo_add(request, year, pk):
    campaign = campaign_for_user(request.user, year)
    activity = activity_selectors.activity_for_user(request.user, campaign, pk)
    access.require(request.user, "record_activities", activity)
    form = ActivityPhotoForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a photo to add."))
    else:
        try:
            photo = activity_services.add_activity_photo(
                actor=request.user, activity=activity, upload=form.cleaned_data["photo"]
            )
            messages.success(request, _("%(name)s added.") % {"name": photo})
        except activity_services.ActivityRefused as problem:
            messages.error(request, str(problem))
    return redirect("activity_detail", year=year, pk=pk)


@login_required
@require_safe
def activity_photo(request, pk):
    return photo_response(activity_selectors.photo_for_user(request.user, pk).image)


@login_required
@require_safe
def activity_photo_thumbnail(request, pk):
    return photo_response(activity_selectors.photo_for_user(request.user, pk).thumbnail)


@login_required
@require_POST
def activity_photo_delete(request, pk):
    photo = activity_selectors.photo_for_user(request.user, pk)
    activity = photo.activity
    access.require(request.user, "record_activities", activity)
    try:
        activity_services.remove_activity_photo(actor=request.user, photo=photo)
        messages.success(request, _("%(name)s removed.") % {"name": photo})
    except activity_services.ActivityRefused as problem:
        messages.error(request, str(problem))
    return redirect("activity_detail", year=activity.campaign.year, pk=activity.pk)


def _default_month(campaign):
    """This month while it is in the campaign's season, else the month its activity period
    starts."""
    today = timezone.localdate()
    first, last = activity_services.season(campaign)
    return (today if first <= today <= last else campaign.period_start).replace(day=1)


def _shift(month, months):
    index = month.year * 12 + month.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


@login_required
@require_safe
def activity_calendar(request, year):
    campaign = _log(request, year)
    data = request.GET.copy()
    if not data.get("month"):
        data["month"] = f"{_default_month(campaign):%Y-%m}"
    first, last = activity_services.season(campaign)
    form = MonthForm(data, units=_units_for(request.user, campaign), season=(first, last))
    if form.is_valid():
        month, unit = form.cleaned_data["month"].replace(day=1), form.cleaned_data.get("unit")
    else:
        month, unit = _default_month(campaign), None
    previous_month, next_month = _shift(month, -1), _shift(month, 1)
    weeks = activity_selectors.month_calendar(request.user, campaign, month, unit=unit)
    return render(
        request,
        "campaign/activities/calendar.html",
        {
            "campaign": campaign,
            "search": form,
            "month": month,
            # No link to a month outside the season: the form would refuse it.
            "previous_month": previous_month if previous_month >= first.replace(day=1) else None,
            "next_month": next_month if next_month <= last else None,
            "weeks": weeks,
            "days": [day for week in weeks for day in week if day.in_month and day.events],
            "unit": unit,
        },
    )
