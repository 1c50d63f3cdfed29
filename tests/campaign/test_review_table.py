"""Head office's table of every reporting unit: /statistics/<year>/review/."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaign.models import ExpectedUnit, Organisation, StatisticsReport, User
from campaign.services import statistics as service

from ..factories import (
    InsurerFactory,
    UserFactory,
    organisation,
    statistics_report,
    valid_values,
)

pytestmark = pytest.mark.postgresql

URL = "/statistics/2013/review/"
SHANGHAI = ZoneInfo("Asia/Shanghai")


def submit(report, actor, **changes):
    values = valid_values(report) | changes
    notes = {"E10-ALERT": "已妥善处置"} if changes.get("E10") else None
    service.save_report(
        actor=actor, report=report, values=values, notes=notes, expected_version=report.version
    )
    service.submit_report(actor=actor, report=report)
    report.refresh_from_db()
    return report


def units_on_page(response):
    return {unit.code: unit for unit in response.context["page"].object_list}


def reporting_unit_count():
    """The units the 2013 campaign expects."""
    return ExpectedUnit.objects.filter(campaign__year=2013).count()


@pytest.fixture(autouse=True)
def before_the_deadline(time_machine):
    time_machine.move_to(datetime.datetime(2013, 4, 8, 10, 0, tzinfo=SHANGHAI))


@pytest.fixture
def beijing_submitted(campaign, bureau_a):
    return submit(statistics_report(campaign, "beijing"), bureau_a)


def test_it_lists_every_unit_including_those_not_started(
    client, head_office, beijing_submitted, company_x
):
    client.force_login(head_office)
    response = client.get(URL)
    assert response.status_code == 200
    units = units_on_page(response)
    assert response.context["page"].paginator.count == reporting_unit_count()
    assert {"beijing", "shanghai", "iac", "demo-life"} <= set(units)
    assert "hq" not in units
    assert units["beijing"].campaign_reports[0].status == StatisticsReport.Status.SUBMITTED
    assert units["shanghai"].campaign_reports == []
    assert "/statistics/2013/beijing/review/" in response.content.decode()
    assert "/statistics/2013/shanghai/review/" not in response.content.decode()


def test_units_awaiting_review_come_first_then_bureaus_in_circs_order(
    client, head_office, campaign, bureau_b, company_x
):
    submit(statistics_report(campaign, "shanghai"), bureau_b)
    client.force_login(head_office)
    codes = [unit.code for unit in client.get(URL).context["page"].object_list]
    assert codes[0] == "shanghai"
    kinds = [Organisation.objects.get(code=code).kind for code in codes[1:]]
    assert kinds == sorted(kinds, key=list(Organisation.REPORTING_KINDS).index)
    bureaus = [code for code, kind in zip(codes[1:], kinds, strict=True) if kind == "bureau"]
    assert bureaus[:5] == ["beijing", "tianjin", "hebei", "shanxi", "neimenggu"]
    assert bureaus[-6:] == ["xinjiang", "dalian", "ningbo", "xiamen", "qingdao", "shenzhen"]


def test_it_filters_by_kind(client, head_office, campaign, company_x, company_y):
    client.force_login(head_office)
    units = units_on_page(client.get(URL, {"kind": "insurer"}))
    assert set(units) == {"demo-life", "demo-pc"}


def test_it_filters_by_status_including_not_started(
    client, head_office, campaign, beijing_submitted, bureau_b
):
    statistics_report(campaign, "shanghai")  # opened, still a draft
    client.force_login(head_office)
    assert set(units_on_page(client.get(URL, {"status": "submitted"}))) == {"beijing"}
    assert set(units_on_page(client.get(URL, {"status": "awaiting"}))) == {"beijing"}
    assert set(units_on_page(client.get(URL, {"status": "draft"}))) == {"shanghai"}
    not_started = client.get(URL, {"status": "not_started"})
    assert not_started.context["page"].paginator.count == reporting_unit_count() - 2
    assert not {"beijing", "shanghai"} & set(units_on_page(not_started))


def test_it_filters_late_reports_and_alerts(
    client, head_office, campaign, bureau_a, bureau_b, time_machine
):
    time_machine.move_to(datetime.datetime(2013, 4, 11, 9, 30, tzinfo=SHANGHAI), tick=False)
    submit(statistics_report(campaign, "beijing"), bureau_a)
    submit(statistics_report(campaign, "shanghai"), bureau_b, E10=Decimal(2))
    client.force_login(head_office)
    late = client.get(URL, {"late": "on"})
    assert set(units_on_page(late)) == {"beijing", "shanghai"}
    assert set(units_on_page(client.get(URL, {"alerts": "on"}))) == {"shanghai"}


def test_it_searches_code_and_name(client, head_office, campaign, company_x):
    client.force_login(head_office)
    assert set(units_on_page(client.get(URL, {"q": "demo-l"}))) == {"demo-life"}
    assert set(units_on_page(client.get(URL, {"q": "北京"}))) == {"beijing"}


def test_the_summary_counts_every_stage(client, head_office, campaign, bureau_a, bureau_b):
    beijing = submit(statistics_report(campaign, "beijing"), bureau_a)
    service.approve_report(actor=head_office, report=beijing)
    shanghai = submit(statistics_report(campaign, "shanghai"), bureau_b)
    service.return_report(actor=head_office, report=shanghai, comment="请核实")
    statistics_report(campaign, "tianjin")
    client.force_login(head_office)
    summary = client.get(URL, {"kind": "insurer"}).context["summary"]
    units = reporting_unit_count()
    assert summary == {
        "units": units,
        "submitted": 2,
        "awaiting": 0,
        "returned": 1,
        "approved": 1,
        "drafting": 1,
        "not_started": units - 3,
        "late": 0,
        "alerts": 0,
    }


def test_a_late_submission_shows_its_beijing_time_and_the_late_badge(
    client, head_office, campaign, bureau_a, time_machine
):
    time_machine.move_to(datetime.datetime(2013, 4, 11, 9, 30, tzinfo=SHANGHAI), tick=False)
    submit(statistics_report(campaign, "beijing"), bureau_a, E10=Decimal(1))
    client.force_login(head_office)
    client.cookies["django_language"] = "en"
    response = client.get(URL, {"q": "beijing"})
    row = response.content.decode().split("<tbody>")[1]
    assert "11 April 2013 09:30" in row
    assert "Late" in row
    assert "bi-bell" in row  # the alert badge
    assert units_on_page(response)["beijing"].campaign_reports[0].warning_count == 1


def test_a_unit_not_expected_is_listed_only_when_it_has_a_report(
    client, english, head_office, campaign
):
    InsurerFactory(code="not-licensed", expected=False)
    dropped = InsurerFactory(code="dropped", expected=False)
    StatisticsReport.objects.create(campaign=campaign, organisation=dropped)
    client.force_login(head_office)
    response = client.get(URL, {"kind": "insurer"})
    units = units_on_page(response)
    assert "not-licensed" not in units
    assert units["dropped"].is_expected is False
    assert "No longer expected to report" in response.content.decode()
    # Its draft counts nowhere: the campaign owes nothing to a unit it no longer expects.
    assert response.context["summary"]["units"] == reporting_unit_count()
    assert response.context["summary"]["drafting"] == 0


def test_an_inactive_unit_still_expected_is_listed_as_not_started(client, head_office, campaign):
    merged = InsurerFactory(code="merged")
    merged.is_active = False
    merged.save()
    client.force_login(head_office)
    response = client.get(URL, {"status": "not_started", "kind": "insurer"})
    assert "merged" in units_on_page(response)


def expect(campaign, insurers):
    ExpectedUnit.objects.bulk_create(
        ExpectedUnit(campaign=campaign, organisation=insurer) for insurer in insurers
    )


def test_it_pages_at_100_units(client, head_office, campaign):
    expect(
        campaign,
        Organisation.objects.bulk_create(
            Organisation(code=f"ins-{n:03}", kind="insurer", name_zh=f"示例保险{n}")
            for n in range(150)
        ),
    )
    client.force_login(head_office)
    page = client.get(URL).context["page"]
    assert len(page.object_list) == 100
    assert page.paginator.num_pages == 2


def _add_insurers_with_reports(campaign, numbers):
    """Insurers q-000 … with a submitted report for every other one."""
    insurers = Organisation.objects.bulk_create(
        Organisation(code=f"q-{n:03}", kind="insurer", name_zh=f"示例保险{n}") for n in numbers
    )
    expect(campaign, insurers)
    StatisticsReport.objects.bulk_create(
        StatisticsReport(
            campaign=campaign,
            organisation=insurer,
            status=StatisticsReport.Status.SUBMITTED,
            submitted_at=datetime.datetime(2013, 4, 9, tzinfo=SHANGHAI),
            warning_count=n % 3,
            has_alert=n % 7 == 0,
            is_late=n % 5 == 0,
        )
        for n, insurer in zip(numbers, insurers, strict=True)
        if n % 2
    )


def test_the_table_runs_the_same_queries_for_30_or_300_units(
    client, head_office, campaign, django_assert_num_queries
):
    client.force_login(head_office)
    _add_insurers_with_reports(campaign, range(30))
    with CaptureQueriesContext(connection) as thirty:
        assert client.get(URL).status_code == 200
    _add_insurers_with_reports(campaign, range(30, 300))
    with django_assert_num_queries(len(thirty)):
        response = client.get(URL)
    assert response.context["page"].paginator.count == reporting_unit_count()
    assert len(response.context["page"].object_list) == 100


@pytest.mark.parametrize("persona", ["bureau_a", "company_x", "association", "hotline"])
def test_only_head_office_sees_the_table(client, campaign, persona, request):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 403


def test_head_office_staff_who_do_not_review_see_it_too(client, campaign):
    staff = UserFactory(username="hq-staff", organisation=organisation("hq"), role=User.Role.STAFF)
    client.force_login(staff)
    assert client.get(URL).status_code == 200


def test_anonymous_is_sent_to_login(client, campaign):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_an_unknown_campaign_is_404(client, head_office, campaign):
    client.force_login(head_office)
    assert client.get("/statistics/2099/review/").status_code == 404
