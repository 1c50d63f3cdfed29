"""The public list of knowledge articles (/knowledge/): no login, only published articles,
by topic, searched in titles and summaries, paginated, in a constant number of queries."""

import pytest

from campaign.selectors.articles import PAGE_SIZE
from tests.factories import article
from tests.html import Element

pytestmark = pytest.mark.postgresql

URL = "/knowledge/"


def titles(response):
    page = Element.parse(response.content.decode())
    return [item.first("h2").text for item in page.find_all("article")]


def test_anyone_reads_the_published_articles_newest_first(client, association, head_office):
    article(head_office, title="投保时要如实告知")
    article(association, title="如何识别销售误导")
    article(association, title="尚未公开的草稿", published=False)
    response = client.get(URL)
    assert response.status_code == 200
    assert titles(response) == ["如何识别销售误导", "投保时要如实告知"]
    assert "尚未公开的草稿" not in response.content.decode()


def test_a_withdrawn_article_leaves_the_list(client, association):
    from campaign.services.articles import withdraw_article

    withdraw_article(actor=association, article=article(association, title="撤回的文章"))
    assert titles(client.get(URL)) == []


def test_a_topic_shows_only_its_articles_and_each_topic_its_count(client, association):
    article(association, topic="claims_guide", title="车险理赔需要准备哪些材料")
    article(association, topic="risk", title="家庭财产风险的防范")
    article(association, topic="risk", title="草稿", published=False)
    response = client.get(URL, {"topic": "risk"})
    assert titles(response) == ["家庭财产风险的防范"]
    assert [row[2] for row in response.context["topics"]] == [0, 1, 0, 1]


def test_the_search_looks_in_titles_and_summaries(client, association):
    article(association, title="车险理赔需要准备哪些材料", summary="出险后及时报案。")
    article(association, title="家庭财产风险的防范", summary="防火、防水、防盗。")
    article(association, title="投保时要如实告知", summary="如实回答保险公司的询问。")
    assert titles(client.get(URL, {"q": "理赔"})) == ["车险理赔需要准备哪些材料"]
    assert titles(client.get(URL, {"q": "防盗"})) == ["家庭财产风险的防范"]


def test_an_unknown_topic_is_ignored(client, association):
    article(association)
    assert len(titles(client.get(URL, {"topic": "nope"}))) == 1


def test_the_list_is_paginated(client, association):
    for number in range(PAGE_SIZE + 1):
        article(association, title=f"文章{number}")
    assert len(titles(client.get(URL))) == PAGE_SIZE
    assert titles(client.get(URL, {"page": 2})) == ["文章0"]


def test_the_list_takes_as_many_queries_for_2_articles_as_for_20(
    client, association, head_office, django_assert_num_queries
):
    article(association, title="一")
    article(head_office, title="二")
    with django_assert_num_queries(3):  # the count, the page, the topics' counts
        assert len(titles(client.get(URL))) == 2
    for number in range(18):
        article(association if number % 2 else head_office, title=f"文章{number}")
    with django_assert_num_queries(3):
        assert len(titles(client.get(URL))) == 20
