"""Every kind of response carries the security headers: HTML pages, Excel files, attachment
downloads, JSON health checks, error pages and redirects."""

import pytest

HEADERS = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def assert_hardened(response):
    for name, value in HEADERS.items():
        assert response.get(name) == value, f"{name} on {response.get('Content-Type')}"
    policy = response.get("Content-Security-Policy", "")
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "object-src 'none'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


@pytest.mark.parametrize(
    "url",
    [
        "/statistics/2013/beijing/",
        "/statistics/2013/beijing/excel/template.xlsx",
        "/statistics/2013/beijing/history/",
        "/statistics/2013/nowhere/",
        "/campaigns/2013/table/",
    ],
)
def test_pages_files_and_errors_carry_the_security_headers(client, bureau_a, beijing, url):
    client.force_login(bureau_a)
    response = client.get(url)
    assert response.status_code in (200, 403, 404)
    assert_hardened(response)


def test_an_attachment_download_carries_the_security_headers(client, bureau_a, beijing):
    client.force_login(bureau_a)
    attachment = beijing.attachments.get()
    response = client.get(f"/statistics/2013/beijing/attachments/{attachment.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert_hardened(response)


def test_the_health_check_carries_the_security_headers(client, db):
    response = client.get("/healthz/")
    assert response["Content-Type"] == "application/json"
    assert_hardened(response)


def test_the_login_page_and_its_redirect_carry_the_security_headers(client, db):
    assert_hardened(client.get("/accounts/login/"))
    assert_hardened(client.get("/campaigns/"))


def test_a_post_only_action_refused_on_get_carries_the_security_headers(
    client, head_office, beijing
):
    client.force_login(head_office)
    response = client.get("/statistics/2013/beijing/approve/")
    assert response.status_code == 405
    assert_hardened(response)
