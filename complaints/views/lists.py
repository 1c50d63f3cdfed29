"""The complaint list: what the user may see, overdue and nearly due first."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from portal import access

from ..forms.lists import ComplaintFilterForm
from ..selectors import lists as list_selectors


@login_required
@require_safe
def complaint_list(request):
    access.require(request.user, "view_complaint")
    companies, bureaus = list_selectors.filter_choices_for(request.user)
    search = ComplaintFilterForm(request.GET, companies=companies, bureaus=bureaus)
    today = timezone.localdate()
    complaints = list_selectors.complaint_list(request.user, today=today, **search.filters)
    context = {
        "search": search,
        "page": list_selectors.page_of(complaints, request.GET.get("page")),
        "today": today,
        "may_register": access.may(request.user, "register_complaint"),
    }
    return render(request, "complaints/list.html", context)
