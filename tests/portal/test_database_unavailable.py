"""While the database cannot be reached (restarted, failed over, a connection cut), a request
is answered 503 "try again in a minute" with Retry-After, in the page's language or as the
API's JSON, instead of the server-error page; any other error keeps the 500 page.
tests/production/test_database_restart_during_intake.py does it to a real PostgreSQL."""

import pytest
from django.db import InterfaceError, OperationalError

from complaints import api
from complaints.views import public

from ..complaints.api import URL, client_for

pytestmark = pytest.mark.django_db


def failing(error):
    def query(*args, **kwargs):
        raise error

    return query


@pytest.fixture
def server_errors_answered(client):
    client.raise_request_exception = False
    return client


@pytest.mark.parametrize(
    "error",
    [OperationalError("server closed the connection unexpectedly"), InterfaceError("closed")],
)
def test_the_api_answers_503_json_to_retry(hotline, monkeypatch, error):
    monkeypatch.setattr(api, "complaints_changed_since", failing(error))
    client = client_for(hotline)
    client.raise_request_exception = False

    response = client.get(URL)

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response.json() == {"detail": "门户暂时无法连接数据库，请一分钟后重试。"}


def test_a_page_answers_503_in_its_language(server_errors_answered, monkeypatch, english):
    monkeypatch.setattr(public, "render", failing(OperationalError("restarting")))

    response = server_errors_answered.get("/complaints/new/")

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    page = response.content.decode()
    assert "cannot reach its database just now" in page
    assert "Traceback" not in page and "restarting" not in page


def test_any_other_error_keeps_the_server_error_page(server_errors_answered, monkeypatch):
    monkeypatch.setattr(public, "render", failing(ZeroDivisionError()))

    response = server_errors_answered.get("/complaints/new/")

    assert response.status_code == 500
    assert "Retry-After" not in response
    assert "服务器错误" in response.content.decode()
