"""An article's public page (/knowledge/<pk>/): anyone reads a published article; a draft is
a preview for its own organisation and head office, and not found for everyone else."""

import pytest

from campaign.models import Article
from tests.factories import article
from tests.html import Element


def url(item):
    return f"/knowledge/{item.pk}/"


def test_anyone_reads_a_published_article(client, association):
    published = article(association, title="如何识别销售误导", body="<p>把保险说成存款。</p>")
    response = client.get(url(published))
    assert response.status_code == 200
    page = Element.parse(response.content.decode())
    assert page.find("article-title").text == "如何识别销售误导"
    assert "<p>把保险说成存款。</p>" in response.content.decode()
    assert page.first("meta", name="description")["content"] == published.summary
    assert page.first("link", rel="canonical")["href"] == f"http://testserver{url(published)}"
    assert page.first("a", href=f"/knowledge/manage/{published.pk}/edit/") is None


@pytest.mark.parametrize(
    "persona", ["anonymous", "bureau_a", "company_x", "hotline", "association"]
)
def test_a_draft_is_not_found_except_by_its_authors_and_head_office(
    client, as_persona, head_office, persona
):
    draft = article(head_office, published=False)
    as_persona(persona)
    assert client.get(url(draft)).status_code == 404


@pytest.mark.parametrize("persona", ["association", "head_office"])
def test_its_authors_and_head_office_preview_a_draft_with_its_steps(
    client, english, as_persona, association, persona
):
    draft = article(association, published=False)
    as_persona(persona)
    response = client.get(url(draft))
    assert response.status_code == 200
    page = Element.parse(response.content.decode())
    assert "A preview: this article is a draft" in page.first("div", role="status").text
    assert page.first("meta", name="robots")["content"] == "noindex"
    assert f"/knowledge/manage/{draft.pk}/publish/" in [
        form["action"] for form in page.find_all("form")
    ]


def test_a_text_changed_behind_the_services_back_is_cleaned_on_the_way_out(client, association):
    published = article(association)
    Article.objects.filter(pk=published.pk).update(
        body='<p>正文</p><script>alert(1)</script><img src=x onerror="alert(2)">'
        '<a href="javascript:alert(3)">链接</a>'
    )
    body = client.get(url(published)).content.decode()
    assert "<p>正文</p>" in body
    assert "alert(" not in body


def test_an_unknown_article_is_not_found(client, db):
    assert client.get("/knowledge/999/").status_code == 404
