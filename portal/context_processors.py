from . import notifications as notification_service


def notifications(request):
    """The bell's unread count for a logged-in user: one COUNT per page, run only when a
    template shows it (templates call the function; the answer is kept for the request)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    counted = []

    def unread_notification_count():
        if not counted:
            counted.append(notification_service.unread_count(user))
        return counted[0]

    return {"unread_notification_count": unread_notification_count}
