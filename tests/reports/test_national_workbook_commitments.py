"""The national workbook's commitments sheet (服务承诺): per insurer the campaign expects,
whether it has published, its published items per stage, its changes since last year (the
year-over-year page's rules) and how often it kept its promises in the year's complaints,
with a 合计 row, in Chinese."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from commitments.models import CommitmentKind, PromiseRecord
from reports.documents.commitment_sheets import CommitmentsSheet
from reports.documents.workbook import build_national_workbook
from reports.selectors.figures import national_figures
from tests.commitments.years import promise
from tests.factories import CampaignFactory, InsurerFactory, UserFactory

pytestmark = [pytest.mark.usefixtures("measured_kinds"), pytest.mark.postgresql]

HEADINGS = ["销售", "售后", "理赔", "合计", "较上年收紧", "较上年放宽", "新增", "取消"]
KEPT_HEADINGS = ["客户投诉立案受理", "赔款支付"]


@pytest.fixture
def last_year(campaign):
    return CampaignFactory(
        year=2012,
        period_start=datetime.date(2012, 3, 1),
        period_end=datetime.date(2012, 3, 31),
        deadline=datetime.date(2012, 4, 10),
    )


@pytest.fixture
def published(campaign, last_year, company_x, company_y):
    """Company X: 2012 and 2013 commitments, one of each change; company Y: none."""
    x = company_x
    promise(x, last_year, "claim_payment", (3, "days"))
    promise(x, last_year, "liability_decision", (10, "days"))
    promise(x, last_year, "complaint_acceptance", (7, "days"))
    promise(x, last_year, "return_visit", (15, "days"))
    promise(x, campaign, "claim_payment", (48, "hours"))  # tightened
    promise(x, campaign, "liability_decision", (15, "days"), loosening_reason="大灾")  # loosened
    # 5 working days take 5 to 13 days in 2013: longer than 7 days on some days.
    promise(x, campaign, "complaint_acceptance", (5, "working_days"), loosening_reason="节假日")
    promise(x, campaign, "call_hours", (9, 18))  # new, sales
    promise(x, campaign, "information_security", publish=False)  # a draft: not counted
    return campaign


def sheet_of(campaign):
    content = build_national_workbook(national_figures(campaign))
    return load_workbook(io.BytesIO(content))["服务承诺"]


def rows_by_name(sheet, columns=range(2, 11)):
    return {
        sheet.cell(row, 1).value: [sheet.cell(row, column).value for column in columns]
        for row in range(5, sheet.max_row + 1)
    }


def test_each_insurer_has_its_items_per_stage_and_changes_since_last_year(published):
    sheet = sheet_of(published)

    assert [sheet.cell(4, column).value for column in range(3, 11)] == HEADINGS
    rows = rows_by_name(sheet)
    # 1 sales, 1 after-sales, 2 claims; tightened 1, loosened 2 (one on some days), new 1,
    # dropped 1 (the return visit).
    assert rows["示例人寿保险股份有限公司"] == ["已公开", 1, 1, 2, 4, 1, 2, 1, 1]
    assert rows["示例财产保险股份有限公司"] == ["未公开", 0, 0, 0, 0, 0, 0, 0, 0]


def test_each_insurer_has_its_share_of_promises_kept_in_the_years_complaints(
    published, company_x, company_y
):
    kind = {kind.code: kind for kind in CommitmentKind.objects.all()}
    x, y = company_x.organisation, company_y.organisation
    kept = {"year": 2013, "measured_at": timezone.now()}
    PromiseRecord.objects.create(company=x, kind=kind["claim_payment"], kept=199, broken=1, **kept)
    PromiseRecord.objects.create(company=y, kind=kind["claim_payment"], kept=0, broken=2, **kept)
    PromiseRecord.objects.create(company=x, kind=kind["complaint_acceptance"], kept=3, **kept)
    # Another year's complaints are not this campaign's.
    PromiseRecord.objects.create(company=x, kind=kind["claim_payment"], **{**kept, "year": 2012})

    sheet = sheet_of(published)

    assert [sheet.cell(4, column).value for column in (11, 12)] == KEPT_HEADINGS
    assert sheet.cell(3, 11).value == "承诺兑现率（按本公司承诺）"
    rows = rows_by_name(sheet, columns=(11, 12))
    # 199 of 200 is 99.5%, never rounded up to 100%.
    assert rows["示例人寿保险股份有限公司"] == [1.0, 0.995]
    assert rows["示例财产保险股份有限公司"] == [None, 0.0]
    assert rows["合计"] == [1.0, 0.985]  # 199 of 202
    assert sheet.cell(5, 12).number_format == "0.0%"
    assert "承诺兑现率" in sheet["A2"].value


def test_the_total_row_sums_the_insurers_and_counts_those_that_published(published, db):
    other = UserFactory(username="other", organisation=InsurerFactory(code="other"))
    promise(other, published, "claim_payment", (5, "days"))

    rows = rows_by_name(sheet_of(published))

    insurers = len(rows) - 1
    assert rows["合计"] == [f"2/{insurers} 家", 1, 1, 3, 5, 1, 2, 2, 1]


def test_it_says_how_changes_are_counted_and_which_year_is_last_year(published):
    subtitle = sheet_of(published)["A2"].value

    assert "上年为2012年活动在该年末有效的承诺" in subtitle
    assert "部分日期长于上年的计入放宽" in subtitle


def test_without_a_previous_campaign_every_published_item_is_new(campaign, company_x):
    promise(company_x, campaign, "claim_payment", (5, "days"))

    sheet = sheet_of(campaign)

    assert rows_by_name(sheet)["示例人寿保险股份有限公司"] == ["已公开", 0, 0, 1, 1, 0, 0, 1, 0]
    assert "无上年活动可比" in sheet["A2"].value


def test_a_company_name_that_looks_like_a_formula_is_written_as_text(campaign):
    InsurerFactory(code="evil", name_zh='=HYPERLINK("http://evil.example","点此")')

    sheet = sheet_of(campaign)

    names = [sheet.cell(row, 1).value for row in range(5, sheet.max_row + 1)]
    assert '=HYPERLINK("http://evil.example","点此")' in names
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def _sheet_queries(campaign):
    figures = national_figures(campaign)
    with CaptureQueriesContext(connection) as queries:
        list(CommitmentsSheet(figures).rows())
    return len(queries)


def test_its_queries_do_not_grow_with_the_insurers_or_commitments(published, last_year):
    few = _sheet_queries(published)
    for n in range(6):
        user = UserFactory(username=f"many-{n}", organisation=InsurerFactory(code=f"many-{n}"))
        promise(user, last_year, "claim_payment", (5, "days"))
        promise(user, published, "claim_payment", (3, "days"))
        promise(user, published, "return_visit", (10, "days"))

    # The companies' counts, the previous campaign, the calendar, both years' commitments, the
    # measured kinds and the year's records of promises kept.
    assert _sheet_queries(published) == few == 7
