"""The people an administrator manages: the list, one account, its history."""

from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from portal import access, audit, lockout

from ..models import Organisation, User


def _accounts():
    # The system account, the author of automated work, is nobody's to manage.
    return User.objects.exclude(username=audit.SYSTEM_USERNAME).select_related("organisation")


def people_search(user, *, query="", organisation=None, role="", active=None):
    """The accounts ``user`` manages, filtered; ``active`` True/False/None (all)."""
    people = access.people_managed_by(user, _accounts())
    if query:
        people = people.filter(
            Q(full_name__icontains=query) | Q(username__icontains=query) | Q(email__icontains=query)
        )
    if organisation is not None:
        people = people.filter(organisation=organisation)
    if role:
        people = people.filter(role=role)
    if active is not None:
        people = people.filter(is_active=active)
    return people.order_by(
        "organisation__kind", "organisation__position", "organisation__code", "username"
    )


def person_for_manager(user, username):
    """The account ``username`` if ``user`` manages it, else 404."""
    people = access.people_managed_by(user, _accounts())
    return get_object_or_404(people, username=username)


def organisations_for_people(user, person=None):
    """The organisations ``user`` may put people in: active ones, and ``person``'s own."""
    organisations = Organisation.objects.filter(is_active=True)
    if person is not None and person.organisation_id:
        organisations = Organisation.objects.filter(
            Q(is_active=True) | Q(pk=person.organisation_id)
        )
    return access.organisations_staffed_by(user, organisations).order_by("kind", "position", "code")


def locked_out(people):
    """The usernames among ``people`` that the login lock-out blocks right now."""
    return lockout.locked_usernames(person.username for person in people)


PERSON_HISTORY_FIELDS = ("username", "full_name", "email", "phone", "organisation", "role")


def person_history(person):
    """The account's history, newest first: one dict per entry with ``at``, ``by`` (a user
    or None), ``created``, ``unlocked``, ``reason`` and ``changes`` ([(label, old, new)])."""
    records = list(person.history.select_related("history_user").order_by("history_date"))
    names = {
        o.pk: str(o)
        for o in Organisation.objects.filter(pk__in={r.organisation_id for r in records})
    }

    def shown(name, record):
        if name == "organisation":
            return names.get(record.organisation_id, "")
        if name == "role":
            return User.Role(record.role).label if record.role in User.Role else record.role
        if name == "is_active":
            return _("Active") if record.is_active else _("Inactive")
        return getattr(record, name)

    entries, previous = [], None
    for record in records:
        changes = []
        if previous is not None:
            for name in (*PERSON_HISTORY_FIELDS, "is_active"):
                old, new = shown(name, previous), shown(name, record)
                if old != new:
                    changes.append((User._meta.get_field(name).verbose_name, old, new))
        unlocked = record.history_change_reason == User.UNLOCKED and not changes
        entries.append(
            {
                "at": record.history_date,
                "by": record.history_user,
                "created": record.history_type == "+",
                "unlocked": unlocked,
                "reason": "" if unlocked else (record.history_change_reason or ""),
                "changes": changes,
            }
        )
        previous = record
    return entries[::-1]
