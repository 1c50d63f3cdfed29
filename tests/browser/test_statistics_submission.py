"""A bureau's clerk logs an event and fills in the statistics form and submits it, and head
office approves it (issue 12), each logged in through the login page, in Chinese at 1366×768:
the clerk records a school event, adopts the figures the portal recorded (that event and two
logged before), types the rest and the reporting details, confirms the submission, and sees
the report submitted (late: the 2013 deadline has passed); head office finds it in the review
table, approves it, and the clerk then sees it approved and read-only."""

import datetime

import pytest

from campaign.models import Activity, StatisticsReport

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TYPED = {"A01": "86", "A02": "3.50", "E02": "2", "E04": "5", "E05": "1", "E01": "8", "E07": "8"}


def _confirm(page):
    with page.expect_navigation():
        page.locator("dialog[data-portal-confirm-dialog] [data-portal-confirm-ok]").click()


def test_a_clerk_submits_the_form_and_head_office_approves_it(
    page_as, campaign, bureau_a, head_office
):
    for people in (40, 50):
        Activity.objects.create(
            campaign=campaign,
            organisation=bureau_a.organisation,
            held_on=datetime.date(2013, 3, 12),
            kind=Activity.Kind.SCHOOL,
            place="北京市第一中学",
            people_reached=people,
            no_insurance_sold=True,
            recorded_by=bureau_a,
        )
    clerk = page_as(bureau_a)
    clerk.click("#portal-nav .dropdown-toggle:has-text('宣传活动')")
    clerk.click("#portal-nav a[href='/activities/']")
    clerk.click("main a[href='/activities/2013/new/']")
    clerk.fill("#id_held_on", "2013-03-15")
    clerk.select_option("#id_kind", label="进学校")
    clerk.fill("#id_place", "北京市第八中学")
    clerk.fill("#id_people_reached", "60")
    clerk.check("#id_no_insurance_sold")
    with clerk.expect_navigation():
        clerk.click("main form button[type=submit]")
    assert "已记录" in clerk.inner_text(".portal-messages")
    clerk.shot("statistics--0-event-logged")

    clerk.click("#portal-nav a[href='/statistics/']")
    assert clerk.url.endswith("/statistics/2013/beijing/")
    assert "草稿" in clerk.inner_text("main")

    # The events the bureau logged, adopted as they were recorded; the rest typed.
    clerk.get_by_role("button", name="全部采用系统记录：保险知识普及").click()
    assert clerk.input_value("#id_B01") == "3" and clerk.input_value("#id_B02") == "150"
    for code, value in TYPED.items():
        clerk.fill(f"#id_{code}", value)
    empty = clerk.locator(".portal-statistics-table input[id^='id_']").evaluate_all(
        "fields => fields.filter(field => !field.value).map(field => field.id)"
    )
    for field in empty:
        clerk.fill(f"#{field}", "0")
    clerk.click(".ql-editor")
    clerk.keyboard.type("全辖开展“保险知识进校园”活动3场，受众150人次。")
    clerk.fill("#id_filled_by", "王芳")
    clerk.fill("#id_contact_phone", "010-66286688")
    clerk.fill("#id_unit_head", "李明")
    clerk.check("#id_no_sales_confirmed")
    clerk.shot("statistics--1-filled-in")

    clerk.click("button[name=submit]")
    clerk.shot("statistics--2-confirm", full_page=False)
    _confirm(clerk)
    report = StatisticsReport.objects.get(organisation=bureau_a.organisation)
    assert report.status == "submitted" and report.is_late
    assert report.values.get(indicator__code="B02").value == 150
    message = clerk.inner_text(".portal-messages")
    assert "报送保监会" in message and "标记为逾期" in message
    status = clerk.inner_text(".portal-page-header")
    assert "已报送" in status and "逾期" in status
    assert not clerk.locator("button[name=submit]").count()
    clerk.shot("statistics--3-submitted")

    # Head office: the review table, Beijing's report, approved.
    reviewer = page_as(head_office)
    reviewer.click("#portal-nav a[href='/statistics/']")
    row = reviewer.locator("tr", has_text="北京保监局")
    assert "已报送" in row.inner_text()
    reviewer.shot("statistics--4-review-table")
    row.locator("a[href$='/beijing/review/']").click()
    assert "150" in reviewer.locator("tr", has_text="进学校受众").inner_text()
    assert "受众150人次" in reviewer.inner_text("main")
    reviewer.click("form[action$='/approve/'] button[type=submit]")
    _confirm(reviewer)
    assert "已审核通过" in reviewer.inner_text(".portal-page-header")
    reviewer.shot("statistics--5-approved")
    report.refresh_from_db()
    assert report.status == "approved"

    clerk.reload()
    assert "已审核通过" in clerk.inner_text(".portal-page-header")
    assert not clerk.locator(".portal-statistics-table input").count()
    clerk.shot("statistics--6-approved-read-only")
