"""A company publishes, amends and compares a claims promise in a real browser (issue 10,
"done means"): 5 days published; 15 days refused citing art. 23 next to the field; amended
5 → 3 days with both versions readable; the public compare page ranks it above a 5-day
promise; the year-over-year view shows it tightened. The company logs in through the login
page (issue 12) and no page logs a console error. Screenshots of each page are kept."""

import re

import pytest

from commitments.models import ServiceCommitment
from tests.commitments.years import promise, two_campaigns

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _fill_claim_payment(page, days):
    page.select_option("#id_kind", label="赔款支付")
    page.fill("#id_text", f"达成赔偿协议后{days}日内支付赔款。")
    page.fill("#id_limit_value", str(days))
    page.select_option("#id_limit_unit", "days")


def _take_step(page, label):
    page.click(f"summary:text-is('{label}')")
    page.click(f"details[open] button[type=submit]:text-is('{label}')")
    dialog = page.locator("dialog[data-portal-confirm-dialog]")
    if dialog.is_visible():
        with page.expect_navigation():
            dialog.locator("[data-portal-confirm-ok]").click()


def test_a_company_publishes_amends_and_is_ranked_on_claim_payment(page_as, company_x, company_y):
    last_year, _this_year = two_campaigns()
    promise(company_x, last_year, "claim_payment", (5, "days"))
    promise(company_y, _this_year, "claim_payment", (5, "days"))
    page = page_as(company_x)

    # Publish "5 days".
    page.goto("/commitments/manage/new/")
    _fill_claim_payment(page, 5)
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"/commitments/\d+/$"))
    _take_step(page, "公开")
    assert "已公开" in page.inner_text("main")
    page.shot("commitment-published-5-days")
    first = ServiceCommitment.objects.get(company=company_x.organisation, campaign=_this_year)
    assert first.status == "published" and first.limit_value == 5

    # "15 days" is refused next to the field, citing the law; nothing is stored.
    page.goto("/commitments/manage/new/")
    _fill_claim_payment(page, 15)
    page.click("main button[type=submit]")
    error = page.inner_text("#id_limit_value ~ .invalid-feedback, #error_1_id_limit_value")
    assert "《中华人民共和国保险法》第二十三条" in error
    page.shot("commitment-refused-15-days")
    assert ServiceCommitment.objects.filter(company=company_x.organisation).count() == 2

    # Amend 5 → 3 days: a new version, and the first stays readable.
    page.goto(f"/commitments/{first.pk}/")
    _take_step(page, "修订")
    page.wait_for_url(re.compile(r"/commitments/\d+/(edit/)?$"))
    if not page.url.endswith("/edit/"):
        page.click("a[href$='/edit/']")
    page.fill("#id_limit_value", "3")
    page.fill("#id_text", "达成赔偿协议后3日内支付赔款。")
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"/commitments/\d+/$"))
    _take_step(page, "公开")
    versions = page.inner_text("#versions")
    assert "第2版" in versions and "第1版" in versions
    page.shot("commitment-two-versions")
    first.refresh_from_db()
    assert first.status == "superseded"

    # The public compare page puts its 3 days above the other company's 5.
    public = page_as(None)
    public.goto("/commitments/compare/?kind=claim_payment")
    rows = public.locator("#compare-claim_payment tbody tr")
    assert "示例人寿保险股份有限公司" in rows.nth(0).inner_text()
    assert "3日" in rows.nth(0).inner_text()
    assert "示例财产保险股份有限公司" in rows.nth(1).inner_text()
    public.shot("commitment-compare")

    # Year over year: 2012's 5 days tightened to 3.
    public.goto("/commitments/companies/demo-life/year-over-year/")
    assert "收紧" in public.inner_text("main")
    public.shot("commitment-year-over-year")
