"""What the public complaint form posts when a consumer fills it in (tests of its pages)."""

import time

from complaints.forms.public import started_token


def filled_in(company, **changes):
    """The form as a consumer in Dalian sends it, shown ``seconds_ago`` (10) seconds ago."""
    seconds_ago = changes.pop("seconds_ago", 10)
    data = {
        "complainant_name": "王小明",
        "complainant_phone": "139 1234 5678",
        "complainant_id_number": "",
        "complainant_address": "辽宁省大连市中山区人民路1号",
        "province": "210000",
        "city": "210200",
        "company": company.code,
        "company_branch": "大连分公司",
        "category": "claims",
        "product_line": "auto",
        "description": "2013年1月车辆被追尾，理赔申请提交两个月仍未赔付。",
        "amount_in_dispute": "8600",
        "request": "尽快赔付修车费用。",
        "complainant_count": "1",
        "leave_empty": "",
        "started": started_token(time.time() - seconds_ago),
    }
    return data | changes
