"""Head office's dashboard: /reports/<year>/dashboard/ as head office sees it."""

import datetime
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.formats import date_format

from campaign.models import Campaign, ExpectedUnit, Organisation, User

from ..factories import UserFactory, organisation
from ..html import Element
from .dashboard_units import (
    ASSOCIATION,
    BUREAU,
    INSURER,
    beijing_time,
    insurers,
    national_scenario,
    put_report,
    sums,
    values_for,
)

pytestmark = pytest.mark.postgresql

URL = "/reports/2013/dashboard/"
KINDS = [BUREAU, INSURER, ASSOCIATION]


@pytest.fixture(autouse=True)
def after_the_campaign(time_machine):
    time_machine.move_to(beijing_time(2013, 5, 2, 10))


@pytest.fixture
def scenario(campaign, head_office):
    return national_scenario(campaign, head_office)


def page(client, user, url=URL):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return Element.parse(response.content.decode())


def number(text):
    """A figure as the page prints it (1,234.50, +12, -3.5%, —) as a Decimal, or None."""
    text = text.replace(",", "").replace("%", "").replace("+", "").strip()
    return None if text in ("—", "") else Decimal(text)


def table_rows(element):
    """The rows of a table's body: [(heading cell text, [other cells' text])]."""
    rows = []
    for row in element.first("tbody").find_all("tr"):
        cells = [cell for cell in row.children if cell.tag in ("th", "td")]
        rows.append((cells[0].text, [cell.text for cell in cells[1:]]))
    return rows


def expected_units(kind):
    return ExpectedUnit.objects.filter(campaign__year=2013, organisation__kind=kind).count()


def test_it_counts_each_kinds_units_by_state(client, head_office, scenario):
    html = page(client, head_office)
    rows = dict(table_rows(html.find("chart-completeness")))
    # Expected, on time, late, missing, awaiting review, approved.
    assert rows["保监局"] == [
        str(expected_units(BUREAU)),
        "2",
        "1",
        str(expected_units(BUREAU) - 3),
        "2",
        "1",
    ]
    assert rows["保险公司"] == ["4", "2", "0", "2", "1", "1"]
    assert rows["行业协会"] == ["1", "1", "0", "0", "1", "0"]
    headline = html.find("dashboard-headline").text
    counted, expected = 6, expected_units(BUREAU) + 4 + 1
    assert f"{counted}" in headline and f"{expected}" in headline


def test_national_totals_are_the_sums_of_the_counted_reports_beside_last_years(
    client, head_office, scenario
):
    reports, last_year, _companies = scenario
    html = page(client, head_office)
    checked = 0
    for kind in KINDS:
        this_totals, last_totals = sums(reports, kind), sums(last_year, kind)
        for code, total in this_totals.items():
            row = html.find(f"total-{code}")
            cells = {
                cell["data-figure"]: number(cell.text)
                for cell in row.find_all("td", **{"data-kind": kind})
                if cell.get("data-figure")
            }
            assert cells["this_year"] == total, (kind, code)
            before = last_totals.get(code)
            assert cells["last_year"] == before, (kind, code)
            if before is None:
                assert cells["change"] is None and cells["percent"] is None
                continue
            assert cells["change"] == total - before, (kind, code)
            if before:
                expected = ((total - before) / before * 100).quantize(Decimal("0.1"), ROUND_HALF_UP)
                assert abs(cells["percent"]) == abs(expected), (kind, code)
            else:
                assert cells["percent"] is None, (kind, code)
            checked += 1
    assert checked > 100


def test_a_figure_only_one_kind_fills_leaves_the_others_empty(client, head_office, scenario):
    row = Element.parse((client.force_login(head_office) or client.get(URL)).content.decode()).find(
        "total-F01"
    )  # 召开社会监督员座谈会: bureaus only
    cells = {cell["data-kind"]: cell for cell in row.find_all("td") if cell.get("data-kind")}
    assert cells[BUREAU].text != ""
    assert cells[INSURER].text == "" and cells[ASSOCIATION].text == ""


def test_the_progress_chart_counts_first_submissions_by_beijing_day(client, head_office, scenario):
    html = page(client, head_office)
    with translation.override("zh-hans"):
        day = lambda *date: date_format(datetime.date(*date), "MONTH_DAY_FORMAT")  # noqa: E731
    rows = dict(table_rows(html.find("chart-progress")))
    target = str(expected_units(BUREAU) + 4 + 1)
    # From the period's start (1 March) past the deadline: the campaign is still open, so
    # to today, as late reports may still come in.
    labels = [label for label, _values in table_rows(html.find("chart-progress"))]
    assert labels[0] == day(2013, 3, 1) and labels[-1] == day(2013, 5, 2)
    assert rows[day(2013, 3, 4)] == ["0", target]
    # beijing at 23:30 on 5 March Beijing time (15:30 UTC): 5 March.
    assert rows[day(2013, 3, 5)] == ["1", target]
    # hebei at 00:30 on 6 March Beijing time (still 5 March in UTC), shanxi at 10:00; hebei
    # was since returned, and shanxi's resubmission on 20 March is not a second unit.
    assert rows[day(2013, 3, 6)] == ["3", target]
    assert rows[day(2013, 3, 20)] == ["3", target]
    assert rows[day(2013, 4, 1)] == ["4", target]
    assert rows[day(2013, 4, 2)] == ["5", target]
    assert rows[day(2013, 4, 9)] == ["6", target]
    assert rows[day(2013, 4, 10)] == ["6", target]
    assert rows[day(2013, 4, 11)] == ["7", target]
    assert rows[day(2013, 5, 2)] == ["7", target]
    deadline = html.find("progress-deadline").text
    assert "6" in deadline and "7" in deadline and target in deadline


