"""The public's year-over-year page (no login): a company's commitments beside last year's."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from ..selectors import year_over_year as selectors
from . import year_asked


@require_safe
def commitment_year_over_year(request, code):
    """``?year=`` picks the campaign; by default the latest the company has published in."""
    company = get_object_or_404(selectors.insurers(), code=code)
    year = year_asked(request)
    if "year" in request.GET and year is None:
        raise Http404
    campaign = selectors.campaign_to_show(company, year)
    if year is not None and campaign is None:
        raise Http404
    comparison = selectors.year_over_year(company, campaign)
    return render(
        request,
        "commitments/public/year_over_year.html",
        {
            "comparison": comparison,
            "company": company,
            "years": list(selectors.campaigns_published_by(company).values_list("year", flat=True)),
            "changes": [(change, comparison.count(change)) for change in selectors.Change],
        },
    )
