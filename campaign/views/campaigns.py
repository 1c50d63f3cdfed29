from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from ..selectors import campaigns as campaign_selectors


@login_required
@require_safe
def home(request):
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
    campaign = campaign_selectors.campaign_with_contacts(request.user, year)
    days_left = campaign.days_left(timezone.localdate())
    return render(
        request,
        "campaign/campaign_detail.html",
        {"campaign": campaign, "days_left": days_left, "days_overdue": -days_left},
    )
