"""Each rule of the 2013 table (SPEC §2.1), on values that pass it and values that break it."""

from decimal import Decimal

import pytest

from campaign import validation
from campaign.selectors import reports as selectors

from ..factories import InsurerFactory, statistics_report, valid_values

# rule key → (values that break it, its severity, the indicator it sits next to)
BROKEN = {
    "E01-SUM": ({"E01": 49}, "error", "E01"),
    "B02-AUDIENCE": ({"B02": 9}, "warning", "B02"),
    "B04-AUDIENCE": ({"B04": 9}, "warning", "B04"),
    "B06-AUDIENCE": ({"B06": 9}, "warning", "B06"),
    "B08-AUDIENCE": ({"B08": 9}, "warning", "B08"),
    "B10-AUDIENCE": ({"B10": 9}, "warning", "B10"),
    "E07-MAX": ({"E07": 51}, "warning", "E07"),
    "E08-MAX": ({"E08": 51}, "warning", "E08"),
    "F03-MIN": ({"F03": 9}, "warning", "F03"),
    "E10-ALERT": ({"E10": 1}, "warning", "E10"),
    "E11-ALERT": ({"E11": 1}, "warning", "E11"),
    "E12-ALERT": ({"E12": 1}, "warning", "E12"),
    "D02-LIMIT": ({"D02": 11}, "warning", "D02"),
    "D03-LIMIT": ({"D03": 11}, "warning", "D03"),
}


@pytest.fixture
def report(campaign):
    return statistics_report(campaign, "beijing")


def findings(report, changes, previous=None):
    values = valid_values(report) | {code: Decimal(v) for code, v in changes.items()}
    return validation.check_report(
        selectors.indicators_for(report),
        values,
        selectors.rules_for(report),
        previous=previous,
        complete=True,
    )


def test_valid_values_break_no_rule(report):
    assert findings(report, {}) == []


def test_every_rule_of_the_2013_table_is_tested(campaign):
    assert set(campaign.rules.values_list("code", flat=True)) == {*BROKEN, "OUTLIER"}


@pytest.mark.parametrize("key", sorted(BROKEN))
def test_each_rule_catches_what_breaks_it(report, key):
    changes, severity, code = BROKEN[key]
    [finding] = findings(report, changes)
    assert (finding.key, finding.severity, finding.code) == (key, severity, code)


def test_a_value_on_the_limit_of_a_rule_passes(report):
    assert findings(report, {"B02": 10, "E07": 50, "E08": 50, "F03": 10, "D02": 10}) == []


def test_forwarded_complaints_count_in_the_sum_of_channels(report):
    [finding] = findings(report, {"E13": 11})
    assert (finding.key, finding.code) == ("E01-SUM", "E01")
    assert "E02 + E03 + E04 + E05 + E13" in finding.message
    assert findings(report, {"E13": 11, "E01": 51}) == []


def test_more_than_ten_best_is_no_warning_for_units_covering_many_regions(campaign):
    InsurerFactory(code="demo-insurer")
    for unit in ("demo-insurer", "iac"):
        report = statistics_report(campaign, unit)
        assert findings(report, {"D02": 25, "D03": 12}) == []


def test_the_limit_warning_says_what_the_value_exceeds(report, english):
    [finding] = findings(report, {"D03": 12})
    assert finding.message == (
        "D03 Quality service counters honoured is 12, more than 10: please explain in a note"
    )


def test_a_part_the_units_kind_does_not_fill_is_left_out_of_the_sum(campaign, english):
    campaign.indicators.filter(code="E13").update(for_association=False)
    report = statistics_report(campaign, "iac")
    assert "E13" not in valid_values(report)
    assert findings(report, {}) == []
    [finding] = findings(report, {"E02": 11})
    assert finding.key == "E01-SUM"
    assert "must equal E02 + E03 + E04 + E05 (40 ≠ 41)" in finding.message


def test_a_value_over_three_times_last_campaign_is_an_outlier(report):
    previous = {"A01": Decimal(3), "B11": Decimal(4)}
    [finding] = findings(report, {}, previous=previous)
    assert (finding.key, finding.code, finding.severity) == ("OUTLIER:A01", "A01", "warning")
    assert "3" in finding.message and "10" in finding.message


def test_no_outlier_without_a_figure_last_campaign(report):
    assert findings(report, {}, previous={"A01": Decimal(0)}) == []


def test_a_rule_about_indicators_a_unit_does_not_fill_is_skipped(campaign):
    insurer_report = statistics_report(campaign, "iac")
    values = valid_values(insurer_report)
    assert "F03" not in values
    assert (
        validation.check_report(
            selectors.indicators_for(insurer_report), values, selectors.rules_for(insurer_report)
        )
        == []
    )


def test_an_empty_value_is_an_error_only_on_submission(report):
    values = valid_values(report) | {"A01": None}
    args = (selectors.indicators_for(report), values, selectors.rules_for(report))
    assert validation.check_report(*args) == []
    [finding] = validation.check_report(*args, complete=True)
    assert (finding.key, finding.severity) == ("required:A01", "error")
