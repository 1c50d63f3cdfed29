"""Showing a complainant's personal information unmasked: only to those access allows, and
every time recorded (PersonalDataView)."""

from portal import access

from ..models import PersonalDataView


def reveal_personal_data(*, actor, complaint, purpose):
    """The complainant's name, phone, ID number and address in full, after recording that
    ``actor`` saw them and where (``purpose``, e.g. the page). PermissionDenied for anyone
    who may not see them."""
    access.require(actor, "see_personal_data", complaint)
    PersonalDataView.objects.create(complaint=complaint, viewer=actor, purpose=purpose[:200])
    return {
        "name": complaint.complainant_name,
        "phone": complaint.complainant_phone,
        "id_number": complaint.complainant_id_number,
        "address": complaint.complainant_address,
    }
