"""Done means (issue 6, item 7), as people would do it: head office creates a clerk for
上海保监局, the clerk sets a password from the e-mail in the log and opens the shanghai
statistics form; later five wrong passwords lock the clerk out and head office unlocks them."""

import re

from django.test import Client

from campaign.models import User

from ..factories import PASSWORD, organisation

CLERK_PASSWORD = "Shanghai-clerk-2013"


def test_head_office_creates_a_clerk_who_sets_a_password_and_is_later_unlocked(
    settings, capsys, campaign, head_office, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    hq, clerk = Client(), Client()
    assert hq.post("/accounts/login/", {"username": "hq", "password": PASSWORD}).status_code == 302

    # Head office creates the account; no password is typed.
    with django_capture_on_commit_callbacks(execute=True):
        response = hq.post(
            "/people/new/",
            {
                "username": "sh-wangfang",
                "full_name": "王芳",
                "email": "wangfang@shanghai.example.cn",
                "phone": "021-12345678",
                "organisation": organisation("shanghai").pk,
                "role": "staff",
            },
        )
    assert response["Location"] == "/people/sh-wangfang/edit/"

    # The e-mail is in the log, with the link to set a password.
    log = capsys.readouterr().out
    assert "To: wangfang@shanghai.example.cn" in log
    link = re.search(r"http://[^/\s]+(/accounts/password/reset/\S+/)", log).group(1)

    # The clerk opens the link and chooses a password.
    form_page = clerk.get(link, follow=True)
    assert form_page.context["validlink"]
    done = clerk.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": CLERK_PASSWORD, "new_password2": CLERK_PASSWORD},
        follow=True,
    )
    assert done.redirect_chain[-1][0] == "/accounts/password/reset/complete/"

    # The clerk logs in and opens Shanghai's statistics form.
    logged_in = clerk.post(
        "/accounts/login/", {"username": "sh-wangfang", "password": CLERK_PASSWORD}
    )
    assert logged_in.status_code == 302
    form = clerk.get("/statistics/2013/shanghai/")
    assert form.status_code == 200
    assert "上海保监局" in form.content.decode()
    assert "王芳" in form.content.decode()  # the real name in the user menu
    clerk.post("/accounts/logout/")

    # Five wrong passwords lock the account: even the right one is refused.
    for _ in range(5):
        clerk.post("/accounts/login/", {"username": "sh-wangfang", "password": "wrong"})
    locked = clerk.post("/accounts/login/", {"username": "sh-wangfang", "password": CLERK_PASSWORD})
    assert locked.status_code == 429

    # Head office sees the lock and lifts it; the clerk logs in.
    people = hq.get("/people/", {"q": "王芳"})
    assert people.context["locked"] == {"sh-wangfang"}
    assert hq.post("/people/sh-wangfang/unlock/").status_code == 302
    again = clerk.post("/accounts/login/", {"username": "sh-wangfang", "password": CLERK_PASSWORD})
    assert again.status_code == 302
    assert clerk.get("/statistics/2013/shanghai/").status_code == 200

    # Every step is in the account's history, with head office as the actor.
    history = User.objects.get(username="sh-wangfang").history.order_by("history_date")
    assert [(h.history_type, h.history_user) for h in history if h.history_user] == [
        ("+", head_office),
        ("~", head_office),
    ]
