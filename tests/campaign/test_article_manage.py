"""The staff's list of knowledge articles (/knowledge/manage/): head office sees every
article, the association its own; nobody else writes articles."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaign.selectors.articles import PAGE_SIZE
from tests.factories import article
from tests.html import Element

URL = "/knowledge/manage/"


def rows(response):
    table = Element.by_id(response, "article-table")
    return [] if table is None else [row.first("a").text for row in table.find_all("tr")[1:]]


def test_the_association_lists_its_own_articles_drafts_first(client, association, head_office):
    article(association, title="如何识别销售误导")
    article(association, title="接到推销电话可以说不", published=False)
    article(head_office, title="投保时要如实告知")
    client.force_login(association)
    assert rows(client.get(URL)) == ["接到推销电话可以说不", "如何识别销售误导"]


def test_head_office_lists_every_article(client, association, head_office):
    article(association, title="如何识别销售误导")
    article(head_office, title="投保时要如实告知", published=False)
    client.force_login(head_office)
    assert sorted(rows(client.get(URL))) == ["如何识别销售误导", "投保时要如实告知"]


def test_the_list_is_filtered_by_status_topic_and_words(client, head_office):
    article(head_office, title="车险理赔需要准备哪些材料", topic="claims_guide")
    article(head_office, title="家庭财产风险的防范", topic="risk", published=False)
    client.force_login(head_office)
    assert rows(client.get(URL, {"status": "draft"})) == ["家庭财产风险的防范"]
    assert rows(client.get(URL, {"topic": "claims_guide"})) == ["车险理赔需要准备哪些材料"]
    assert rows(client.get(URL, {"q": "财产"})) == ["家庭财产风险的防范"]


@pytest.mark.parametrize("persona", ["bureau_a", "company_x", "hotline"])
def test_bureaus_companies_and_the_hotline_are_refused(client, as_persona, persona):
    as_persona(persona)
    assert client.get(URL).status_code == 403


def test_a_visitor_is_sent_to_the_login_page(client, db):
    assert client.get(URL)["Location"].startswith("/accounts/login/")


def test_the_list_is_paginated(client, association):
    for number in range(PAGE_SIZE + 1):
        article(association, title=f"文章{number}")
    client.force_login(association)
    assert len(rows(client.get(URL))) == PAGE_SIZE
    assert len(rows(client.get(URL, {"page": 2}))) == 1


def test_the_list_takes_as_many_queries_for_2_articles_as_for_20(
    client, association, head_office, django_assert_num_queries
):
    article(association, title="一")
    article(head_office, title="二", published=False)
    client.force_login(head_office)
    with CaptureQueriesContext(connection) as small:
        assert len(rows(client.get(URL))) == 2
    for number in range(18):
        article(association if number % 2 else head_office, title=f"文章{number}")
    with django_assert_num_queries(len(small.captured_queries)):
        assert len(rows(client.get(URL))) == 20
