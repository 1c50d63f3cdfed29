"""Writing a new knowledge article (/knowledge/manage/new/): head office and the
association; the text is stored sanitised."""

import pytest

from campaign.models import Article
from tests.html import Element

URL = "/knowledge/manage/new/"
FIELDS = {
    "topic": "claims_guide",
    "title": "车险理赔需要准备哪些材料",
    "summary": "出险后及时报案、保护现场。",
    "body": '<h2>材料</h2><p onclick="steal()">行驶证、驾驶证。</p><script>alert(1)</script>'
    '<a href="javascript:alert(1)">点我</a>',
}


@pytest.mark.parametrize("persona", ["association", "head_office"])
def test_it_saves_a_sanitised_draft_of_the_writers_organisation(client, as_persona, persona):
    user = as_persona(persona)
    response = client.post(URL, FIELDS)
    saved = Article.objects.get()
    assert response["Location"] == f"/knowledge/{saved.pk}/"
    assert saved.status == Article.Status.DRAFT
    assert saved.organisation == user.organisation
    assert saved.created_by == user
    assert saved.body == (
        '<h2>材料</h2><p>行驶证、驾驶证。</p><a rel="noopener noreferrer nofollow">点我</a>'
    )
    assert saved.history.get().history_user == user


def test_the_page_offers_the_summary_editor(client, association):
    client.force_login(association)
    page = Element.parse(client.get(URL).content.decode())
    assert page.first("div", **{"data-portal-editor": "id_body"}) is not None
    assert page.first("script", src="/static/js/statistics_form.js") is not None


def test_missing_fields_are_shown_next_to_them(client, english, association):
    client.force_login(association)
    response = client.post(URL, {"topic": "law"})
    assert response.status_code == 200
    for field in ("title", "summary", "body"):
        assert Element.by_id(response, f"error_1_id_{field}").text == "This field is required."
    assert not Article.objects.exists()


def test_a_text_with_nothing_left_once_sanitised_is_refused(client, english, association):
    client.force_login(association)
    response = client.post(URL, FIELDS | {"body": "<script>alert(1)</script>"})
    assert response.status_code == 200
    assert "The article has no text." in response.content.decode()
    assert not Article.objects.exists()


@pytest.mark.parametrize("persona", ["bureau_a", "company_x", "hotline"])
def test_bureaus_companies_and_the_hotline_are_refused(client, as_persona, persona):
    as_persona(persona)
    assert client.get(URL).status_code == 403
    assert client.post(URL, FIELDS).status_code == 403
    assert not Article.objects.exists()
