"""What a logged-in user is sent is stored by no cache: not by a proxy, not by a shared PC's
browser after logout."""

import pytest
from django.http import FileResponse, HttpResponse
from django.test import RequestFactory

from portal.middleware import PrivateNoStoreMiddleware

pytestmark = pytest.mark.django_db


def test_a_logged_in_page_is_private_and_not_stored(client, bureau_a, campaign):
    client.force_login(bureau_a)

    response = client.get("/statistics/2013/beijing/")

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


def test_an_excel_download_is_private_and_not_stored(client, bureau_a, campaign):
    client.force_login(bureau_a)

    response = client.get("/statistics/2013/beijing/excel/template.xlsx")

    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"


def test_the_login_page_keeps_djangos_own_caching(client):
    response = client.get("/accounts/login/")

    # Django's login view is never_cache'd; the middleware does not overwrite it.
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_an_anonymous_page_without_a_download_is_left_alone():
    middleware = PrivateNoStoreMiddleware(lambda request: HttpResponse("public"))
    request = RequestFactory().get("/somewhere/")

    assert not middleware(request).has_header("Cache-Control")


def test_a_file_download_is_private_even_without_a_user(tmp_path):
    path = tmp_path / "summary.pdf"
    path.write_bytes(b"%PDF-1.4")
    middleware = PrivateNoStoreMiddleware(lambda request: FileResponse(path.open("rb")))

    response = middleware(RequestFactory().get("/file/"))

    assert response["Cache-Control"] == "private, no-store"
    response.close()


def test_a_views_own_cache_control_is_kept(client, head_office):
    client.force_login(head_office)

    response = client.get("/healthz/")

    assert "max-age=0" in response["Cache-Control"]


def test_static_files_keep_their_own_caching(client, bureau_a):
    client.force_login(bureau_a)

    response = client.get("/static/css/portal.css")

    assert response.status_code == 200
    assert "no-store" not in response["Cache-Control"]
    response.close()
