"""The public's pages (no login): every current commitment, one company's, and chosen
companies compared kind by kind."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_safe

from ..forms.public import CommitmentSearchForm, CompareForm
from ..selectors import promises
from ..selectors import public as public_selectors


@require_safe
def commitment_list(request):
    search = CommitmentSearchForm(
        request.GET,
        companies=public_selectors.companies_with_commitments(),
        kinds=public_selectors.public_kinds(),
    )
    commitments = public_selectors.commitment_list(request.user, **search.filters)
    page = Paginator(commitments, public_selectors.PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "commitments/public/list.html", {"search": search, "page": page})


@require_safe
def commitment_company(request, code):
    company = public_selectors.company_for_public(code)
    groups, year = public_selectors.company_commitments_by_stage(request.user, company)
    context = {
        "company": company,
        "groups": groups,
        "year": year,
        "promises_kept": promises.promises_kept_by_year(company),
    }
    return render(request, "commitments/public/company.html", context)


@require_safe
def commitment_compare(request):
    form = CompareForm(
        request.GET,
        companies=public_selectors.companies_with_commitments(),
        kinds=public_selectors.public_kinds(),
    )
    companies, kinds = form.chosen()
    # Companies without a kind: compared on every kind one of them has promised; a kind
    # without companies: every company that promises it; neither: the page explains how.
    every_kind = bool(companies and not kinds)
    if every_kind:
        kinds = form.offered["kind"]
    rankings, year = public_selectors.comparison(request.user, companies=companies, kinds=kinds)
    if every_kind:
        rankings = [ranking for ranking in rankings if ranking.has_commitments]
    context = {
        "form": form,
        "companies": companies,
        "rankings": rankings,
        "year": year,
        "every_kind": every_kind,
    }
    return render(request, "commitments/public/compare.html", context)
