"""The public campaign site on a phone (360×740), as a visitor: every public page fits the
screen without scrolling sideways, passes axe-core (WCAG 2.1 AA: no serious or critical
violation) and logs no error in the console; the menu opens from its button; printing leaves
out the navigation. Screenshots of each page are kept with the others."""

import datetime

import pytest

from campaign.models import MediaReport
from commitments.models import CommitmentKind
from commitments.services import commitments as commitment_services
from tests.browser.test_accessibility import Walk
from tests.factories import article

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 360, "height": 740}
OVERFLOW = "() => document.documentElement.scrollWidth - window.innerWidth"


@pytest.fixture
def public_site(campaign, association, head_office, bureau_a, company_x):
    """A published article with a long link, a draft, a media report and a commitment."""
    article(
        association,
        title="车险理赔需要准备哪些材料",
        topic="claims_guide",
        body="<h2>出险后先做三件事</h2><ol><li>确保人身安全；</li><li>及时报案。</li></ol>"
        '<p>详见<a href="https://www.example.cn/claims/a-very-long-address-that-must-wrap-on-'
        'a-phone-screen-without-widening-the-page/index.html">理赔指引全文</a>。</p>'
        "<blockquote>保险人认为有关的证明和资料不完整的，应当及时一次性通知补充提供。</blockquote>",
    )
    article(head_office, title="投保时要如实告知", topic="law")
    article(association, title="尚未公开", published=False)
    MediaReport.objects.create(
        campaign=campaign,
        organisation=bureau_a.organisation,
        kind=MediaReport.Kind.NEWS,
        title="北京保监局开展“3·15”保险知识进社区活动",
        outlet="示例日报",
        published_on=datetime.date(2013, 3, 15),
        url="https://news.example.cn/2013/0315.html",
        recorded_by=bureau_a,
    )
    draft = commitment_services.draft_commitment(
        actor=company_x,
        company=company_x.organisation,
        campaign=campaign,
        kind=CommitmentKind.objects.get(code="claim_payment"),
        text="达成赔偿协议后5日内支付赔款。",
        limit_value=5,
        limit_unit="days",
    )
    commitment_services.publish_commitment(actor=company_x, commitment=draft)
    return draft.company


def test_the_public_pages_fit_a_phone_and_pass_axe(
    browser_as, axe_source, screenshots, public_site, association
):
    articles = association.organisation.articles.filter(status="published")
    pages = [
        "/",
        "/knowledge/",
        *(f"/knowledge/{item.pk}/" for item in articles),
        "/commitments/",
        "/commitments/compare/",
        f"/commitments/companies/{public_site.code}/",
        "/complaints/new/",
        "/complaints/track/",
        "/accounts/login/",
        "/sitemap.xml",
    ]
    page = browser_as(None).new_page()
    page.set_viewport_size(PHONE)
    walk = Walk(page, "phone-anonymous", axe_source, screenshots, seen=set())
    too_wide = {}
    for url in pages:
        walk.check(url, "")
        if page.url.endswith(url) and page.evaluate(OVERFLOW) > 0:
            too_wide[url] = page.evaluate(OVERFLOW)
    assert len(walk.seen) == len(pages) - 1  # the sitemap is XML, not a page
    assert not walk.failures, "\n".join(failure for _, failure in walk.failures)
    assert not walk.console, "\n".join(walk.console)
    assert not too_wide, f"wider than the screen by (px): {too_wide}"


def test_the_menu_opens_on_a_phone_and_printing_leaves_out_the_navigation(
    browser_as, screenshots, public_site
):
    page = browser_as(None).new_page()
    page.set_viewport_size(PHONE)
    page.goto("/")
    complain = page.locator("#portal-nav a[href='/complaints/new/']")
    assert not complain.is_visible()
    page.click(".navbar-toggler")
    complain.wait_for(state="visible")
    page.screenshot(path=screenshots / "phone-anonymous--menu.png", full_page=True)
    assert "12378" in page.inner_text("main")

    page.emulate_media(media="print")
    assert not page.locator(".portal-navbar").is_visible()
    assert page.locator("#home-title").is_visible()
