"""The insurance association puts an excellent service person, with a photo, on Beijing's
双十佳 list and publishes it, and the public finds the entry on the public list (issue 12):
logged in through the login page, in Chinese at 1366×768, every step kept as a screenshot."""

import io

import pytest
from PIL import Image

from campaign.models import Exemplar

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _portrait(tmp_path):
    path = tmp_path / "portrait.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (300, 400), (176, 196, 222)).save(buffer, "JPEG")
    path.write_bytes(buffer.getvalue())
    return path


def test_the_association_publishes_a_ten_best_entry_that_the_public_finds(
    page_as, campaign, association, company_x, tmp_path
):
    page = page_as(association)
    page.click("#portal-nav .dropdown-toggle:has-text('宣传活动')")
    page.click("#portal-nav a[href='/exemplars/manage/']")
    assert "/exemplars/manage/2013/" in page.url

    page.click("main .portal-page-header a[href='/exemplars/manage/2013/new/']")
    page.select_option("#id_region", label="北京市")
    page.select_option("#id_kind", label="优秀服务标兵")
    page.fill("#id_name", "刘红梅")
    page.select_option("#id_company", label="示例人寿保险股份有限公司")
    page.fill("#id_branch", "北京分公司")
    page.fill("#id_post", "理赔查勘员")
    page.fill("#id_deeds", "从业十二年，查勘现场逾三千次，坚持一次性告知理赔材料，无一起有效投诉。")
    page.set_input_files("#id_photo", _portrait(tmp_path))
    page.shot("exemplar--1-form")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert "草稿" in page.inner_text(".portal-messages")
    entry = Exemplar.objects.get()
    assert entry.status == "draft" and entry.photo

    with page.expect_navigation():
        page.get_by_role("button", name="公开 刘红梅").click()
    assert "刘红梅" in page.inner_text(".portal-messages")
    page.shot("exemplar--2-published")
    entry.refresh_from_db()
    assert entry.status == "published"

    public = page_as(None)
    public.click("#portal-nav a[href='/exemplars/']")
    public.click("main a.card:has-text('北京')")
    card = public.locator("main", has_text="刘红梅")
    assert "理赔查勘员" in card.inner_text() and "示例人寿保险股份有限公司" in card.inner_text()
    assert public.locator("main img[src*='/exemplars/photos/']").evaluate("img => img.naturalWidth")
    public.shot("exemplar--3-public-list")
