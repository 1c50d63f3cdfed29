"""What a complaint's page reads besides the complaint: its history (with the steps of the
complaints merged into it), attachments, incident and the possible duplicate the user may see."""

from ..models import Incident
from .complaints import complaints_visible_to, history_of


def complaint_page(user, complaint):
    """The records the complaint's page shows, each fetched once (constant query count)."""
    return {
        "history": list(history_of(user, complaint)),
        "attachments": list(complaint.attachments.all()),
        "incident": Incident.objects.filter(complaint=complaint).first(),
        "duplicate": _visible(user, complaint.possible_duplicate_of_id),
        "merged_into": _visible(user, complaint.merged_into_id),
    }


def _visible(user, pk):
    return None if pk is None else complaints_visible_to(user).filter(pk=pk).first()
