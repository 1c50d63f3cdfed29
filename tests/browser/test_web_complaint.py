"""A consumer files a complaint on the public site; the bureau of the consumer's region accepts
it and forwards it to the company, which answers; the consumer tracks it with the reference
the confirmation page gave and the last 4 digits of the phone, and reads the answer (issue
12). Staff log in through the login page; in Chinese at 1366×768, every step kept as a
screenshot."""

import pytest

from complaints.forms import public as public_forms
from complaints.models import Complaint

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ANSWER = "经复核，已于3月20日支付住院医疗保险金8600元，并向您致歉。"


def _take_step(page, action, *, note="", choice=None):
    """Opens the step on the complaint's page, fills it in and takes it."""
    page.click(f"#step-{action} summary")
    if choice:
        page.check(choice)
    if note:
        page.fill(f"#id_{action}_note", note)
    with page.expect_navigation():
        page.click(f"#step-{action} button[type=submit]")


def test_a_complaint_filed_on_the_web_is_handled_and_tracked_with_its_reference(
    page_as, bureau_a, company_x, monkeypatch
):
    # The spam guard refuses a form sent within seconds of being shown; a browser driven by
    # a test types faster than any person.
    monkeypatch.setattr(public_forms, "QUICKEST_SECONDS", 0)
    consumer = page_as(None)
    consumer.click("#portal-nav a[href='/complaints/new/']")
    consumer.fill("#id_complainant_name", "张晓燕")
    consumer.fill("#id_complainant_phone", "13812345678")
    consumer.select_option("#id_province", label="北京市")
    consumer.select_option("#id_company", label="示例人寿保险股份有限公司")
    consumer.select_option("#id_category", label="理赔纠纷")
    consumer.select_option("#id_product_line", label="健康保险")
    consumer.fill("#id_description", "2月住院，提交全部理赔材料已四十天，保险公司仍未作出核定。")
    consumer.fill("#id_request", "尽快核定并支付住院医疗保险金。")
    consumer.fill("#id_amount_in_dispute", "8600")
    consumer.shot("web-complaint--1-form")
    with consumer.expect_navigation():
        consumer.click("main button[type=submit]")
    reference = consumer.inner_text("#complaint-reference")
    complaint = Complaint.objects.get()
    assert reference == complaint.reference and complaint.channel == "web"
    assert "您的投诉已提交" in consumer.inner_text("h1")
    assert "北京保监局" in consumer.inner_text("main")
    consumer.shot("web-complaint--2-received")

    # Beijing's bureau accepts it and forwards it to the company.
    bureau = page_as(bureau_a)
    bureau.click("#portal-nav .dropdown-toggle:has-text('投诉')")
    bureau.click("#portal-nav a[href='/complaints/']")
    bureau.click(f"main a:has-text('{reference}')")
    _take_step(bureau, "accept")
    _take_step(bureau, "forward", choice="#id_forward_complexity_0")
    assert "已转保险公司处理" in bureau.inner_text("main")
    bureau.shot("web-complaint--3-forwarded")

    # The company answers, for the complainant to read.
    company = page_as(company_x)
    company.click("#portal-nav a[href='/complaints/']")
    company.click(f"main a:has-text('{reference}')")
    _take_step(company, "answer", note=ANSWER)
    assert "保险公司已答复" in company.inner_text("main")
    company.shot("web-complaint--4-answered")

    consumer.click("#portal-nav a[href='/complaints/track/']")
    consumer.fill("#id_reference", reference)
    consumer.fill("#id_phone_last_digits", "5678")
    with consumer.expect_navigation():
        consumer.click("main button[type=submit]")
    assert reference in consumer.inner_text("#tracking-result")
    assert "保险公司已答复" in consumer.inner_text("#complaint-status")
    assert ANSWER in consumer.inner_text("main")
    consumer.shot("web-complaint--5-tracked")
