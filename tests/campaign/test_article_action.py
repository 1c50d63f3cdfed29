"""An article's steps (/knowledge/manage/<pk>/<step>/, POST): publish, withdraw, delete."""

import pytest

from campaign.models import Article
from tests.factories import article


def url(item, step):
    return f"/knowledge/manage/{item.pk}/{step}/"


def test_publishing_a_draft_shows_it_to_the_public(client, association):
    draft = article(association, published=False)
    client.force_login(association)
    response = client.post(url(draft, "publish"))
    assert response["Location"] == f"/knowledge/{draft.pk}/"
    client.logout()
    assert client.get(f"/knowledge/{draft.pk}/").status_code == 200


def test_withdrawing_takes_it_off_the_public_site(client, association):
    published = article(association)
    client.force_login(association)
    assert client.post(url(published, "withdraw"))["Location"] == "/knowledge/manage/"
    client.logout()
    assert client.get(f"/knowledge/{published.pk}/").status_code == 404


def test_a_draft_is_deleted(client, head_office):
    draft = article(head_office, published=False)
    client.force_login(head_office)
    assert client.post(url(draft, "delete"))["Location"] == "/knowledge/manage/"
    assert not Article.objects.exists()


def test_a_published_article_is_not_deleted_and_the_page_says_why(client, english, association):
    published = article(association)
    client.force_login(association)
    response = client.post(url(published, "delete"), follow=True)
    assert "Withdraw the article before deleting it." in response.content.decode()
    assert Article.objects.filter(pk=published.pk).exists()


def test_the_association_does_not_find_head_offices_article(client, association, head_office):
    draft = article(head_office, published=False)
    client.force_login(association)
    assert client.post(url(draft, "publish")).status_code == 404
    draft.refresh_from_db()
    assert not draft.is_published


@pytest.mark.parametrize("persona", ["bureau_a", "company_x", "hotline"])
def test_bureaus_companies_and_the_hotline_are_refused(client, as_persona, association, persona):
    published = article(association)
    as_persona(persona)
    assert client.post(url(published, "withdraw")).status_code == 403
    published.refresh_from_db()
    assert published.is_published


def test_a_step_is_a_post(client, association):
    draft = article(association, published=False)
    client.force_login(association)
    assert client.get(url(draft, "publish")).status_code == 405


def test_an_unknown_step_is_not_found(client, association):
    draft = article(association, published=False)
    client.force_login(association)
    assert client.post(url(draft, "archive")).status_code == 404
