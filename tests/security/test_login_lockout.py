"""The login lock-out (django-axes): a locked account stays locked whatever the password and
whatever the client claims about its address; behind the reverse proxy the address counted
is the one the proxy saw."""

import pytest
from django.test import Client

from ..factories import PASSWORD


def fail(client, times=5, **headers):
    for _ in range(times):
        client.post("/accounts/login/", {"username": "beijing", "password": "wrong"}, **headers)


def log_in(client, **headers):
    return client.post("/accounts/login/", {"username": "beijing", "password": PASSWORD}, **headers)


def test_a_locked_account_cannot_log_in_with_the_right_password(client, bureau_a):
    fail(client)
    for _ in range(3):
        assert log_in(client).status_code == 429
    assert "_auth_user_id" not in client.session
    assert client.get("/campaigns/").status_code == 302


def test_a_locked_account_cannot_log_in_through_the_admin_either(client, bureau_a):
    bureau_a.is_staff = True
    bureau_a.save()
    fail(client)
    response = client.post(
        "/admin/login/", {"username": "beijing", "password": PASSWORD, "next": "/admin/"}
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_forged_forwarded_address_does_not_escape_the_lockout(client, bureau_a):
    for n in range(5):
        fail(client, times=1, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
    response = log_in(client, HTTP_X_FORWARDED_FOR="198.51.100.99")
    assert response.status_code == 429


def test_a_username_written_differently_is_another_account_not_more_guesses(client, bureau_a):
    """Varying the case cannot be used to spread guesses: only the exact username logs in."""
    for name in ("BEIJING", "Beijing", "beijing\u200b"):
        response = client.post("/accounts/login/", {"username": name, "password": PASSWORD})
        assert response.status_code == 200, name
        assert "_auth_user_id" not in client.session
    fail(client, times=4)
    # Spaces around the name are trimmed: the same account, the fifth failure.
    client.post("/accounts/login/", {"username": " beijing ", "password": "wrong"})
    assert log_in(client).status_code == 429


@pytest.fixture
def behind_one_proxy(settings, monkeypatch):
    """TRUSTED_PROXY_COUNT=1: the proxy's own address is REMOTE_ADDR and it appends the
    client's address to whatever X-Forwarded-For the client sent."""
    from portal import settings as portal_settings

    monkeypatch.setattr(portal_settings, "TRUSTED_PROXY_COUNT", 1)
    settings.AXES_CLIENT_IP_CALLABLE = portal_settings.client_address


def via_proxy(client_address, forged=None):
    chain = f"{forged}, {client_address}" if forged else client_address
    return {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": chain}


def test_behind_the_proxy_failures_are_counted_for_the_real_client(bureau_a, behind_one_proxy):
    attacker, colleague = Client(), Client()
    for n in range(5):
        fail(attacker, times=1, **via_proxy("203.0.113.7", forged=f"198.51.100.{n}"))
    assert log_in(attacker, **via_proxy("203.0.113.7", forged="198.51.100.99")).status_code == 429
    # Someone else logging in to the same account from their own desk is not locked out.
    assert log_in(colleague, **via_proxy("203.0.113.8")).status_code == 302
