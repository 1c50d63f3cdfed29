"""Head office's list of the organisations that use the portal."""

from django.db.models import Case, Q, Value, When
from django.shortcuts import get_object_or_404

from portal import access

from ..models import Organisation


def organisations_manageable_by(user):
    if not access.may(user, "manage_organisations"):
        return Organisation.objects.none()
    # Head office itself is reference data, kept in the admin (OrganisationForm offers no
    # head-office kind): edited here, it could be deactivated with everyone in it.
    return Organisation.objects.exclude(kind=Organisation.Kind.HEAD_OFFICE)


def organisation_for_manager(user, code):
    return get_object_or_404(organisations_manageable_by(user), code=code)


def organisation_search(user, *, query="", kind=""):
    organisations = organisations_manageable_by(user).prefetch_related("regions")
    if kind:
        organisations = organisations.filter(kind=kind)
    if query:
        organisations = organisations.filter(
            Q(code__icontains=query) | Q(name_zh__icontains=query) | Q(name_en__icontains=query)
        )
    return organisations.order_by("kind", "position", "code")


def reporting_kind_order():
    """Sorts bureaus first, then insurers, then the association (the notice's order of
    addressees), rather than by the kinds' slugs."""
    return Case(*[When(kind=k, then=Value(i)) for i, k in enumerate(Organisation.REPORTING_KINDS)])
