"""reports.selectors.figures: which reports count in the national figures, and their sums
equal what a reader adds up by hand from the values the units entered."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reports.selectors.figures import national_figures, unit_values

from ..factories import InsurerFactory, organisation, statistics_report
from . import national
from .national import COUNTED_BY_KIND, Scenario

pytestmark = pytest.mark.postgresql


@pytest.fixture
def scenario(campaign, head_office, time_machine):
    return Scenario(campaign, head_office, time_machine)


def test_submitted_and_approved_reports_count_and_the_others_are_missing(scenario):
    figures = national_figures(scenario.campaign)
    counted = {unit.code for unit in figures.units if unit.is_counted}
    assert counted == {"beijing", "shanghai", "hostile", "approved-life", "iac"}
    missing = {unit.code for unit in figures.missing_units}
    assert {"tianjin", "chongqing", "guangdong", "idle-pc", "hebei"} <= missing
    assert [unit.code for unit in figures.late_units] == ["shanghai"]


def test_each_kind_counts_its_own_units(scenario):
    kinds = national_figures(scenario.campaign).kinds
    bureaus, insurers, association = kinds["bureau"], kinds["insurer"], kinds["association"]
    assert (bureaus.expected, bureaus.counted, bureaus.on_time, bureaus.late) == (36, 2, 1, 1)
    assert (bureaus.awaiting, bureaus.approved, bureaus.missing) == (1, 1, 34)
    assert (insurers.expected, insurers.counted, insurers.approved) == (3, 2, 1)
    assert (association.expected, association.counted, association.missing) == (1, 1, 0)


def test_totals_are_the_sums_of_the_counted_reports_of_each_kind(scenario):
    kinds = national_figures(scenario.campaign).kinds
    for kind, codes in COUNTED_BY_KIND.items():
        for indicator in kinds[kind].indicators:
            expected = scenario.total(codes, indicator.code)
            assert kinds[kind].totals[indicator.code] == (expected or Decimal(0)), indicator
    assert kinds["bureau"].totals["A02"] == Decimal("12.50") * 4
    assert kinds["insurer"].totals["B01"] == Decimal(10) * (2 + 6)


def test_a_unit_the_campaign_no_longer_expects_does_not_count(scenario):
    figures = national_figures(scenario.campaign)
    assert "removed-life" not in {unit.code for unit in figures.units}
    values = unit_values(scenario.campaign, "insurer", figures.kinds["insurer"].indicators)
    assert scenario.removed_insurer.pk not in values
    assert figures.report_count == 5


def test_the_previous_campaigns_totals_stand_beside(scenario):
    figures = national_figures(scenario.campaign)
    assert figures.previous_campaign.year == 2012
    for kind, codes in COUNTED_BY_KIND.items():
        previous = [code for code in codes if code in scenario.last_year]
        for indicator in figures.kinds[kind].indicators:
            total = scenario.total(previous, indicator.code, scenario.last_year)
            assert figures.kinds[kind].previous_totals.get(indicator.code) == total
    assert figures.kinds["bureau"].previous_counted == 1


def test_unit_values_pivot_the_counted_reports_of_a_kind(scenario):
    figures = national_figures(scenario.campaign)
    indicators = figures.kinds["bureau"].indicators
    values = unit_values(scenario.campaign, "bureau", indicators)
    beijing, shanghai = organisation("beijing"), organisation("shanghai")
    assert set(values) == {beijing.pk, shanghai.pk}
    assert values[shanghai.pk] == {
        i.code: scenario.counted["shanghai"].get(i.code) for i in indicators
    }


def queries_of(campaign):
    with CaptureQueriesContext(connection) as queries:
        national_figures(campaign)
    return len(queries)


def test_the_figures_take_the_same_queries_for_few_or_many_units(
    campaign, head_office, time_machine
):
    few = queries_of(campaign)
    for number in range(12):
        insurer = InsurerFactory(code=f"many-{number}")
        report = statistics_report(campaign, insurer.code)
        national.submit(report, 1, head_office, time_machine, national.ON_TIME)
    assert queries_of(campaign) == few
