"""The login lock-out (django-axes): which accounts are locked now, and lifting a lock.

Axes counts failures per username and client address (AXES_LOCKOUT_PARAMETERS); an account
is locked while any address has reached the limit within the cool-off time.
"""

from axes.helpers import get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from axes.utils import reset
from django.db.models import Sum
from django.utils import timezone


def locked_usernames(usernames):
    """The subset of ``usernames`` that cannot log in right now (one query)."""
    usernames = list(usernames)
    if not usernames:
        return set()
    rows = (
        AccessAttempt.objects.filter(
            username__in=usernames, attempt_time__gte=timezone.now() - get_cool_off()
        )
        .order_by()
        .values("username", "ip_address")
        .annotate(failures=Sum("failures_since_start"))
        .filter(failures__gte=get_failure_limit(None, None))
    )
    return {row["username"] for row in rows}


def unlock(username):
    """Forget the failed logins of ``username`` from every address (axes' own reset);
    returns how many records were removed, 0 when the account was not locked."""
    return reset(username=username)
