"""What the API tests share: a client holding a user's token, and a complaint as the
hotline's call-centre system sends it."""

from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from ..factories import InsurerFactory

URL = "/api/v1/complaints/"


def client_for(user):
    """An API client sending ``user``'s token, as ``manage.py drf_create_token`` gives it."""
    client = APIClient()
    token, _created = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def payload(**changes):
    """A phone complaint from 大连 about 示例财产保险 (demo-pc), as JSON sends it."""
    InsurerFactory(code="demo-pc", name_zh="示例财产保险股份有限公司")
    return {
        "channel": "phone",
        "received_at": "2013-03-15T09:30:00+08:00",
        "complainant_name": "王小明",
        "complainant_phone": "13812341234",
        "complainant_id_number": "210202198001011234",
        "province": "辽宁省",
        "city": "大连市",
        "company": "demo-pc",
        "category": "claims",
        "product_line": "auto",
        "description": "车险理赔拖延两个月，多次催办无果。",
        "amount_in_dispute": "8600.00",
        "request": "尽快赔付。",
        "complainant_count": 1,
    } | changes
