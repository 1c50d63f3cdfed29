from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from portal import access

from ..selectors import campaigns as campaign_selectors
from ..selectors import public as public_selectors
from ..selectors import review as review_selectors
from ..selectors import statistics as statistics_selectors


@require_safe
def home(request):
    """The public campaign site's home page for a visitor; a signed-in user is taken to their
    work (the hotline's seat, else their campaign)."""
    if not request.user.is_authenticated:
        return render(request, "campaign/home.html", {"page": public_selectors.home_page()})
    if access.may(request.user, "take_calls"):
        return redirect("hotline_home")
    campaign = campaign_selectors.current_campaign_for(request.user)
    if campaign is None:
        return render(request, "campaign/no_campaign.html")
    return redirect("campaign_detail", year=campaign.year)


@login_required
@require_safe
def campaign_list(request):
    campaigns = campaign_selectors.campaigns_visible_to(request.user)
    return render(request, "campaign/campaign_list.html", {"campaigns": campaigns})


@login_required
@require_safe
def campaign_detail(request, year):
    """The campaign, and where the user stands in it: a unit its report's state and next
    step, head office how many reports are in."""
    campaign = campaign_selectors.campaign_with_contacts(request.user, year)
    days_left = campaign.days_left(timezone.localdate())
    reviewing = access.may(request.user, "review_statistics")
    return render(
        request,
        "campaign/campaign_detail.html",
        {
            "campaign": campaign,
            "days_left": days_left,
            "days_overdue": -days_left,
            "own": statistics_selectors.own_report_state(request.user, campaign),
            "reports_in": (
                review_selectors.review_summary(request.user, campaign) if reviewing else None
            ),
        },
    )
