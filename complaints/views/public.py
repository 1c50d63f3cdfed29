"""The public's pages (no login): file a complaint, see what happens next, track it."""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe
from django_ratelimit.core import get_usage

from ..forms import show_refusal
from ..forms.public import ComplaintForm, TrackingForm
from ..models import TimeLimit, parse_reference
from ..selectors import complaints as complaint_selectors
from ..selectors import public as public_selectors
from ..services import web as web_services

# Where the public form keeps the id of the complaint just filed: the done page shows that
# one only, so nobody reads another's reference by changing an address.
FILED_SESSION_KEY = "complaints.filed"
# Unsuccessful lookups of one reference, from any number of addresses, before that
# reference is locked for the rest of the window (the owner is asked to call 12378).
FAILED_LOOKUPS_PER_REFERENCE = "5/h"

logger = logging.getLogger(__name__)


class CountingUnavailable(Exception):
    """The cache the rate limits count in cannot be reached (Redis down)."""


# Never cached: each page carries a fresh start time and token, or a consumer's own data.
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def complaint_new(request):
    """The public complaint form. A complaint registered counts against the client's address
    (settings.COMPLAINT_FORM_RATE); one sent back with errors (the form's, the spam guard's
    or the service's, such as a file refused) does not, so a consumer fixing a mistake is
    never refused."""
    if request.method != "POST":
        return _complaint_form_page(request, ComplaintForm())
    form = ComplaintForm(request.POST, request.FILES)
    if not form.is_valid():
        return _complaint_form_page(request, form)
    if _too_many_complaints(request, count=False):
        return _complaint_form_page(request, form, rate_limited=True)
    try:
        complaint = web_services.file_web_complaint(
            received_at=timezone.now(),
            attachments=form.cleaned_data["attachments"],
            **form.complaint_fields(),
        )
    except ValidationError as refusal:
        show_refusal(form, refusal)
        return _complaint_form_page(request, form)
    _too_many_complaints(request, count=True)
    request.session[FILED_SESSION_KEY] = complaint.pk
    return redirect("complaint_filed")


def _complaint_form_page(request, form, *, rate_limited=False):
    return render(
        request,
        "complaints/public/complaint_form.html",
        {
            "form": form,
            "rate_limited": rate_limited,
            # Browsers never keep chosen files when a page comes back.
            "files_dropped": form.is_bound and bool(request.FILES),
        },
        status=429 if rate_limited else 200,
    )


def _too_many_complaints(request, *, count):
    """Whether the client's address has filed its complaints of the window (``count``: add
    the one just registered). Without the cache to count in, no: a consumer's complaint
    matters more than the rate, and the honeypot and the timer still guard the form."""
    try:
        usage = _usage(
            request, "complaints-public-form", "ip", settings.COMPLAINT_FORM_RATE, count=count
        )
    except CountingUnavailable:
        logger.error("public complaint form: not rate-limited, the cache is unreachable")
        return False
    return usage["count"] >= usage["limit"]


def _usage(request, group, key, rate, *, count):
    """django-ratelimit's count of this POST's ``key`` (settings.RATELIMIT_IP_META_KEY for
    "ip") in ``group`` at ``rate``; ``count``: add this request."""
    try:
        return get_usage(
            request,
            group=group,
            key=key,
            rate=lambda group, request: rate,
            method="POST",
            increment=count,
        )
    except Exception as error:  # the cache backend's own errors (redis.ConnectionError, …)
        raise CountingUnavailable from error


@never_cache
@require_safe
def complaint_filed(request):
    """The reference of the complaint just filed, its bureau, the steps and their limits."""
    complaint = public_selectors.filed_complaint(request.session.get(FILED_SESSION_KEY))
    if complaint is None:
        return redirect("complaint_new")
    return render(
        request,
        "complaints/public/complaint_filed.html",
        {
            "complaint": complaint,
            "limits": {
                step: _limit_text(amount, unit)
                for step, (amount, unit) in public_selectors.next_step_limits(complaint).items()
            },
        },
    )


def _limit_text(amount, unit):
    """A time limit as the rules word it: 7 working days, 30 days."""
    if unit == TimeLimit.Unit.WORKING_DAYS:
        return ngettext("%(count)s working day", "%(count)s working days", amount) % {
            "count": amount
        }
    return ngettext("%(count)s day", "%(count)s days", amount) % {"count": amount}


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def complaint_track(request):
    """Reference + the phone's last 4 digits → the complaint's status and public replies.

    Every lookup counts against the client's address (settings.COMPLAINT_TRACKING_RATE) and
    every unsuccessful one against the reference, so guessing from many addresses stops too.
    """
    if request.method != "POST":
        return _tracking_page(request, TrackingForm())
    form = TrackingForm(request.POST)
    if not form.is_valid():
        return _tracking_page(request, form)
    reference = form.cleaned_data["reference"]
    try:
        if _too_many_lookups(request):
            return _tracking_page(request, form, refusal="too_many_lookups")
        if _reference_locked(request, reference, count=False):
            return _tracking_page(request, form, refusal="reference_locked")
        complaint = public_selectors.complaint_for_tracking(
            reference, form.cleaned_data["phone_last_digits"]
        )
        if complaint is None:
            _reference_locked(request, reference, count=True)
            return _tracking_page(request, form, not_found=True)
    except CountingUnavailable:
        # Guesses that cannot be counted are not answered: the 4 digits would fall in minutes.
        logger.error("complaint tracking refused: the cache is unreachable")
        return _tracking_page(request, form, refusal="unavailable")
    return _tracking_page(
        request,
        form,
        complaint=complaint,
        replies=complaint_selectors.public_replies(complaint),
    )


def _tracking_page(request, form, *, refusal="", not_found=False, complaint=None, replies=()):
    return render(
        request,
        "complaints/public/complaint_track.html",
        {
            "form": form,
            "refusal": refusal,
            "not_found": not_found,
            "complaint": complaint,
            "replies": replies,
        },
        status={"": 200, "unavailable": 503}.get(refusal, 429),
    )


def _too_many_lookups(request):
    """Counts this lookup against the client's address (settings.COMPLAINT_TRACKING_RATE)."""
    usage = _usage(
        request, "complaints-tracking", "ip", settings.COMPLAINT_TRACKING_RATE, count=True
    )
    return usage["should_limit"]


def _reference_locked(request, reference, *, count):
    """Whether ``reference`` has had its unsuccessful lookups of the window (``count``: add
    this one). Counted by the complaint it names, however the reference was written."""
    usage = _usage(
        request,
        "complaints-tracking-reference",
        lambda group, request: "{}-{}".format(*parse_reference(reference)),
        FAILED_LOOKUPS_PER_REFERENCE,
        count=count,
    )
    return usage["count"] >= usage["limit"]
