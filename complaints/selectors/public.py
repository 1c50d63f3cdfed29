"""What the public pages read: the complaint a consumer just filed, the one they track with
its reference and phone digits, and the time limits the filing page explains."""

import hmac

from django.utils import timezone

from ..models import Complaint, TimeLimit, parse_reference
from ..personal_data import phone_digits
from ..sla import Limits

# Compared with when there is no such complaint, so both answers take the same work.
_NO_DIGITS = "\x00" * 4


def _public_complaints():
    return Complaint.objects.select_related("bureau", "company")


def filed_complaint(pk):
    """The complaint the public form just registered (its id kept in the filer's session),
    or None."""
    if pk is None:
        return None
    return _public_complaints().filter(pk=pk).first()


def complaint_for_tracking(reference, phone_last_digits):
    """The complaint with ``reference`` whose phone number ends in ``phone_last_digits``, or
    None, whichever of the two is wrong, so a wrong guess learns nothing."""
    parsed = parse_reference(reference)
    complaint = None
    if parsed is not None:
        year, pk = parsed
        complaint = _public_complaints().filter(pk=pk, year=year).first()
    stored = phone_digits(complaint.complainant_phone)[-4:] if complaint else _NO_DIGITS
    if not hmac.compare_digest(stored.encode(), phone_last_digits.encode()):
        return None
    return complaint


# The limits the filing page explains, in the order things happen.
NEXT_STEPS = (
    TimeLimit.Step.ACCEPTANCE,
    TimeLimit.Step.SUPPLEMENT_REQUEST,
    TimeLimit.Step.COMPANY_DECISION_SIMPLE,
    TimeLimit.Step.COMPANY_DECISION,
)


def next_step_limits(complaint):
    """{step: (amount, unit)} of the limits in force on the day ``complaint`` came in."""
    limits = Limits.load()
    on = timezone.localdate(complaint.received_at)
    return {step.value: limits.in_force(step, on) for step in NEXT_STEPS}
