"""Registering a complaint, whichever way it comes in: the public web form, the hotline's
form or API, a bureau entering a letter or a visit. One function, so every channel is
routed, clocked, checked for duplicates and escalated the same way."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaign.models import Organisation
from portal import access

from ..models import Complaint, ComplaintTransition, IdempotencyKey, TimeLimit
from ..personal_data import phone_digits, phone_hash
from ..routing import UnknownRegion, route
from ..sla import Clock
from .incidents import open_incident_if_needed

# The same phone about the same company within this many days is a possible duplicate.
DUPLICATE_WINDOW = datetime.timedelta(days=30)
# More complainants than any group complaint has had (and within the database's integer).
MAX_COMPLAINANTS = 99999
# Earlier than any complaint the portal takes, however old its letter: a year mistyped (0213
# for 2013), which would also have no room for the duplicate window before it.
EARLIEST_RECEIVED_AT = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)


def register_complaint(
    *,
    actor,
    channel,
    received_at,
    complainant_name,
    complainant_phone,
    province,
    company,
    category,
    product_line,
    description,
    city="",
    complainant_id_number="",
    complainant_address="",
    company_branch="",
    amount_in_dispute=None,
    request="",
    complainant_count=1,
    group_visit=False,
    petition_risk=False,
    major_matter=False,
    idempotency_key="",
):
    """Register a complaint and return it.

    ``actor`` is the member of staff or the API client registering it, or None for the
    public web form. ``company`` is an active insurer; ``category`` and ``product_line`` are
    rows of theirs. The complaint is routed by ``province`` and ``city`` (ValidationError on
    ``province`` when no bureau covers them), given its acceptance deadline, flagged as a
    possible duplicate of the same phone's complaint about the same company in the last 30
    days, and escalated to an incident when it needs one (head office alerted after commit).

    With ``idempotency_key`` (an API client's), the same client and key return the complaint
    made the first time instead of a second one, also when both requests arrive at once; a
    different complaint under a key already used is refused (ValidationError on
    ``idempotency_key``), never answered with the first one, which would lose it.
    """
    if actor is not None:
        access.require(actor, "register_complaint")
    # What tells one complaint from another, as register_complaint stores it.
    identity = (
        channel,
        received_at,
        phone_hash(complainant_phone),
        company.pk,
        description.strip(),
    )
    if idempotency_key:
        existing = _complaint_for_key(actor, idempotency_key, identity)
        if existing is not None:
            return existing
    if channel not in Complaint.Channel.values:
        raise ValidationError({"channel": _("Choose one of the channels.")})
    if company.kind != Organisation.Kind.INSURER or not company.is_active:
        raise ValidationError({"company": _("Choose an insurance company from the list.")})
    if not 1 <= complainant_count <= MAX_COMPLAINANTS:
        raise ValidationError(
            {
                "complainant_count": _("Enter a number of complainants from 1 to %(max)s.")
                % {"max": MAX_COMPLAINANTS}
            }
        )
    if len(phone_digits(complainant_phone)) < 7:
        raise ValidationError({"complainant_phone": _("Enter a phone number we can call back.")})
    if received_at > timezone.now() + datetime.timedelta(minutes=5):
        raise ValidationError({"received_at": _("A complaint cannot be received in the future.")})
    if received_at < EARLIEST_RECEIVED_AT:
        raise ValidationError({"received_at": _("Check the year: it is before 2000.")})
    try:
        destination = route(province, city)
    except UnknownRegion:
        raise ValidationError(
            {"province": _("No bureau covers this province or city: check its name.")}
        ) from None

    now = timezone.now()
    received_on = timezone.localdate(received_at)
    complaint = Complaint(
        year=received_on.year,
        channel=channel,
        received_at=received_at,
        complainant_name=complainant_name.strip(),
        complainant_phone=complainant_phone.strip(),
        complainant_id_number=complainant_id_number.strip(),
        complainant_address=complainant_address.strip(),
        phone_hash=phone_hash(complainant_phone),
        company=company,
        company_branch=company_branch.strip(),
        region=destination.region,
        bureau=destination.bureau,
        category=category,
        product_line=product_line,
        description=description.strip(),
        amount_in_dispute=amount_in_dispute,
        request=request.strip(),
        complainant_count=complainant_count,
        group_visit=group_visit,
        petition_risk=petition_risk,
        major_matter=major_matter,
        status=Complaint.Status.REGISTERED,
        status_changed_at=now,
        registered_by=actor,
    )
    complaint.due_on = Clock.load().due(TimeLimit.Step.ACCEPTANCE, received_on)
    complaint.possible_duplicate_of_id = _earlier_complaint_by_same_phone(complaint)
    try:
        with transaction.atomic():
            complaint.save()
            if idempotency_key:
                IdempotencyKey.objects.create(
                    client=actor, key=idempotency_key, complaint=complaint
                )
            ComplaintTransition.objects.create(
                complaint=complaint,
                action="register",
                to_status=complaint.status,
                actor=actor,
                at=now,
                due_on=complaint.due_on,
                details={"channel": channel, "bureau": destination.bureau.code},
            )
            open_incident_if_needed(actor=actor, complaint=complaint)
    except IntegrityError:
        # The same key's first request committed while this one was being made.
        existing = _complaint_for_key(actor, idempotency_key, identity) if idempotency_key else None
        if existing is None:
            raise
        return existing
    return complaint


def _complaint_for_key(actor, key, identity):
    """The complaint ``actor`` registered under ``key`` if it is the one ``identity`` names;
    None when the key is unused."""
    # Most keys are new: ask for the id alone, and load the complaint only when there is one.
    first_id = (
        IdempotencyKey.objects.filter(client=actor, key=key)
        .values_list("complaint_id", flat=True)
        .first()
    )
    if first_id is None:
        return None
    first = Complaint.objects.get(pk=first_id)
    if identity != (
        first.channel,
        first.received_at,
        first.phone_hash,
        first.company_id,
        first.description,
    ):
        raise ValidationError(
            {
                "idempotency_key": _(
                    "This key was used for complaint %(reference)s, which is not this one: "
                    "send a new key with a new complaint."
                )
                % {"reference": first.reference}
            }
        )
    return first


def _earlier_complaint_by_same_phone(complaint):
    """Its id: loading the row would decrypt its personal data for nothing."""
    return (
        Complaint.objects.filter(
            phone_hash=complaint.phone_hash,
            company=complaint.company,
            received_at__gte=complaint.received_at - DUPLICATE_WINDOW,
            received_at__lte=complaint.received_at,
            merged_into__isnull=True,
        )
        .order_by("received_at", "id")
        .values_list("id", flat=True)
        .first()
    )
