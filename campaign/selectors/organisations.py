"""Head office's list of the organisations that use the portal."""

from django.db.models import Q

from portal import access


def organisation_search(user, *, query="", kind=""):
    organisations = access.organisations_manageable_by(user).prefetch_related("regions")
    if kind:
        organisations = organisations.filter(kind=kind)
    if query:
        organisations = organisations.filter(
            Q(code__icontains=query) | Q(name_zh__icontains=query) | Q(name_en__icontains=query)
        )
    return organisations.order_by("kind", "position", "code")
