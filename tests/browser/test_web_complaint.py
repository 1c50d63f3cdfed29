"""A consumer files a complaint on the public site and tracks it with the reference the
confirmation page gave and the last 4 digits of the phone (issue 12): no login, in Chinese at
1366×768, every step's page kept as a screenshot."""

import pytest

from complaints.forms import public as public_forms
from complaints.models import Complaint
from tests.factories import InsurerFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_consumer_files_a_complaint_and_tracks_it_with_the_reference(page_as, monkeypatch):
    InsurerFactory(code="demo-life", name_zh="示例人寿保险股份有限公司")
    # The spam guard refuses a form sent within seconds of being shown; a browser driven by
    # a test types faster than any person.
    monkeypatch.setattr(public_forms, "QUICKEST_SECONDS", 0)
    page = page_as(None)
    page.click("#portal-nav a[href='/complaints/new/']")
    page.fill("#id_complainant_name", "张晓燕")
    page.fill("#id_complainant_phone", "13812345678")
    page.select_option("#id_province", label="辽宁省")
    page.select_option("#id_city", label="大连市")
    page.select_option("#id_company", label="示例人寿保险股份有限公司")
    page.select_option("#id_category", label="理赔纠纷")
    page.select_option("#id_product_line", label="健康保险")
    page.fill("#id_description", "2013年2月住院，提交全部理赔材料已四十天，保险公司仍未作出核定。")
    page.fill("#id_request", "尽快核定并支付住院医疗保险金。")
    page.fill("#id_amount_in_dispute", "8600")
    page.shot("web-complaint--1-form")
    with page.expect_navigation():
        page.click("main button[type=submit]")

    reference = page.inner_text("#complaint-reference")
    complaint = Complaint.objects.get()
    assert reference == complaint.reference and complaint.channel == "web"
    assert "您的投诉已提交" in page.inner_text("h1")
    assert "大连保监局" in page.inner_text("main")
    page.shot("web-complaint--2-received")

    page.click("main a[href='/complaints/track/']")
    page.fill("#id_reference", reference)
    page.fill("#id_phone_last_digits", "5678")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert reference in page.inner_text("#tracking-result")
    assert "已登记" in page.inner_text("#complaint-status")
    page.shot("web-complaint--3-tracked")
