"""What a complaint's page reads besides the complaint: its history (with the steps of the
complaints merged into it), attachments, incident and the possible duplicate the user may see."""

from ..models import Incident
from .complaints import complaints_visible_to, history_of


def complaint_page(user, complaint):
    """The records the complaint's page shows, each fetched once (constant query count)."""
    duplicate = None
    if complaint.possible_duplicate_of_id is not None:
        duplicate = (
            complaints_visible_to(user).filter(pk=complaint.possible_duplicate_of_id).first()
        )
    merged_into = None
    if complaint.merged_into_id is not None:
        merged_into = complaints_visible_to(user).filter(pk=complaint.merged_into_id).first()
    return {
        "history": list(history_of(complaint)),
        "attachments": list(complaint.attachments.all()),
        "incident": Incident.objects.filter(complaint=complaint).first(),
        "duplicate": duplicate,
        "merged_into": merged_into,
    }


def _visible(user, pk):
    return None if pk is None else complaints_visible_to(user).filter(pk=pk).first()
