from .claims import ClaimTimeline
from .complaints import (
    Complaint,
    ComplaintAttachment,
    ComplaintTransition,
    IdempotencyKey,
    OverdueAlert,
    PersonalDataView,
    parse_reference,
)
from .incidents import Incident, IncidentStep
from .reference import Category, TimeLimit
from .tallies import ComplaintTally

__all__ = [
    "Category",
    "ClaimTimeline",
    "Complaint",
    "ComplaintAttachment",
    "ComplaintTally",
    "ComplaintTransition",
    "IdempotencyKey",
    "Incident",
    "IncidentStep",
    "OverdueAlert",
    "PersonalDataView",
    "TimeLimit",
    "parse_reference",
]
