"""A record locked for a change, or a refusal when it is gone."""


def locked(queryset, pk, refusal):
    """The row ``pk`` of ``queryset`` (a ``select_for_update()`` queryset: the caller says
    what it locks), held until the caller's transaction ends. ``refusal`` is raised when
    someone deleted the row since the page was read: the lock waited for that deletion, and
    there is nothing left to change."""
    row = queryset.filter(pk=pk).first()
    if row is None:
        raise refusal
    return row
