"""Bureaus are listed as CIRC's own lists have them: the provincial-level bureaus in the usual
order, then the five separately planned cities together (issue 7, item 10)."""

from campaign.models import Organisation

CIRC_ORDER = [
    "beijing", "tianjin", "hebei", "shanxi", "neimenggu", "liaoning", "jilin", "heilongjiang",
    "shanghai", "jiangsu", "zhejiang", "anhui", "fujian", "jiangxi", "shandong", "henan",
    "hubei", "hunan", "guangdong", "guangxi", "hainan", "chongqing", "sichuan", "guizhou",
    "yunnan", "xizang", "shaanxi", "gansu", "qinghai", "ningxia", "xinjiang",
    "dalian", "ningbo", "xiamen", "qingdao", "shenzhen",
]  # fmt: skip


def test_the_bureaus_come_in_circs_order(db):
    bureaus = Organisation.objects.filter(kind=Organisation.Kind.BUREAU).order_by("position")
    assert list(bureaus.values_list("code", flat=True)) == CIRC_ORDER


def test_the_review_table_lists_them_so(client, head_office, campaign):
    client.force_login(head_office)
    response = client.get("/statistics/2013/review/", {"kind": "bureau"})
    assert [unit.code for unit in response.context["page"]] == CIRC_ORDER


def test_nothing_says_the_notice_orders_them(db, english):
    help_text = str(Organisation._meta.get_field("position").help_text)
    assert "notice" not in help_text
    assert "CIRC" in help_text
