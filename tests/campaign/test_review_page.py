"""Head office's review page of one report: /statistics/<year>/<code>/review/."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaign.models import (
    Campaign,
    Indicator,
    IndicatorValue,
    ReportAttachment,
    StatisticsReport,
    User,
)
from campaign.services import statistics as service
from campaign.services.tables import install_default_table

from ..factories import CampaignFactory, UserFactory, organisation, statistics_report, valid_values

URL = "/statistics/2013/beijing/review/"
SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture(autouse=True)
def before_the_deadline(time_machine):
    time_machine.move_to(datetime.datetime(2013, 4, 8, 10, 0, tzinfo=SHANGHAI))


@pytest.fixture
def report(campaign, bureau_a):
    report = statistics_report(campaign, "beijing")
    service.save_report(
        actor=bureau_a,
        report=report,
        values=valid_values(report) | {"B02": Decimal(5)},  # fewer people than events: a warning
        notes={"B02-AUDIENCE": "部分活动为线上宣讲"},
        summary="<p>活动<strong>成效</strong>显著</p>",
        expected_version=0,
    )
    service.submit_report(actor=bureau_a, report=report)
    report.refresh_from_db()
    return report


@pytest.fixture
def last_campaign(bureau_a):
    """Beijing's 2012 report, to compare with."""
    campaign = CampaignFactory(
        year=2012,
        status=Campaign.Status.OPEN,
        period_start=datetime.date(2012, 3, 1),
        period_end=datetime.date(2012, 3, 31),
        deadline=datetime.date(2012, 4, 10),
    )
    install_default_table(campaign)
    report = statistics_report(campaign, "beijing")
    service.save_report(
        actor=bureau_a,
        report=report,
        values={"A01": Decimal(8), "A02": Decimal("20.00"), "B01": Decimal(10)},
        expected_version=0,
    )
    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.CLOSED)
    return report


def rows_by_code(response):
    return {
        row["indicator"].code: row
        for section in response.context["sections"]
        for row in section["rows"]
    }


def test_it_shows_the_values_by_section(client, head_office, report):
    client.force_login(head_office)
    response = client.get(URL)
    assert response.status_code == 200
    sections = response.context["sections"]
    assert [block["section"].code for block in sections] == list("ABCDEFG")
    rows = rows_by_code(response)
    assert rows["E01"]["value"] == "50"
    assert rows["A02"]["value"] == "12.50"
    assert rows["B02"]["value"] == "5"
    page = response.content.decode()
    assert "接收投诉" in page
    assert 'id="indicator-F03"' in page


def test_it_compares_with_the_units_previous_campaign(client, head_office, last_campaign, report):
    client.force_login(head_office)
    response = client.get(URL)
    rows = rows_by_code(response)
    assert (rows["A01"]["previous"], rows["A01"]["difference"]) == ("8", "+2")
    assert (rows["A02"]["previous"], rows["A02"]["difference"]) == ("20.00", "-7.50")
    assert (rows["B01"]["previous"], rows["B01"]["difference"]) == ("10", "0")
    assert (rows["E01"]["previous"], rows["E01"]["difference"]) == ("", "")
    assert response.context["has_previous"]


def test_without_a_previous_campaign_nothing_is_compared(client, head_office, report):
    client.force_login(head_office)
    response = client.get(URL)
    assert not response.context["has_previous"]
    assert rows_by_code(response)["A01"]["difference"] == ""


def test_it_shows_each_warning_with_the_units_note(client, head_office, report):
    client.force_login(head_office)
    response = client.get(URL)
    assert [(f.key, note) for f, note in response.context["warnings"]] == [
        ("B02-AUDIENCE", "部分活动为线上宣讲")
    ]
    assert response.context["errors"] == []
    assert "部分活动为线上宣讲" in response.content.decode()
    assert [f.key for f in rows_by_code(response)["B02"]["findings"]] == ["B02-AUDIENCE"]


def test_it_shows_what_changed_since_head_office_returned_it(client, head_office, bureau_a, report):
    service.return_report(
        actor=head_office,
        report=report,
        comment="请核实进学校受众人数",
        indicator_comments={"B02": "受众少于场次"},
    )
    report.refresh_from_db()
    service.save_report(
        actor=bureau_a,
        report=report,
        values={"B02": Decimal(300), "B04": Decimal(12)},
        notes={},
        expected_version=report.version,
    )
    service.submit_report(actor=bureau_a, report=report)
    client.force_login(head_office)
    response = client.get(URL)
    changes = [
        (i.code, before, after) for i, before, after in response.context["changes_since_return"]
    ]
    assert changes == [("B02", "5", "300"), ("B04", "10", "12")]
    rows = rows_by_code(response)
    assert rows["B02"]["changed"] and rows["B02"]["returned_value"] == "5"
    assert not rows["B01"]["changed"]
    page = response.content.decode()
    assert 'class="table-info" id="indicator-B02"' in page
    assert 'id="changes"' in page
    assert "请核实进学校受众人数" in page


