"""The `next` of the login page and of the language switch never leads off the portal."""

from urllib.parse import urljoin, urlsplit

import pytest

from ..factories import PASSWORD

HOSTILE = [
    "https://evil.example/",
    "//evil.example/",
    "///evil.example/",
    "/\\evil.example/",
    "\\\\evil.example/",
    "https:evil.example",
    "javascript:alert(1)",
    "http://testserver@evil.example/",
    " //evil.example/",
    "%2F%2Fevil.example/",
    "/%09/evil.example/",
]


def assert_stays_here(location):
    """Where a browser goes from a page of the portal: still the portal, over http(s)."""
    assert "\\" not in location and "\t" not in location, location
    target = urlsplit(urljoin("http://testserver/accounts/login/", location))
    assert (target.scheme, target.netloc) == ("http", "testserver"), location


@pytest.mark.parametrize("target", HOSTILE)
def test_logging_in_never_redirects_off_the_portal(client, bureau_a, target):
    response = client.post(
        f"/accounts/login/?next={target}", {"username": "beijing", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert_stays_here(response["Location"])
    response = client.post(
        "/accounts/login/", {"username": "beijing", "password": PASSWORD, "next": target}
    )
    assert_stays_here(response["Location"])


@pytest.mark.parametrize("target", HOSTILE)
def test_the_language_switch_never_redirects_off_the_portal(client, bureau_a, target):
    client.force_login(bureau_a)
    response = client.post("/i18n/setlang/", {"language": "en", "next": target})
    assert response.status_code == 302
    assert_stays_here(response["Location"])
    response = client.post("/i18n/setlang/", {"language": "en"}, HTTP_REFERER=target)
    assert_stays_here(response["Location"])


def test_the_language_switch_does_not_change_on_get(client, bureau_a):
    response = client.get("/i18n/setlang/?language=en&next=/")
    assert "django_language" not in response.cookies


def test_the_login_page_does_not_show_a_hostile_next_unescaped(client, db):
    response = client.get('/accounts/login/?next="><script>alert(1)</script>')
    assert "<script>alert(1)</script>" not in response.content.decode()
