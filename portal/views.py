import hmac

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import access, health
from .forms import PasswordChangeForm


@never_cache
@require_GET
def healthz(request):
    """200 when the database and broker answer, 503 otherwise; for load balancers and operators.

    Anyone gets the status; the details (hosts, vendor, error class) only head office or a
    monitor sending HEALTHZ_TOKEN, since they help an attacker more than a load balancer.
    """
    state = {"database": health.database_state(), "broker": health.broker_state()}
    healthy = state["database"]["ok"] and state["broker"]["ok"]
    status = "ok" if healthy else "unavailable"
    if not _may_see_health_details(request):
        return JsonResponse({"status": status}, status=200 if healthy else 503)
    if state["broker"]["used"]:
        state["workers"] = health.recent_workers()
    state["status"] = status
    return JsonResponse(state, status=200 if healthy else 503)


def _may_see_health_details(request):
    token = settings.HEALTHZ_TOKEN
    scheme, _space, sent = request.headers.get("Authorization", "").partition(" ")
    if token and scheme.lower() == "bearer" and hmac.compare_digest(sent.encode(), token.encode()):
        return True
    return access.may(request.user, "see_health_details")


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = PasswordChangeForm


class LogoutView(auth_views.LogoutView):
    """Django's logout, telling the user on the login page that it worked."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.info(request, _("You have logged out."))
        return response
