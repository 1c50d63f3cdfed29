"""Who each history row (django-simple-history) names as the author of a change.

In a request, simple_history's middleware names the logged-in user. Services name their
``actor`` on what they save (``instance._history_user``, ``default_user=`` for bulk writes).
Work outside a request runs inside ``acting_as(user)``, so that whatever it saves names a
person too: a management command acts as the user given with its option, or as the system
account; a Celery task that changes audited rows takes ``actor_id`` and calls its service
with that user. No history row is written without a user.
"""

from contextlib import contextmanager
from types import SimpleNamespace

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from simple_history.models import HistoricalRecords

# The account automated work is recorded as (seed_demo, set-up no person asked for).
SYSTEM_USERNAME = "system"


@contextmanager
def acting_as(user):
    """Name ``user`` as the author of every history row written inside the block (unless a
    service names its own actor)."""
    context = HistoricalRecords.context
    previous = getattr(context, "request", None)
    # simple_history takes the author from the request in progress; ours carries only the user.
    context.request = SimpleNamespace(user=user)
    try:
        yield user
    finally:
        if previous is None:
            del context.request
        else:
            context.request = previous


def current_actor():
    """The user of the request or ``acting_as`` block in progress, or None."""
    user = getattr(getattr(HistoricalRecords.context, "request", None), "user", None)
    return user if user is not None and user.is_authenticated else None


def system_account():
    """The system account: inactive, with no usable password and in no organisation, so that
    nobody logs in as it and it never receives mail or notifications."""
    user, created = get_user_model().objects.get_or_create(
        username=SYSTEM_USERNAME,
        defaults={"is_active": False, "password": make_password(None), "full_name": "系统"},
    )
    if created:
        user.history.update(history_user=user)  # it made itself
    return user


def actor_or_default(actor):
    """``actor``, else the user of the request or command in progress, else the system account."""
    return actor or current_actor() or system_account()
