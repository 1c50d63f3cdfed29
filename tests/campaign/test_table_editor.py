"""Head office's page of a campaign's statistics table."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaign.models import Campaign, IndicatorValue
from campaign.services import tables as table_services

from ..factories import statistics_report


def enter(campaign, unit, **values):
    report = statistics_report(campaign, unit)
    for code, value in values.items():
        IndicatorValue.objects.create(
            report=report, indicator=campaign.indicators.get(code=code), value=Decimal(value)
        )


def test_it_lists_the_table_by_section_with_value_counts(client, head_office, campaign):
    enter(campaign, "beijing", A01=5, E01=4)
    enter(campaign, "shanghai", A01=7)
    client.force_login(head_office)
    response = client.get("/campaigns/2013/table/")
    sections = response.context["sections"]
    assert [s.code for s in sections] == ["A", "B", "C", "D", "E", "F", "G"]
    assert [i.code for i in sections[0].indicator_list] == ["A01", "A02", "A03"]
    counts = {i.code: i.value_count for s in sections for i in s.indicator_list}
    assert (counts["A01"], counts["E01"], counts["B01"]) == (2, 1, 0)
    assert sum(len(s.indicator_list) for s in sections) == 48
    page = response.content.decode()
    assert 'id="indicator-E06"' in page
    assert "12378热线实际接听来电" in page


def test_it_shows_the_rules_in_words(client, head_office, campaign):
    client.force_login(head_office)
    response = client.get("/campaigns/2013/table/")
    checks = {rule.code: rule.check for rule in response.context["rules"]}
    assert checks["E01-SUM"] == "E01 = E02 + E03 + E04 + E05 + E13"
    assert checks["E07-MAX"] == "E07 ≤ E01"
    assert checks["B02-AUDIENCE"] == "B02 ≥ B01"
    assert checks["E10-ALERT"] == "E10 = 0"
    assert checks["D02-LIMIT"] == "D02 ≤ 10"
    d02 = next(rule for rule in response.context["rules"] if rule.code == "D02-LIMIT")
    assert (d02.for_bureau, d02.for_insurer, d02.for_association) == (True, False, False)
    assert "E01 = E02 + E03 + E04 + E05 + E13" in response.content.decode()


def test_it_describes_the_rules_instead_of_showing_their_codes(
    client, english, head_office, campaign
):
    client.force_login(head_office)
    response = client.get("/campaigns/2013/table/")
    described = {rule.code: rule.description for rule in response.context["rules"]}
    assert described["E01-SUM"] == "E01 equals the sum of E02 + E03 + E04 + E05 + E13"
    assert described["E07-MAX"] == "E07 is not more than E01"
    assert described["E10-ALERT"] == "E10 is expected to be zero"
    assert described["OUTLIER"] == (
        "every indicator: more than 3 times the unit's value last campaign is unusual"
    )
    page = response.content.decode()
    assert "E01 equals the sum of E02 + E03 + E04 + E05 + E13" in page
    assert "E01-SUM" not in page and "OUTLIER" not in page


def test_a_retired_indicator_is_listed_with_a_badge(client, head_office, campaign):
    table_services.retire_indicator(
        actor=head_office, indicator=campaign.indicators.get(code="E06")
    )
    client.force_login(head_office)
    response = client.get("/campaigns/2013/table/")
    page = response.content.decode()
    assert 'action="/campaigns/2013/table/indicators/E06/restore/"' in page
    assert 'action="/campaigns/2013/table/indicators/E06/retire/"' not in page
    e06 = next(i for s in response.context["sections"] for i in s.indicator_list if i.code == "E06")
    assert e06.is_retired


def test_the_page_runs_a_constant_number_of_queries(client, head_office, campaign):
    client.force_login(head_office)
    with CaptureQueriesContext(connection) as small:
        client.get("/campaigns/2013/table/")
    for unit in ["beijing", "shanghai", "tianjin", "iac"]:
        enter(campaign, unit, A01=1, A02=2, B01=3, E01=4, G02=5)
    section = campaign.sections.get(code="G")
    for n in range(10):
        table_services.add_indicator(
            actor=head_office,
            campaign=campaign,
            section=section,
            code=f"G{n + 10}",
            name_zh=f"新指标{n}",
            unit_zh="个",
        )
    with CaptureQueriesContext(connection) as large:
        response = client.get("/campaigns/2013/table/")
    assert sum(len(s.indicator_list) for s in response.context["sections"]) == 58
    assert len(large) == len(small)
    assert len(large) <= 10


def test_a_closed_campaigns_table_is_shown_without_edit_buttons(client, head_office, campaign):
    campaign.status = Campaign.Status.CLOSED
    campaign.save()
    client.force_login(head_office)
    response = client.get("/campaigns/2013/table/")
    assert response.context["editable"] is False
    page = response.content.decode()
    assert "/table/indicators/new/" not in page
    assert "/retire/" not in page
    assert "参与活动人员" in page


@pytest.mark.parametrize("persona", ["bureau_a", "company_x", "association", "hotline"])
def test_only_head_office_sees_the_table_editor(client, as_persona, campaign, persona):
    as_persona(persona)
    assert client.get("/campaigns/2013/table/").status_code == 403


def test_a_bureau_gets_not_found_for_a_draft_campaigns_table(
    client, head_office, bureau_a, campaign
):
    campaign.status = Campaign.Status.DRAFT
    campaign.save()
    client.force_login(bureau_a)
    assert client.get("/campaigns/2013/table/").status_code == 404


def test_anonymous_is_sent_to_log_in(client, campaign):
    response = client.get("/campaigns/2013/table/")
    assert response["Location"].startswith("/accounts/login/")
