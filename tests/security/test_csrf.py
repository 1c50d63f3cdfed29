"""Every form that changes something demands Django's CSRF token. The test client skips the
check unless asked (enforce_csrf_checks=True), so these tests ask."""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLResolver, get_resolver
from rest_framework.authentication import SessionAuthentication

from campaign.models import StatisticsReport
from complaints.api import ComplaintViewSet

from ..campaign import workbooks
from ..factories import PASSWORD
from .conftest import PDF

# The API: DRF exempts its views from Django's check and checks the token itself; a session
# cookie is no way in (no SessionAuthentication), so no other site can make a browser call it.
TOKEN_ONLY = {"api/v1/complaints/", "api/v1/complaints/<str:reference>/", "api/schema/"}


def _views(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _views(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern), pattern.callback


def test_no_page_of_the_urlconf_is_exempt_from_the_check_but_the_token_api():
    """Every form, the admin's and those to come included: the middleware checks every POST
    unless a view is marked exempt, and none is but the API."""
    exempt = {
        route
        for route, view in _views(get_resolver().url_patterns)
        if getattr(view, "csrf_exempt", False)
    }

    assert "django.middleware.csrf.CsrfViewMiddleware" in settings.MIDDLEWARE
    assert exempt == TOKEN_ONLY
    authentication = settings.REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"]
    assert not any("Session" in name for name in authentication)
    assert SessionAuthentication not in ComplaintViewSet.authentication_classes


@pytest.fixture
def strict():
    return Client(enforce_csrf_checks=True)


def token_for(client, url):
    client.get(url)
    return client.cookies["csrftoken"].value


UNIT_FORMS = [
    ("/statistics/2013/beijing/", lambda r: {"version": str(r.version), "A01": "1"}),
    ("/statistics/2013/beijing/attachments/", lambda r: {"file": SimpleUploadedFile("a.pdf", PDF)}),
    (
        "/statistics/2013/beijing/excel/",
        lambda r: {"file": workbooks.upload_file(workbooks.template(r))},
    ),
]


@pytest.mark.parametrize(("url", "data"), UNIT_FORMS)
def test_a_units_forms_refuse_a_post_without_the_token(strict, bureau_a, beijing, url, data):
    strict.force_login(bureau_a)
    version = beijing.version
    response = strict.post(url, data(beijing))
    assert response.status_code == 403
    beijing.refresh_from_db()
    assert beijing.version == version
    assert beijing.attachments.count() == 1 and not beijing.uploads.exists()


def test_a_units_form_accepts_a_post_with_the_token(strict, bureau_a, beijing):
    strict.force_login(bureau_a)
    token = token_for(strict, "/statistics/2013/beijing/")
    response = strict.post(
        "/statistics/2013/beijing/",
        {"version": str(beijing.version), "A01": "11", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("/statistics/2013/beijing/approve/", {}),
        ("/statistics/2013/beijing/return/", {"comment": "x"}),
        ("/campaigns/2013/close/", {}),
        ("/campaigns/2013/table/indicators/E01/retire/", {}),
        ("/organisations/new/", {"kind": "insurer", "code": "x", "name_zh": "x"}),
        ("/organisations/beijing/edit/", {"kind": "bureau", "code": "beijing", "name_zh": "x"}),
        ("/accounts/logout/", {}),
    ],
)
def test_head_offices_forms_refuse_a_post_without_the_token(
    strict, head_office, beijing_submitted, url, data
):
    strict.force_login(head_office)
    response = strict.post(url, data)
    assert response.status_code == 403
    beijing_submitted.refresh_from_db()
    assert beijing_submitted.status == StatisticsReport.Status.SUBMITTED


def test_a_token_from_another_session_is_refused(strict, head_office, beijing_submitted):
    other = Client(enforce_csrf_checks=True)
    stolen = token_for(other, "/accounts/login/")
    strict.force_login(head_office)
    strict.get("/statistics/2013/beijing/review/")
    response = strict.post(
        "/statistics/2013/beijing/approve/", {"csrfmiddlewaretoken": stolen + "x"}
    )
    assert response.status_code == 403


def test_the_login_form_refuses_a_post_without_the_token(strict, bureau_a):
    response = strict.post("/accounts/login/", {"username": "beijing", "password": PASSWORD})
    assert response.status_code == 403
    assert "_auth_user_id" not in strict.session


def test_the_language_switch_refuses_a_post_without_the_token(strict, bureau_a):
    response = strict.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 403
