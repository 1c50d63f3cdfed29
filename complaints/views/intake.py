"""Staff registering complaints: the hotline operator's call form (their home page, with
their latest entries) and a bureau's entry of a letter or a visit."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _

from portal import access

from ..forms import show_refusal
from ..forms.intake import ComplaintIntakeForm
from ..models import Complaint
from ..selectors.lists import recent_entries_of
from ..services.intake import register_complaint

HOTLINE_CHANNELS = [Complaint.Channel.PHONE]
DESK_CHANNELS = [Complaint.Channel.LETTER, Complaint.Channel.VISIT]


@login_required
def hotline_home(request):
    """One call, one complaint: after registering, the empty form again (focus on its first
    field) under a message with the reference, so the next call can start at once."""
    access.require(request.user, "register_complaint")
    form = ComplaintIntakeForm(_posted(request), channels=HOTLINE_CHANNELS)
    if request.method == "POST":
        complaint = _register(request, form)
        if complaint is not None:
            return redirect("hotline_home")
    context = {"form": form, "recent": recent_entries_of(request.user)}
    return render(request, "complaints/intake/hotline.html", context)


@login_required
def complaint_register(request):
    """A letter or a visit, entered by the bureau (or head office) that received it; the
    complaint's page next, when the user may see it (a letter may be routed elsewhere)."""
    access.require(request.user, "register_complaint")
    form = ComplaintIntakeForm(_posted(request), channels=DESK_CHANNELS)
    if request.method == "POST":
        complaint = _register(request, form)
        if complaint is not None:
            if access.may(request.user, "view_complaint", complaint):
                return redirect("complaint_detail", reference=complaint.reference)
            return redirect("complaint_register")
    return render(request, "complaints/intake/register.html", {"form": form})


def _posted(request):
    # An empty POST is still a POST: the form shows what is missing.
    return request.POST if request.method == "POST" else None


def _register(request, form):
    """The complaint registered from the posted form, its messages queued; None, with the
    errors on the form, when the form or the service refuses it (nothing is stored)."""
    if not form.is_valid():
        return None
    try:
        complaint = register_complaint(actor=request.user, **form.service_arguments())
    except ValidationError as refusal:
        show_refusal(form, refusal)
        return None
    messages.success(request, _registered_message(request.user, complaint))
    if complaint.needs_escalation:
        messages.warning(
            request, _("This complaint opened an incident: head office has been alerted.")
        )
    # Named only to whoever may open it: another bureau's complaint is not confirmed to exist.
    duplicate = complaint.possible_duplicate_of
    if duplicate is not None and access.may(request.user, "view_complaint", duplicate):
        messages.info(
            request,
            _("The same phone complained about the same company within 30 days: %(reference)s.")
            % {"reference": duplicate.reference},
        )
    return complaint


def _registered_message(user, complaint):
    reference = complaint.reference
    if access.may(user, "view_complaint", complaint):
        url = reverse("complaint_detail", kwargs={"reference": reference})
        reference = format_html('<a href="{}" class="alert-link">{}</a>', url, reference)
    return format_html(
        # The catalogue's text is the template; the values are escaped (the reference is a link).
        _("Complaint {reference} registered. Handled by {bureau}; to be accepted by {due}."),
        reference=reference,
        bureau=complaint.bureau.name,
        due=date_format(complaint.due_on),
    )
