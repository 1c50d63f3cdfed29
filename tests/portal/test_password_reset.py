"""Password reset by e-mailed link (Django's own views), never saying whether an address is
known."""

import re
import socket
import time

from django.core import mail

from ..factories import InsurerFactory, UserFactory

NEW_PASSWORD = "A-new-pass-for-315"


def reset_link(email):
    return re.search(r"https?://[^/\s]+(/accounts/password/reset/\S+/)", email.body).group(1)


def ask_for_a_link(client, address):
    return client.post("/accounts/password/reset/", {"email": address})


def test_the_login_page_links_to_the_reset(client, db):
    assert 'href="/accounts/password/reset/"' in client.get("/accounts/login/").content.decode()


def test_a_person_resets_their_password_by_the_emailed_link(client, bureau_a):
    bureau_a.email = "clerk@beijing.example.cn"
    bureau_a.save()
    response = ask_for_a_link(client, "CLERK@beijing.example.cn")
    assert response["Location"] == "/accounts/password/reset/sent/"
    [email] = mail.outbox
    assert email.to == ["clerk@beijing.example.cn"] and "beijing" in email.body
    form_page = client.get(reset_link(email), follow=True)
    assert form_page.context["validlink"]
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response["Location"] == "/accounts/password/reset/complete/"
    bureau_a.refresh_from_db()
    assert bureau_a.check_password(NEW_PASSWORD)


def test_the_link_works_once(client, bureau_a):
    bureau_a.email = "clerk@beijing.example.cn"
    bureau_a.save()
    ask_for_a_link(client, "clerk@beijing.example.cn")
    link = reset_link(mail.outbox[0])
    page = client.get(link, follow=True)
    client.post(
        page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert not client.get(link, follow=True).context["validlink"]


def test_an_unknown_address_gets_the_same_answer_and_no_email(client, bureau_a):
    bureau_a.email = "clerk@beijing.example.cn"
    bureau_a.save()
    known = ask_for_a_link(client, "clerk@beijing.example.cn")
    unknown = ask_for_a_link(client, "nobody@example.cn")
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert len(mail.outbox) == 1
    sent = client.get(unknown["Location"]).content.decode()
    assert "nobody@example.cn" not in sent


def test_a_deactivated_account_gets_no_link(client, db):
    UserFactory(username="gone", email="gone@example.cn", is_active=False)
    response = ask_for_a_link(client, "gone@example.cn")
    assert response["Location"] == "/accounts/password/reset/sent/"
    assert mail.outbox == []


def test_a_forged_link_is_refused(client, bureau_a):
    response = client.get("/accounts/password/reset/MQ/set-password/")
    assert not response.context["validlink"]


def test_the_link_points_at_the_portal_whatever_host_the_request_named(client, bureau_a, settings):
    """The set-password e-mail of a new account uses PORTAL_URL; so does the reset link, not
    the Host header of whoever asked (behind the proxy the request is also plain http)."""
    settings.PORTAL_URL = "https://portal.example.cn"
    bureau_a.email = "clerk@beijing.example.cn"
    bureau_a.save()
    client.post(
        "/accounts/password/reset/", {"email": "clerk@beijing.example.cn"}, HTTP_HOST="localhost"
    )
    [email] = mail.outbox
    assert "https://portal.example.cn/accounts/password/reset/" in email.body
    assert "localhost" not in email.body


def test_a_person_of_a_deactivated_organisation_gets_no_link(client, db):
    insurer = InsurerFactory(code="closed-life", is_active=False)
    UserFactory(username="closed-clerk", email="clerk@closed.example.cn", organisation=insurer)
    response = ask_for_a_link(client, "clerk@closed.example.cn")
    assert response["Location"] == "/accounts/password/reset/sent/"
    assert mail.outbox == []


def test_a_mail_server_that_never_answers_does_not_hold_the_page(client, bureau_a, settings):
    """Without a timeout smtplib waits for the server's greeting for ever: the web worker
    (or the Celery worker sending notifications) hung until something killed it."""
    assert settings.EMAIL_TIMEOUT is not None and settings.EMAIL_TIMEOUT <= 15
    bureau_a.email = "clerk@beijing.example.cn"
    bureau_a.save()
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()  # connections are queued, never answered
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = silent.getsockname()
        settings.EMAIL_TIMEOUT = 0.5
        started = time.monotonic()
        response = ask_for_a_link(client, "clerk@beijing.example.cn")
        assert time.monotonic() - started < 5
    assert response["Location"] == "/accounts/password/reset/sent/"


def test_links_to_one_address_are_limited_without_saying_so(client, bureau_a, settings):
    """Anyone may ask for a link to any address: without a limit a script filled a clerk's
    mailbox (and kept web workers talking to the mail server)."""
    settings.PASSWORD_RESET_RATE = "3/h"
    bureau_a.email = "clerk@beijing.example.cn"
    bureau_a.save()
    answers = [ask_for_a_link(client, "Clerk@beijing.example.cn") for _ in range(5)]
    assert len(mail.outbox) == 3
    assert {(a.status_code, a["Location"]) for a in answers} == {
        (302, "/accounts/password/reset/sent/")
    }
