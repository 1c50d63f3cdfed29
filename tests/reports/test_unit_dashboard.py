"""A unit's dashboard: /reports/<year>/dashboard/ as a bureau, an insurer or the association
sees it: its own figures beside the national average of its kind, no other unit named."""

from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaign.models import Campaign, ExpectedUnit, Organisation

from ..html import Element
from .dashboard_units import (
    ASSOCIATION,
    BUREAU,
    INSURER,
    beijing_time,
    counted,
    insurers,
    national_scenario,
    put_report,
    sums,
    values_for,
)

pytestmark = pytest.mark.postgresql

URL = "/reports/2013/dashboard/"


@pytest.fixture(autouse=True)
def after_the_campaign(time_machine):
    time_machine.move_to(beijing_time(2013, 5, 2, 10))


@pytest.fixture
def scenario(campaign, head_office):
    return national_scenario(campaign, head_office)


def page(client, user):
    client.force_login(user)
    response = client.get(URL)
    assert response.status_code == 200
    return response, Element.parse(response.content.decode())


def figures(html):
    """code → (own, average) as the page prints them."""
    found = {}
    for row in html.find("own-figures").find_all("tr"):
        if row.get("id", "").startswith("own-"):
            cells = {
                cell["data-figure"]: cell.text
                for cell in row.find_all("td")
                if cell.get("data-figure")
            }
            found[row["id"][4:]] = (cells["own"], cells["average"])
    return found


def printed(value, decimals):
    if value is None:
        return "—"
    return f"{Decimal(value).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP):,f}"


def test_a_bureau_sees_its_figures_beside_the_national_average_of_bureaus(
    client, bureau_a, scenario
):
    reports, _last_year, _companies = scenario
    own = reports[0][2]  # beijing's
    totals, units = sums(reports, BUREAU), counted(reports, BUREAU)
    assert units == 3  # beijing, shanghai, shanxi; tianjin's draft and hebei's return do not count
    _response, html = page(client, bureau_a)
    shown = figures(html)
    assert set(shown) == set(own)
    for code, value in own.items():
        money = code == "A02"
        assert shown[code][0] == printed(value, 2 if money else 0), code
        assert shown[code][1] == printed(totals[code] / units, 2 if money else 1), code
    basis = html.find("average-basis").text
    assert (
        "3" in basis
        and str(ExpectedUnit.objects.filter(campaign__year=2013, organisation__kind=BUREAU).count())
        in basis
    )


def test_its_own_report_status_is_said(client, bureau_a, scenario):
    _response, html = page(client, bureau_a)
    status = html.find("own-status").text
    assert "已报送" in status


def test_a_draft_reports_stored_values_are_shown_and_said_not_to_count(client, scenario, campaign):
    from ..factories import UserFactory, organisation

    tianjin = UserFactory(username="tianjin", organisation=organisation("tianjin"))
    reports, _last_year, _companies = scenario
    _response, html = page(client, tianjin)
    shown = figures(html)
    assert shown["A01"][0] == printed(reports[2][2]["A01"], 0)
    assert "草稿" in html.find("own-status").text


def test_a_bureau_never_sees_another_units_name(client, bureau_a, scenario, campaign):
    _reports, _last_year, companies = scenario
    response, _html = page(client, bureau_a)
    text = response.content.decode()
    others = Organisation.objects.filter(kind__in=[BUREAU, INSURER, ASSOCIATION]).exclude(
        code="beijing"
    )
    named = [name for name in others.values_list("name_zh", flat=True) if name in text]
    assert named == []


def test_a_company_sees_its_figures_beside_the_average_of_insurers(
    client, scenario, campaign, head_office
):
    from campaign.models import User

    from ..factories import UserFactory

    reports, _last_year, companies = scenario
    values = values_for(campaign, INSURER, 30)
    put_report(
        campaign,
        companies[3],
        status="submitted",
        values=values,
        actor=head_office,
        submitted=beijing_time(2013, 4, 3, 9),
    )
    reports = [*reports, (INSURER, "submitted", values)]
    user = UserFactory(username="ins-1-staff", organisation=companies[1], role=User.Role.STAFF)
    totals, units = sums(reports, INSURER), counted(reports, INSURER)
    assert units == 3
    response, html = page(client, user)
    shown = figures(html)
    own = reports[6][2]
    assert shown["B01"] == (printed(own["B01"], 0), printed(totals["B01"] / units, 1))
    assert "F01" not in shown  # bureaus only
    text = response.content.decode()
    for other in (companies[0], companies[2], companies[3]):
        assert other.name_zh not in text
    assert "北京保监局" not in text


