"""The public campaign site's home page (/): a visitor reads the campaign's theme, period and
notice, how to complain (the 12378 hotline first), and finds the commitments, the knowledge
articles and the latest media reports; a signed-in user is taken to their work as before."""

import datetime

import pytest
from django.urls import NoReverseMatch, reverse

from campaign.models import Campaign, MediaReport
from tests.factories import CampaignFactory, article
from tests.html import Element

NAV = ["/", "/commitments/", "/knowledge/", "/complaints/new/", "/complaints/track/"]


def media_report(campaign, user, title, day):
    return MediaReport.objects.create(
        campaign=campaign,
        organisation=user.organisation,
        kind=MediaReport.Kind.NEWS,
        title=title,
        outlet="示例日报",
        published_on=datetime.date(2013, 3, day),
        url="https://news.example.cn/315",
        recorded_by=user,
    )


def test_a_visitor_reads_the_theme_period_notice_and_the_hotline(client, english, campaign):
    response = client.get("/")
    assert response.status_code == 200
    page = Element.parse(response.content.decode())
    assert page.find("home-title").text == "诚信保险 优质服务"
    hero = page.first("section", **{"aria-labelledby": "home-title"}).text
    assert "The 2013 “3·15” insurance consumer rights protection campaign" in hero
    assert "1 March 2013 to 31 March 2013" in hero
    assert "保监厅发〔2013〕11号" in hero
    assert page.first("a", href="tel:12378").text == "12378"
    channels = page.first("section", **{"aria-labelledby": "channels-title"}).text
    for channel in ("Online", "By letter", "In person"):
        assert channel in channels


def test_it_links_to_the_complaint_form_tracking_commitments_and_knowledge(client, campaign):
    links = Element.parse(client.get("/").content.decode()).links
    for link in NAV + ["/commitments/compare/"]:
        assert link in links


def test_the_visitors_navigation_leads_to_the_public_pages_and_the_staff_login(
    client, english, campaign
):
    page = Element.parse(client.get("/").content.decode())
    nav = page.first("nav", **{"aria-label": "Main navigation"})
    pages = [link for link in nav.links if link != "#"]
    assert pages[0] == "/"  # the brand
    assert [link for link in pages[1:] if "exemplar" not in link] == [*NAV, "/accounts/login/"]


def test_the_lists_of_exemplars_are_linked_only_once_their_page_exists(client, campaign):
    try:
        exemplars = reverse("exemplar_public")
    except NoReverseMatch:
        exemplars = None
    links = Element.parse(client.get("/").content.decode()).links
    if exemplars:
        assert exemplars in links
    else:
        assert not [link for link in links if "exemplar" in link]


def test_it_shows_the_latest_published_articles_and_media_reports(
    client, campaign, association, bureau_a
):
    for number in range(5):
        article(association, title=f"文章{number}")
    article(association, title="草稿", published=False)
    for day in range(1, 6):
        media_report(campaign, bureau_a, f"报道{day}", day)
    context = client.get("/").context["page"]
    assert [item.title for item in context.articles] == ["文章4", "文章3", "文章2", "文章1"]
    assert [item.title for item in context.media_reports] == ["报道5", "报道4", "报道3", "报道2"]


def test_it_shows_the_open_campaign_rather_than_a_later_draft_or_an_earlier_closed_one(
    client, campaign
):
    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.CLOSED)
    CampaignFactory(
        year=2014,
        theme="二〇一四年的主题",
        status=Campaign.Status.OPEN,
        deadline=datetime.date(2014, 4, 10),
        period_start=datetime.date(2014, 3, 1),
        period_end=datetime.date(2014, 3, 31),
    )
    CampaignFactory(
        year=2015,
        theme="草稿主题",
        status=Campaign.Status.DRAFT,
        deadline=datetime.date(2015, 4, 10),
        period_start=datetime.date(2015, 3, 1),
        period_end=datetime.date(2015, 3, 31),
    )
    assert client.get("/").context["page"].campaign.year == 2014


def test_without_a_campaign_it_still_shows_how_to_complain(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert "tel:12378" in response.content.decode()


def test_it_takes_as_many_queries_with_many_articles_and_reports_as_with_none(
    client, campaign, association, bureau_a, django_assert_num_queries
):
    with django_assert_num_queries(3):  # the campaign, the articles, the media reports
        client.get("/")
    for number in range(10):
        article(association, title=f"文章{number}")
        media_report(campaign, bureau_a, f"报道{number}", number + 1)
    with django_assert_num_queries(3):
        client.get("/")


@pytest.mark.parametrize(
    ("persona", "location"),
    [
        ("bureau_a", "/campaigns/2013/"),
        ("hotline", "/hotline/"),
        ("head_office", "/campaigns/2013/"),
    ],
)
def test_a_signed_in_user_is_taken_to_their_work(client, as_persona, campaign, persona, location):
    as_persona(persona)
    assert client.get("/")["Location"] == location


def test_the_home_page_takes_no_post(client, db):
    assert client.post("/").status_code == 405
