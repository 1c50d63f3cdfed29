"""portal.prefill: the statistics form asks the providers the features registered once, with
the codes the unit's form shows; a provider whose codes the campaign's table does not ask
for (retired, removed) is not asked, and each provider asked is one query."""

import pytest

from campaign.models import Indicator
from campaign.selectors.reports import indicators_for
from campaign.services.tables import retire_indicator
from portal import prefill

from ..factories import statistics_report


@pytest.fixture
def asked(monkeypatch):
    """The names of the registered providers asked, in order."""
    names = []

    def spy(provider):
        def counted(campaign, organisation):
            names.append(provider.__name__)
            return provider(campaign, organisation)

        return counted

    monkeypatch.setattr(
        prefill, "_providers", [(codes, spy(provider)) for codes, provider in prefill._providers]
    )
    return names


def figures_of(report):
    codes = [indicator.code for indicator in indicators_for(report)]
    return prefill.recorded_figures(report.campaign, report.organisation, codes)


def test_the_features_register_their_providers_at_start_up():
    assert prefill.provided_codes() == {
        *(f"B{n:02}" for n in range(1, 15)),
        *("C01", "C02", "C03", "C04", "D01", "D02", "D03", "D04"),
        *("E01", "E02", "E03", "E04", "E05", "E13", "E10", "E11", "E12"),
        *("F01", "F02", "F03", "G01", "G02"),
    }


def test_a_code_is_provided_once(monkeypatch):
    monkeypatch.setattr(prefill, "_providers", list(prefill._providers))
    with pytest.raises(ValueError, match="E01"):
        prefill.register("E01", "Z99")(lambda campaign, organisation: {})


def test_a_provider_is_asked_only_for_the_codes_the_form_shows(monkeypatch):
    monkeypatch.setattr(prefill, "_providers", [])
    prefill.register("X01", "X02")(lambda campaign, organisation: {"X01": 1, "X02": 2})
    prefill.register("Y01")(lambda campaign, organisation: pytest.fail("Y01 is not shown"))
    assert prefill.recorded_figures(None, None, ["X02", "A01"]) == {"X02": 2}


def test_a_bureau_asks_every_provider_once(campaign, bureau_a, asked):
    report = statistics_report(campaign, "beijing")
    figures = figures_of(report)
    assert sorted(asked) == [
        "commitments_published",
        "complaints_received",
        "events_held",
        "exemplars_published",
        "incidents_opened",
        "media_reports",
    ]
    assert figures["B01"] == 0 and figures["C01"] == 0 and figures["E13"] == 0


def test_a_provider_is_not_asked_when_the_table_has_retired_its_codes(campaign, head_office, asked):
    for code in ("G01", "G02"):
        retire_indicator(actor=head_office, indicator=campaign.indicators.get(code=code))
    figures = figures_of(statistics_report(campaign, "beijing"))
    assert "media_reports" not in asked
    assert "G01" not in figures and "B01" in figures


def test_a_provider_is_not_asked_when_the_table_has_no_such_indicator(campaign, asked):
    """A campaign's table without the incident lines: incidents are not counted, and the
    complaints provider fills only the codes the table has."""
    Indicator.objects.filter(campaign=campaign, code__in=["E10", "E11", "E12", "E13"]).delete()
    figures = figures_of(statistics_report(campaign, "beijing"))
    assert "incidents_opened" not in asked
    assert "E13" not in figures and figures["E01"] == 0


def test_an_insurers_form_asks_only_for_what_it_fills(campaign, company_x, asked):
    """F01–F03 are the bureaus' lines: an insurer's figures leave them out; exemplars
    give an insurer nothing."""
    figures = figures_of(statistics_report(campaign, "demo-life"))
    assert "F02" not in figures and "D02" not in figures
    assert figures["C01"] == 0 and figures["B01"] == 0


def test_the_figures_cost_one_query_per_section_at_most(
    campaign, bureau_a, django_assert_max_num_queries
):
    report = statistics_report(campaign, "beijing")
    indicators = indicators_for(report)
    codes = [indicator.code for indicator in indicators]
    with django_assert_max_num_queries(6) as captured:
        figures = prefill.recorded_figures(report.campaign, report.organisation, codes)
    sections = {indicator.section.code for indicator in indicators if indicator.code in figures}
    assert sections == set("BCDEFG")
    assert len(captured) <= len(sections)
