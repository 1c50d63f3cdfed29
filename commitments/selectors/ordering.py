"""The order the pages list kinds of commitment in."""

from django.db.models import Case, When

from ..models import Stage


def stage_order(field):
    """Sales, after-sales, claims: the order of the notice, not the alphabet's."""
    return Case(
        *(When(**{field: stage}, then=position) for position, stage in enumerate(Stage.values)),
        default=len(Stage.values),
    )
