"""/sitemap.xml: the public pages and every published knowledge article, for search engines."""

import re

from campaign.services.articles import withdraw_article
from campaign.services.exemplars import publish_exemplar
from tests.campaign.exemplars import SHANGHAI, draft
from tests.factories import article


def locations(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return re.findall(r"<loc>http://testserver(.*?)</loc>", response.content.decode())


def test_it_lists_the_public_pages(client, db):
    assert locations(client) == [
        "/",
        "/commitments/",
        "/commitments/compare/",
        "/knowledge/",
        "/exemplars/",
        "/complaints/new/",
        "/complaints/track/",
    ]


def test_it_lists_published_articles_and_not_drafts_or_withdrawn_ones(client, association):
    published = article(association)
    draft = article(association, published=False)
    withdrawn = withdraw_article(actor=association, article=article(association))
    listed = locations(client)
    assert f"/knowledge/{published.pk}/" in listed
    assert f"/knowledge/{draft.pk}/" not in listed
    assert f"/knowledge/{withdrawn.pk}/" not in listed


def test_it_takes_as_many_queries_for_many_articles_as_for_one(
    client, association, django_assert_num_queries
):
    article(association)
    # The articles' count (the sitemap's pages), the articles; the published 双十佳 lists.
    with django_assert_num_queries(3):
        locations(client)
    for number in range(10):
        article(association, title=f"文章{number}")
    with django_assert_num_queries(3):
        assert len(locations(client)) == 7 + 11


def test_it_takes_no_post(client, db):
    assert client.post("/sitemap.xml").status_code == 405


def test_it_lists_the_regions_with_a_published_exemplar_and_not_those_with_drafts_only(
    client, campaign, bureau_a, association
):
    publish_exemplar(actor=bureau_a, exemplar=draft(bureau_a, campaign))
    draft(association, campaign, code=SHANGHAI)
    listed = locations(client)
    assert "/exemplars/2013/110000/" in listed
    assert "/exemplars/2013/310000/" not in listed