def test_a_closed_campaigns_chart_ends_at_its_last_late_submission(
    client, head_office, scenario, campaign
):
    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.CLOSED)
    rows = table_rows(page(client, head_office).find("chart-progress"))
    with translation.override("zh-hans"):
        assert rows[-1][0] == date_format(datetime.date(2013, 4, 11), "MONTH_DAY_FORMAT")
    assert rows[-1][1][0] == "7"


def test_a_campaign_left_open_is_followed_for_60_days_after_its_deadline(
    client, head_office, scenario, time_machine
):
    time_machine.move_to(beijing_time(2014, 1, 5, 10))
    rows = table_rows(page(client, head_office).find("chart-progress"))
    with translation.override("zh-hans"):
        assert rows[-1][0] == date_format(datetime.date(2013, 6, 9), "MONTH_DAY_FORMAT")
    assert rows[-1][1][0] == "7"


def test_days_still_to_come_have_no_count_yet(client, head_office, campaign, time_machine):
    time_machine.move_to(beijing_time(2013, 3, 10, 12))
    put_report(
        campaign,
        "beijing",
        status="submitted",
        values={},
        actor=head_office,
        submitted=beijing_time(2013, 3, 8, 9),
    )
    rows = table_rows(page(client, head_office).find("chart-progress"))
    counts = [values[0] for _label, values in rows]
    assert counts[:10] == ["0"] * 7 + ["1", "1", "1"]  # 1 to 10 March
    assert set(counts[10:]) == {"—"}  # 11 March to the deadline
    assert len(rows) == 41


def test_units_with_warnings_or_alerts_and_incidents_link_to_their_review(
    client, head_office, scenario
):
    _reports, _last_year, companies = scenario
    html = page(client, head_office)
    warned = html.find("warned-units")
    names = [row.first("th").text for row in warned.first("tbody").find_all("tr")]
    # In CIRC's order: bureaus (山西 before 上海), insurers, the association.
    assert names == ["山西保监局", "上海保监局", companies[1].name_zh, "中国保险行业协会"]
    assert "/statistics/2013/shanxi/review/" in warned.links
    assert f"/statistics/2013/{companies[1].code}/review/" in warned.links
    incidents = html.find("incidents")
    assert [row.text for row in incidents.first("tbody").find_all("tr")] == [
        f"{companies[1].name_zh} E10 群访群诉事件 2"
    ]
    assert incidents.links == [f"/statistics/2013/{companies[1].code}/review/"]


def test_it_links_to_the_review_table_and_the_national_report(client, head_office, scenario):
    html = page(client, head_office)
    assert html.find("review-link")["href"] == "/statistics/2013/review/"
    try:
        national = reverse("national_report", args=[2013])
    except NoReverseMatch:  # the national report's page comes with the runs' branch
        assert html.find("national-report-link") is None
    else:
        assert html.find("national-report-link")["href"] == national


def test_without_an_earlier_campaign_it_says_so(client, head_office, campaign):
    put_report(
        campaign,
        "beijing",
        status="approved",
        values=values_for(campaign, BUREAU, 1),
        actor=head_office,
        submitted=beijing_time(2013, 4, 1, 9),
    )
    html = page(client, head_office)
    assert "no earlier campaign" in html.find("totals").text or "没有" in html.find("totals").text
    cells = [
        cell
        for cell in html.find("total-A01").find_all("td")
        if cell.get("data-figure") == "last_year"
    ]
    assert {cell.text for cell in cells} == {"—"}


def _more_units(campaign, actor, count, prefix):
    for n, insurer in enumerate(insurers([campaign], count, prefix=prefix)):
        put_report(
            campaign,
            insurer,
            status="submitted",
            values=values_for(campaign, INSURER, n),
            actor=actor,
            submitted=beijing_time(2013, 3, 10 + n % 20, 9),
            warning_count=n % 2,
            has_alert=n % 3 == 0,
        )


def test_it_runs_the_same_queries_for_few_or_many_units(
    client, head_office, scenario, campaign, django_assert_num_queries
):
    client.force_login(head_office)
    with CaptureQueriesContext(connection) as few:
        assert client.get(URL).status_code == 200
    _more_units(campaign, head_office, 60, "more")
    with django_assert_num_queries(len(few)):
        response = client.get(URL)
    assert len(response.context["dashboard"].warned_units) > 30


def test_it_counts_237_units(client, head_office, campaign):
    """Its time is measured by bench/national_report.py, not here."""
    _more_units(campaign, head_office, 200, "big")
    for n, bureau in enumerate(Organisation.objects.filter(kind=BUREAU)):
        put_report(
            campaign,
            bureau,
            status="approved",
            values=values_for(campaign, BUREAU, n),
            actor=head_office,
            submitted=beijing_time(2013, 4, 1, 9),
        )
    client.force_login(head_office)
    response = client.get(URL)
    assert response.status_code == 200
    assert response.context["dashboard"].counted == 236


# Who sees it.


def test_head_office_staff_who_do_not_review_see_it_too(client, campaign):
    staff = UserFactory(username="hq-staff", organisation=organisation("hq"), role=User.Role.STAFF)
    html = page(client, staff)
    assert html.find("chart-completeness") is not None


def test_head_office_sees_a_draft_campaigns_dashboard(client, head_office, campaign):
    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.DRAFT)
    assert page(client, head_office).find("chart-completeness") is not None


def test_the_hotline_does_not_see_it(client, hotline, campaign):
    client.force_login(hotline)
    assert client.get(URL).status_code == 404


def test_anonymous_is_sent_to_login(client, campaign):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_an_unknown_campaign_is_404(client, head_office, campaign):
    client.force_login(head_office)
    assert client.get("/reports/2099/dashboard/").status_code == 404
