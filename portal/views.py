from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import health


@never_cache
@require_GET
def healthz(request):
    """200 when the database and broker answer, 503 otherwise; for load balancers and operators."""
    state = {"database": health.database_state(), "broker": health.broker_state()}
    if state["broker"]["used"]:
        state["workers"] = health.recent_workers()
    healthy = state["database"]["ok"] and state["broker"]["ok"]
    state["status"] = "ok" if healthy else "unavailable"
    return JsonResponse(state, status=200 if healthy else 503)


class LogoutView(auth_views.LogoutView):
    """Django's logout, telling the user on the login page that it worked."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.info(request, _("You have logged out."))
        return response
