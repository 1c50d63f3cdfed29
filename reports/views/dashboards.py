"""The dashboards: head office's national view of a campaign, and a unit's own figures
beside the national average of its kind, at one address whose content depends on who asks."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from campaign.selectors import campaigns as campaign_selectors
from complaints.services import tallies as complaint_tallies
from portal import access

from ..documents import dashboard_charts
from ..selectors import dashboards as dashboard_selectors


@login_required
@require_safe
def dashboard(request, year):
    campaign = campaign_selectors.campaign_for_user(request.user, year)
    if not access.may(request.user, "view_dashboard", campaign):
        raise Http404
    complaint_tallies.refresh_if_stale(campaign.year)
    if access.is_head_office(request.user):
        data = dashboard_selectors.head_office_dashboard(campaign, viewer=request.user)
        return render(
            request,
            "reports/head_office_dashboard.html",
            {
                "campaign": campaign,
                "dashboard": data,
                "completeness_chart": dashboard_charts.completeness_chart(data.kinds),
                "progress_chart": dashboard_charts.progress_chart(data.progress),
                "complaints_charts": dashboard_charts.complaints_charts(data.complaints),
            },
        )
    data = dashboard_selectors.unit_dashboard(request.user, campaign)
    return render(
        request,
        "reports/unit_dashboard.html",
        {
            "campaign": campaign,
            "dashboard": data,
            "key_chart": dashboard_charts.unit_key_chart(data) if data.is_expected else None,
            "complaints_charts": dashboard_charts.complaints_charts(data.complaints),
        },
    )


@login_required
@require_safe
def current_dashboard(request):
    """Where the navigation's dashboard item leads: the dashboard of the campaign the user
    lands on."""
    access.require(request.user, "view_dashboard")
    campaign = campaign_selectors.current_campaign_for(request.user)
    if campaign is None:
        return redirect("home")
    return redirect("dashboard", year=campaign.year)