def test_a_resubmission_without_changes_says_so(client, head_office, bureau_a, report):
    service.return_report(actor=head_office, report=report, comment="请补充总结材料")
    service.submit_report(actor=bureau_a, report=report)
    client.force_login(head_office)
    response = client.get(URL)
    assert response.context["last_return"].comment == "请补充总结材料"
    assert response.context["changes_since_return"] == []
    assert 'id="changes"' in response.content.decode()


def test_the_timeline_shows_every_step_with_who_and_the_pinned_comments(
    client, head_office, bureau_a, report
):
    service.return_report(
        actor=head_office, report=report, comment="请核实", indicator_comments={"B02": "偏低"}
    )
    service.submit_report(actor=bureau_a, report=report)
    client.force_login(head_office)
    response = client.get(URL)
    timeline = response.context["timeline"]
    assert [(step.action, step.actor.username) for step in timeline] == [
        ("submit", "beijing"),
        ("return", "hq"),
        ("submit", "beijing"),
    ]
    page = response.content.decode()
    assert "2013年4月8日 10:00" in page
    assert "偏低" in page


def test_the_summary_is_shown_as_formatted_text_and_the_attachments_listed(
    client, head_office, bureau_a, report
):
    ReportAttachment.objects.create(
        report=report,
        file="statistics/2013/beijing/summary.pdf",
        original_name="北京局活动总结.pdf",
        content_type="application/pdf",
        size=2048,
        uploaded_by=bureau_a,
    )
    client.force_login(head_office)
    page = client.get(URL).content.decode()
    assert "<p>活动<strong>成效</strong>显著</p>" in page
    assert "北京局活动总结.pdf" in page


def test_a_reviewer_gets_approve_and_return_on_a_submitted_report(client, head_office, report):
    client.force_login(head_office)
    page = client.get(URL).content.decode()
    assert 'action="/statistics/2013/beijing/approve/"' in page
    assert 'action="/statistics/2013/beijing/return/"' in page
    assert 'name="B02" form="return-form"' in page or 'form="return-form" name="B02"' in page
    assert "/reopen/" not in page


def test_a_reviewer_gets_reopen_on_an_approved_report(client, head_office, report):
    service.approve_report(actor=head_office, report=report)
    client.force_login(head_office)
    page = client.get(URL).content.decode()
    assert 'action="/statistics/2013/beijing/reopen/"' in page
    assert "/approve/" not in page
    assert "/return/" not in page


def test_head_office_staff_who_do_not_review_read_it_without_actions(client, campaign, report):
    staff = UserFactory(username="hq-staff", organisation=organisation("hq"), role=User.Role.STAFF)
    client.force_login(staff)
    response = client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "/approve/" not in page
    assert "/return/" not in page


def test_the_page_runs_the_same_queries_whatever_the_number_of_indicators(
    client, head_office, bureau_a, report, django_assert_num_queries
):
    service.return_report(
        actor=head_office, report=report, comment="请核实", indicator_comments={"B02": "偏低"}
    )
    service.submit_report(actor=bureau_a, report=report)
    client.force_login(head_office)
    with CaptureQueriesContext(connection) as before:
        client.get(URL)
    section = report.campaign.sections.get(code="G")
    extra = Indicator.objects.bulk_create(
        Indicator(
            campaign=report.campaign,
            section=section,
            code=f"G{n:02}",
            name_zh=f"新增指标{n}",
            unit_zh="个",
            position=100 + n,
        )
        for n in range(10, 70)
    )
    IndicatorValue.objects.bulk_create(
        IndicatorValue(report=report, indicator=indicator, value=Decimal(1)) for indicator in extra
    )
    with django_assert_num_queries(len(before)):
        response = client.get(URL)
    assert "G69" in rows_by_code(response)


@pytest.mark.parametrize("persona", ["bureau_a", "bureau_b", "company_x", "association", "hotline"])
def test_nobody_but_head_office_finds_the_page(client, persona, request, report):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 404


def test_anonymous_is_sent_to_login(client, report):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_unit_without_a_report_has_no_review_page(client, head_office, campaign):
    client.force_login(head_office)
    assert client.get("/statistics/2013/shanghai/review/").status_code == 404
    assert not StatisticsReport.objects.filter(organisation__code="shanghai").exists()


def test_a_draft_can_be_read_but_there_is_nothing_to_decide(client, head_office, campaign):
    statistics_report(campaign, "shanghai")
    client.force_login(head_office)
    response = client.get("/statistics/2013/shanghai/review/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "/approve/" not in page
    assert "/reopen/" not in page
    assert 'form="return-form"' not in page
