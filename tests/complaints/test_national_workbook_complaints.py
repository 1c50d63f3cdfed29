"""The national workbook's complaints sheets: counts of the 12378 complaints received in the
campaign's year, by region and channel, category, company and branch, month, and overdue
complaints and incidents per bureau; aggregates only, never a complainant's details."""

import datetime
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from campaign.models import ProductLine
from complaints.models import Category, Complaint
from reports.documents.workbook import build_national_workbook
from reports.selectors.figures import national_figures

from ..factories import InsurerFactory, complaint

pytestmark = pytest.mark.postgresql

SHEETS = ["投诉-地区×渠道", "投诉-类别", "投诉-公司×险种", "投诉-月份×渠道", "投诉-超期与突发事件"]
CHANNEL_COLUMNS = {"信件": 2, "来访": 3, "电话（12378）": 4, "网络": 5, "合计": 6}


def received(month, day=15):
    return timezone.make_aware(datetime.datetime(2013, month, day, 10, 0))


@pytest.fixture
def complaints(campaign, hotline):
    life = InsurerFactory(code="demo-life", name_zh="示例人寿保险股份有限公司")
    sales = Category.objects.get(code="sales")
    life_line = ProductLine.objects.get(code="life")
    made = [
        # Beijing: two phone complaints in March (one a 6-person incident), a letter in May.
        complaint(actor=hotline, received_at=received(3)),
        complaint(actor=hotline, received_at=received(3, 20), complainant_count=6),
        complaint(
            actor=hotline,
            channel="letter",
            received_at=received(5),
            company=life,
            category=sales,
            product_line=life_line,
        ),
        # Shanghai: a web complaint in March, about life insurance, a petition risk.
        complaint(
            actor=hotline,
            channel="web",
            province="上海市",
            received_at=received(3),
            company=life,
            product_line=life_line,
            petition_risk=True,
        ),
        # Received the year before: in no sheet of 2013.
        complaint(actor=hotline, received_at=timezone.make_aware(datetime.datetime(2012, 12, 31))),
    ]
    # Only the first Beijing complaint is still open past its limit.
    Complaint.objects.filter(pk__in=[c.pk for c in made[1:]]).update(due_on=None)
    return made


def workbook_of(campaign):
    return load_workbook(io.BytesIO(build_national_workbook(national_figures(campaign))))


def rows_by_label(sheet):
    return {sheet.cell(row, 1).value: row for row in range(4, sheet.max_row + 1)}


def cells(sheet, label, columns):
    row = rows_by_label(sheet)[label]
    return [sheet.cell(row, column).value for column in columns]


def test_the_complaints_sheets_follow_the_statistics_sheets(campaign):
    assert workbook_of(campaign).sheetnames[5:10] == SHEETS


def test_complaints_are_counted_by_region_and_channel(campaign, complaints):
    sheet = workbook_of(campaign)["投诉-地区×渠道"]
    assert [sheet.cell(3, c).value for c in range(1, 7)] == [
        "保监局（地区）",
        "信件",
        "来访",
        "电话（12378）",
        "网络",
        "合计",
    ]
    assert cells(sheet, "北京保监局", range(2, 7)) == [1, 0, 2, 0, 3]
    assert cells(sheet, "上海保监局", range(2, 7)) == [0, 0, 0, 1, 1]
    assert cells(sheet, "天津保监局", range(2, 7)) == [0, 0, 0, 0, 0]
    assert cells(sheet, "合计", range(2, 7)) == [1, 0, 2, 1, 4]


def test_complaints_are_counted_by_category(campaign, complaints):
    sheet = workbook_of(campaign)["投诉-类别"]
    assert cells(sheet, "理赔纠纷", range(2, 7)) == [0, 0, 2, 1, 3]
    assert cells(sheet, "销售纠纷", range(2, 7)) == [1, 0, 0, 0, 1]
    assert cells(sheet, "合计", range(2, 7)) == [1, 0, 2, 1, 4]


def test_complaints_are_counted_by_company_and_branch(campaign, complaints):
    sheet = workbook_of(campaign)["投诉-公司×险种"]
    assert [sheet.cell(3, c).value for c in range(1, 5)] == ["保险公司", "财产险", "人身险", "合计"]
    assert cells(sheet, "示例财产保险股份有限公司", range(2, 5)) == [2, 0, 2]
    assert cells(sheet, "示例人寿保险股份有限公司", range(2, 5)) == [0, 2, 2]
    assert cells(sheet, "合计", range(2, 5)) == [2, 2, 4]


def test_complaints_are_counted_by_month_and_channel(campaign, complaints):
    sheet = workbook_of(campaign)["投诉-月份×渠道"]
    assert list(rows_by_label(sheet))[:12] == [f"{month}月" for month in range(1, 13)]
    assert cells(sheet, "3月", range(2, 7)) == [0, 0, 2, 1, 3]
    assert cells(sheet, "5月", range(2, 7)) == [1, 0, 0, 0, 1]
    assert cells(sheet, "1月", range(2, 7)) == [0, 0, 0, 0, 0]


def test_overdue_complaints_and_incidents_are_counted_per_bureau(campaign, complaints):
    sheet = workbook_of(campaign)["投诉-超期与突发事件"]
    assert [sheet.cell(3, c).value for c in range(1, 8)] == [
        "保监局（地区）",
        "收到投诉",
        "超期未办结",
        "突发事件：群访群诉（E10）",
        "突发事件：越级上访（E11）",
        "突发事件：启动应急预案（E12）",
        "突发事件尚未处置完毕",
    ]
    assert cells(sheet, "北京保监局", range(2, 8)) == [3, 1, 1, 0, 0, 1]
    assert cells(sheet, "上海保监局", range(2, 8)) == [1, 0, 0, 1, 0, 1]
    assert cells(sheet, "合计", range(2, 8)) == [4, 1, 1, 1, 0, 2]
    assert "12378投诉系统记录的突发事件：群访群诉 1 起，越级上访 1 起，启动应急预案 0 次" in (
        sheet.cell(2, 1).value
    )


def test_no_complainant_detail_reaches_the_workbook(campaign, complaints):
    workbook = workbook_of(campaign)
    text = " ".join(
        str(cell)
        for title in SHEETS
        for row in workbook[title].iter_rows(values_only=True)
        for cell in row
        if cell is not None
    )
    assert "张三" not in text and "1381234" not in text and "理赔拖延" not in text


def test_the_workbook_builds_without_any_complaint(campaign):
    workbook = workbook_of(campaign)
    sheet = workbook["投诉-地区×渠道"]
    assert cells(sheet, "合计", range(2, 7)) == [0, 0, 0, 0, 0]
    assert "示例财产保险股份有限公司" not in rows_by_label(workbook["投诉-公司×险种"])
    assert cells(workbook["投诉-超期与突发事件"], "合计", range(2, 8)) == [0] * 6
