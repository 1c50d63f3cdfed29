"""The media reports of a campaign: a unit's own; head office every unit's, by unit; pages
of 25; links open safely in a new tab; constant queries; the public's newest ones."""

import pytest

from campaign.selectors.media_reports import latest_media_reports
from tests.factories import CampaignFactory

from ..html import Element
from .media_reports import recorded

pytestmark = pytest.mark.postgresql

LIST = "/media-reports/2013/"


def titles(response):
    return [report.title for report in response.context["page"].object_list]


def test_a_unit_sees_its_own_reports_only(client, campaign, bureau_a, bureau_b):
    recorded(bureau_a, campaign, 1)
    recorded(bureau_b, campaign, 2)
    client.force_login(bureau_a)

    response = client.get(LIST)

    assert titles(response) == ["保险知识进社区1"]
    assert response.context["search"] is None


def test_head_office_sees_every_unit_and_filters_by_one(
    client, campaign, bureau_a, bureau_b, head_office
):
    recorded(bureau_a, campaign, 1)
    recorded(bureau_b, campaign, 2)
    client.force_login(head_office)

    assert sorted(titles(client.get(LIST))) == ["保险知识进社区1", "保险知识进社区2"]
    assert titles(client.get(LIST + "?unit=shanghai")) == ["保险知识进社区2"]


def test_links_open_in_a_new_tab_without_the_portals_address(client, campaign, bureau_a):
    recorded(bureau_a, campaign)
    client.force_login(bureau_a)

    page = Element.parse(client.get(LIST).content.decode())

    link = page.first("a", href="https://news.example.com/1.html")
    assert link["rel"] == "noopener noreferrer nofollow"
    assert link["target"] == "_blank"


def test_the_list_comes_in_pages(client, campaign, bureau_a):
    for number in range(30):
        recorded(bureau_a, campaign, number)
    client.force_login(bureau_a)

    assert len(titles(client.get(LIST))) == 25
    assert len(titles(client.get(LIST + "?page=2"))) == 5


def test_the_list_takes_the_same_queries_however_many_reports(
    client, campaign, bureau_a, bureau_b, head_office, django_assert_max_num_queries
):
    recorded(bureau_a, campaign, 0)
    client.force_login(head_office)
    client.get(LIST)
    with django_assert_max_num_queries(20) as few:
        client.get(LIST)
    for number in range(1, 20):
        recorded(bureau_a if number % 2 else bureau_b, campaign, number)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(LIST)


def test_the_hotline_is_refused(client, campaign, hotline):
    client.force_login(hotline)

    assert client.get(LIST).status_code == 403


def test_the_public_reads_the_newest_reports_of_opened_campaigns(campaign, bureau_a, head_office):
    recorded(bureau_a, campaign, 1)
    recorded(bureau_a, campaign, 2)
    draft_campaign = CampaignFactory(year=2014, status="draft")
    draft_campaign.status = "open"  # recorded while open, then back to a draft
    recorded(bureau_a, draft_campaign, 3)
    draft_campaign.status = "draft"
    draft_campaign.save()

    assert [r.title for r in latest_media_reports(1)] == ["保险知识进社区2"]
    assert {r.title for r in latest_media_reports(10)} == {"保险知识进社区1", "保险知识进社区2"}
