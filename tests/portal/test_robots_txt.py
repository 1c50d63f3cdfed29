"""/robots.txt: search engines may read the public pages, not the staff's, and are pointed to
the sitemap."""

import pytest


@pytest.fixture
def rules(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    return response.content.decode().splitlines()


def test_it_points_to_the_sitemap(rules):
    assert "Sitemap: http://testserver/sitemap.xml" in rules


@pytest.mark.parametrize(
    "area",
    [
        "/accounts/",
        "/admin/",
        "/api/",
        "/statistics/",
        "/knowledge/manage/",
        "/complaints/",
        "/activities/",
        "/exemplars/manage/",
        "/media-reports/",
    ],
)
def test_it_keeps_search_engines_out_of_the_staffs_areas(rules, area):
    assert f"Disallow: {area}" in rules


def test_it_lets_them_read_the_public_complaint_pages_and_nothing_public_is_disallowed(rules):
    assert "Allow: /complaints/new/" in rules
    assert "Allow: /complaints/track/" in rules
    disallowed = [rule.split(": ")[1] for rule in rules if rule.startswith("Disallow")]
    for public in (
        "/",
        "/knowledge/",
        "/knowledge/1/",
        "/commitments/",
        "/commitments/compare/",
        "/exemplars/",
        "/exemplars/2013/110000/",
    ):
        assert not any(public.startswith(area) for area in disallowed)


def test_it_takes_no_post(client, db):
    assert client.post("/robots.txt").status_code == 405
