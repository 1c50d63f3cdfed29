"""The hotline operator registers a call with the keyboard alone (issue 9, "done means"):
Tab and Enter go from field to field in the order a caller is asked, Ctrl+Enter registers,
and the empty form is back with the cursor in its first field for the next call. The operator
logs in through the login page (issue 12) and no page logs a console error."""

import pytest

from complaints.models import Complaint
from tests.factories import InsurerFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _focused(page):
    return page.evaluate("document.activeElement.name || document.activeElement.tagName")


def test_a_call_is_registered_by_keyboard_alone(page_as, hotline):
    InsurerFactory(code="demo-life", name_zh="示例人寿保险股份有限公司")
    page = page_as(hotline)
    page.goto("/hotline/")
    keys = page.keyboard

    assert _focused(page) == "complainant_name"
    keys.type("王小明")
    keys.press("Tab")
    keys.type("13912345678")
    keys.press("Enter")  # the next field, not a half-filled form sent
    assert _focused(page) == "province"
    keys.type("辽宁")
    keys.press("Tab")
    keys.type("大连")
    keys.press("Tab")
    keys.type("示例人寿")
    keys.press("Tab")
    keys.press("Tab")  # no branch
    assert _focused(page) == "product_line"
    keys.press("Tab")
    keys.press("Tab")  # the default product line and category
    keys.type("退保被扣高额手续费。")
    with page.expect_navigation():
        keys.press("Control+Enter")

    complaint = Complaint.objects.get()
    assert complaint.channel == "phone" and complaint.registered_by == hotline
    assert complaint.bureau.code == "dalian"
    assert complaint.company.code == "demo-life"
    assert complaint.reference in page.inner_text(".portal-messages")
    page.shot("hotline--call-registered")
    assert _focused(page) == "complainant_name"
    assert page.input_value("#id_complainant_name") == ""