def test_the_association_is_its_kinds_only_unit(client, association, scenario):
    reports, _last_year, _companies = scenario
    _response, html = page(client, association)
    own = reports[8][2]
    shown = figures(html)
    assert shown["A01"] == (printed(own["A01"], 0), printed(own["A01"], 1))


def test_the_key_indicators_chart_compares_own_and_average(client, bureau_a, scenario):
    reports, _last_year, _companies = scenario
    totals, units = sums(reports, BUREAU), counted(reports, BUREAU)
    _response, html = page(client, bureau_a)
    chart = html.find("chart-key-indicators")
    rows = [
        [cell.text for cell in row.children if cell.tag in ("th", "td")]
        for row in chart.first("tbody").find_all("tr")
    ]
    own = reports[0][2]
    assert rows == [
        [name, str(own[code]), printed(round(totals[code] / units, 1), 1).removesuffix(".0")]
        for code, name in [
            ("B01", "进学校活动"),
            ("B03", "进农村活动"),
            ("B05", "进社区活动"),
            ("B07", "进机关活动"),
            ("B09", "进企业活动"),
        ]
    ]


def test_a_unit_that_has_not_started_sees_dashes_and_the_average(client, bureau_b, scenario):
    from ..factories import UserFactory, organisation

    jilin = UserFactory(username="jilin", organisation=organisation("jilin"))
    _response, html = page(client, jilin)
    shown = figures(html)
    assert shown["A01"][0] == "—" and shown["A01"][1] != "—"


def test_a_unit_the_campaign_does_not_expect_gets_a_plain_message(client, company_y, campaign):
    ExpectedUnit.objects.filter(organisation=company_y.organisation).delete()
    _response, html = page(client, company_y)
    assert html.find("not-expected") is not None
    assert html.find("own-figures") is None


def test_it_runs_the_same_queries_for_few_or_many_units(
    client, bureau_a, scenario, campaign, head_office, django_assert_num_queries
):
    client.force_login(bureau_a)
    with CaptureQueriesContext(connection) as few:
        assert client.get(URL).status_code == 200
    for n, insurer in enumerate(insurers([campaign], 60, prefix="more")):
        put_report(
            campaign,
            insurer,
            status="submitted",
            values=values_for(campaign, INSURER, n),
            actor=head_office,
            submitted=beijing_time(2013, 3, 10, 9),
        )
    with django_assert_num_queries(len(few)):
        assert client.get(URL).status_code == 200


# Who sees it.


@pytest.mark.parametrize("persona", ["bureau_a", "company_x", "association"])
def test_a_draft_campaigns_dashboard_is_not_found_for_units(client, campaign, persona, request):
    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.DRAFT)
    client.force_login(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 404


def test_the_hotline_does_not_see_it(client, hotline, campaign):
    client.force_login(hotline)
    assert client.get(URL).status_code == 404


def test_anonymous_is_sent_to_login(client, campaign):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_average_is_withheld_while_it_would_be_one_other_units_figures(
    client, campaign, bureau_a, head_office
):
    put_report(
        campaign,
        "shanghai",
        status="submitted",
        values=values_for(campaign, BUREAU, 3),
        actor=head_office,
        submitted=beijing_time(2013, 4, 1, 9),
    )
    put_report(
        campaign,
        "beijing",
        status="submitted",
        values=values_for(campaign, BUREAU, 1),
        actor=head_office,
        submitted=beijing_time(2013, 4, 1, 9),
    )
    _response, html = page(client, bureau_a)
    assert html.find("average-withheld") is not None
    assert {average for _own, average in figures(html).values()} == {"—"}
    put_report(
        campaign,
        "tianjin",
        status="submitted",
        values=values_for(campaign, BUREAU, 5),
        actor=head_office,
        submitted=beijing_time(2013, 4, 1, 9),
    )
    _response, html = page(client, bureau_a)
    assert html.find("average-withheld") is None
    assert figures(html)["A01"][1] != "—"
