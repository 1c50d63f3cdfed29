"""People management: head office manages every account, an organisation's administrator
the accounts of their own organisation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import IntegrityError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from portal import access

from ..forms.people import PersonForm, PersonSearchForm, PersonStatusForm
from ..selectors import people as people_selectors
from ..services import people as people_services

PEOPLE_PER_PAGE = 25


def _person_form(request, person=None):
    return PersonForm(
        request.POST or None,
        organisations=people_selectors.organisations_for_people(request.user, person),
        roles=access.roles_grantable_by(request.user),
        person=person,
    )


@login_required
@require_safe
def person_list(request):
    access.require(request.user, "manage_people")
    search = PersonSearchForm(
        request.GET, organisations=people_selectors.organisations_for_people(request.user)
    )
    people = people_selectors.people_search(request.user, **search.filters)
    page = Paginator(people, PEOPLE_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "search": search,
        "page": page,
        "locked": people_selectors.locked_out(page.object_list),
        "many_organisations": access.is_head_office(request.user),
    }
    return render(request, "campaign/person_list.html", context)


@login_required
def person_create(request):
    access.require(request.user, "manage_people")
    form = _person_form(request)
    if request.method == "POST" and form.is_valid():
        try:
            person, link_sent = people_services.create_person(
                actor=request.user, **form.cleaned_data
            )
        except people_services.PersonError as problem:
            form.add_error(problem.field, str(problem))
        except IntegrityError:
            # The same login name was taken between the check and the save.
            form.add_error("username", _("This login name is already taken."))
        else:
            names = {"name": person, "email": person.email}
            if link_sent:
                messages.success(
                    request,
                    _(
                        "The account of %(name)s has been created. An e-mail with a link to set "
                        "a password has been sent to %(email)s."
                    )
                    % names,
                )
            else:
                messages.warning(
                    request,
                    _(
                        "The account of %(name)s has been created, but the e-mail with a link to "
                        "set a password could not be sent to %(email)s: the mail server did not "
                        "accept it. Once mail works again, %(name)s can ask for a link with "
                        '"Forgotten your password?" on the login page.'
                    )
                    % names,
                )
            return redirect("person_edit", username=person.username)
    return render(request, "campaign/person_form.html", {"form": form})


@login_required
def person_edit(request, username):
    person = people_selectors.person_for_manager(request.user, username)
    form = _person_form(request, person)
    if request.method == "POST" and form.is_valid():
        try:
            changed = people_services.update_person(
                actor=request.user, person=person, **form.cleaned_data
            )
        except people_services.PersonError as problem:
            form.add_error(problem.field, str(problem))
        else:
            if changed:
                messages.success(request, _("%(name)s has been saved.") % {"name": person})
            else:
                messages.info(request, _("Nothing was changed."))
            return redirect("person_edit", username=person.username)
    context = {
        "form": form,
        "person": person,
        "locked": person.username in people_selectors.locked_out([person]),
        "history": people_selectors.person_history(person),
        "status_form": PersonStatusForm(),
    }
    return render(request, "campaign/person_form.html", context)


@login_required
@require_POST
def person_deactivate(request, username):
    person = people_selectors.person_for_manager(request.user, username)
    form = PersonStatusForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        done = people_services.deactivate_person(actor=request.user, person=person, reason=reason)
    except people_services.PersonError as problem:
        messages.error(request, str(problem))
    else:
        if done:
            messages.success(
                request, _("%(name)s can no longer log in.") % {"name": person.display_name}
            )
        else:
            messages.info(request, _("This account was already deactivated."))
    return redirect("person_edit", username=person.username)


@login_required
@require_POST
def person_activate(request, username):
    person = people_selectors.person_for_manager(request.user, username)
    form = PersonStatusForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    if people_services.activate_person(actor=request.user, person=person, reason=reason):
        messages.success(request, _("%(name)s can log in again.") % {"name": person.display_name})
    else:
        messages.info(request, _("This account was already active."))
    return redirect("person_edit", username=person.username)


@login_required
@require_POST
def person_unlock(request, username):
    person = people_selectors.person_for_manager(request.user, username)
    if people_services.unlock_person(actor=request.user, person=person):
        messages.success(
            request,
            _("%(name)s is unlocked and can log in again.") % {"name": person.display_name},
        )
    else:
        messages.info(request, _("This account was not locked."))
    if request.POST.get("next") == "list":
        return redirect("person_list")
    return redirect("person_edit", username=person.username)
