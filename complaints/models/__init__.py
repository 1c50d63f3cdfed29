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
from .reference import CalendarDay, Category, ProductLine, TimeLimit

__all__ = [
    "CalendarDay",
    "Category",
    "Complaint",
    "ComplaintAttachment",
    "ComplaintTransition",
    "IdempotencyKey",
    "Incident",
    "IncidentStep",
    "OverdueAlert",
    "PersonalDataView",
    "ProductLine",
    "TimeLimit",
    "parse_reference",
]
