import hmac
import sys

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template import loader
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST, require_safe
from django_ratelimit.core import is_ratelimited

from . import access, health, notifications
from .forms import PasswordChangeForm, PasswordResetForm

NOTIFICATIONS_PER_PAGE = 25
# Seconds a client is asked to wait before sending again while the database is unreachable:
# a restart or a failover takes a few.
RETRY_AFTER = 30


def server_error(request):
    """The portal's 500 page, or 503 "try again" when the database was unreachable (restarted,
    failed over, the connection cut): a passing outage, not a fault of the request. The API's
    clients get JSON, and may send again under the same Idempotency-Key."""
    if not isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        return defaults.server_error(request)
    message = _("The portal cannot reach its database just now. Please try again in a minute.")
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": message}, status=503)
    else:
        # As the 500 page, rendered without the request: its context processors query the
        # database that is not there.
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    return response


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


@require_safe
def robots_txt(request):
    """Search engines may read the public pages, not the staff's (which ask for a login
    anyway), and are pointed to the sitemap."""
    return render(request, "robots.txt", content_type="text/plain; charset=utf-8")


def _may_see_health_details(request):
    token = settings.HEALTHZ_TOKEN
    scheme, _space, sent = request.headers.get("Authorization", "").partition(" ")
    if token and scheme.lower() == "bearer" and hmac.compare_digest(sent.encode(), token.encode()):
        return True
    return access.may(request.user, "see_health_details")


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = PasswordChangeForm


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset, with the link built on PORTAL_URL (as a new account's set-password
    e-mail is) rather than on the Host header and scheme of whoever asked."""

    form_class = PasswordResetForm

    def form_valid(self, form):
        if _too_many_reset_links(self.request, form.cleaned_data["email"]):
            # The same answer as ever, so the limit tells nothing about the address.
            return HttpResponseRedirect(self.get_success_url())
        protocol, _sep, domain = settings.PORTAL_URL.partition("://")
        self.extra_email_context = {"protocol": protocol, "domain": domain}
        return super().form_valid(form)


def _too_many_reset_links(request, email):
    """Counts this request against the address's rate (settings.PASSWORD_RESET_RATE)."""
    return is_ratelimited(
        request,
        group="password-reset",
        key=lambda group, request: email.casefold(),
        rate=lambda group, request: settings.PASSWORD_RESET_RATE,
        increment=True,
    )


class LogoutView(auth_views.LogoutView):
    """Django's logout, telling the user on the login page that it worked."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.info(request, _("You have logged out."))
        return response


@login_required
@require_safe
def notification_list(request):
    """The user's own notifications, newest first, the unread ones highlighted."""
    page = Paginator(notifications.notifications_of(request.user), NOTIFICATIONS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "portal/notifications.html", {"page": page})


@login_required
@require_GET
def notification_open(request, pk):
    """Mark one of the user's notifications read and go where it points (inside the portal)."""
    notification = get_object_or_404(notifications.notifications_of(request.user), pk=pk)
    notifications.mark_read(actor=request.user, notification=notification)
    if notification.link and notifications.is_local_path(notification.link):
        return redirect(notification.link)
    return redirect("notification_list")


@login_required
@require_POST
def notifications_mark_all_read(request):
    count = notifications.mark_all_read(actor=request.user)
    if count:
        messages.success(request, _("All notifications are marked read."))
    return redirect("notification_list")
