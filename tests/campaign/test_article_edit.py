"""Changing an article (/knowledge/manage/<pk>/edit/): the association its own, head office
any; a published article's correction shows at once."""

import pytest

from tests.factories import article


def url(item):
    return f"/knowledge/manage/{item.pk}/edit/"


def fields(item, **changes):
    return {
        "topic": item.topic,
        "title": item.title,
        "summary": item.summary,
        "body": item.body,
    } | changes


def test_the_association_corrects_its_published_article(client, association):
    published = article(association)
    client.force_login(association)
    response = client.post(url(published), fields(published, body="<p>更正后的正文</p>"))
    assert response["Location"] == f"/knowledge/{published.pk}/"
    published.refresh_from_db()
    assert published.body == "<p>更正后的正文</p>"
    assert published.is_published
    assert published.history.first().history_user == association


def test_the_form_opens_with_the_articles_fields(client, association):
    draft = article(association, published=False, title="如何识别销售误导")
    client.force_login(association)
    form = client.get(url(draft)).context["form"]
    assert form["title"].value() == "如何识别销售误导"


def test_head_office_changes_the_associations_article(client, association, head_office):
    draft = article(association, published=False)
    client.force_login(head_office)
    client.post(url(draft), fields(draft, title="新标题"))
    draft.refresh_from_db()
    assert draft.title == "新标题"
    assert draft.history.first().history_user == head_office


def test_the_association_does_not_find_head_offices_article(client, association, head_office):
    theirs = article(head_office)
    client.force_login(association)
    assert client.get(url(theirs)).status_code == 404
    assert client.post(url(theirs), fields(theirs, title="改")).status_code == 404
    theirs.refresh_from_db()
    assert theirs.title != "改"


@pytest.mark.parametrize("persona", ["bureau_a", "company_x", "hotline"])
def test_bureaus_companies_and_the_hotline_are_refused(client, as_persona, association, persona):
    published = article(association)
    as_persona(persona)
    assert client.post(url(published), fields(published, title="改")).status_code == 403
    published.refresh_from_db()
    assert published.title != "改"
