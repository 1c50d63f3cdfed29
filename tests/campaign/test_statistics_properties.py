"""Properties of the statistics validator (validation.check_report) and of the Excel form's
reader (excel.read_statistics_workbook), on values and files hypothesis draws: whatever a unit
types or uploads, the answer is findings or a refusal with a message, never a server error;
and a valid table comes back from the template exactly as it went in."""

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from campaign import excel, validation
from campaign.excel.reading import WorkbookRefused
from campaign.models import ValidationRule
from campaign.selectors import reports as selectors

from ..factories import statistics_report
from . import workbooks

pytestmark = pytest.mark.usefixtures("english")

# The report and its table are the test's and the same for every example: they are read,
# never changed, by what is tested here.
properties = settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
# Each example of the reader's writes and reads a whole workbook (~0.1 s).
files = settings(properties, max_examples=25)
money = st.decimals(min_value=0, max_value=validation.LIMIT - 1, places=2)
count = st.integers(min_value=0, max_value=validation.LIMIT - 1).map(Decimal)


@pytest.fixture
def report(campaign):
    return statistics_report(campaign, "beijing")


@pytest.fixture
def table(report):
    return selectors.indicators_for(report), list(selectors.rules_for(report))


@pytest.fixture
def template(report):
    return workbooks.template(report)


@st.composite
def filled_in(draw, indicators, *, missing=True):
    """Code → a value the indicator may hold (or, with ``missing``, None for some)."""
    values = {}
    for indicator in indicators:
        value = draw(money if indicator.is_money else count)
        values[indicator.code] = draw(st.sampled_from([value, None])) if missing else value
    return values


# The validator.


@properties
@given(data=st.data())
def test_any_values_get_findings_and_only_about_the_table(table, data):
    indicators, rules = table
    values = data.draw(filled_in(indicators))
    previous = data.draw(st.one_of(st.none(), filled_in(indicators)))

    draft = validation.check_report(indicators, values, rules, previous=previous)
    submitted = validation.check_report(indicators, values, rules, previous=previous, complete=True)

    codes = {indicator.code for indicator in indicators}
    assert {finding.code for finding in submitted} <= codes
    assert all(finding.message and finding.severity for finding in submitted)
    # Submitting checks the same rules and adds one "required" per empty value, nothing else.
    assert set(draft) <= set(submitted)
    required = [f.code for f in submitted if f.key.startswith("required:")]
    assert sorted(required) == sorted(code for code in codes if values[code] is None)
    assert all(f.is_error for f in submitted if f.key.startswith("required:"))
    assert set(submitted) - set(draft) == {f for f in submitted if f.key.startswith("required:")}


@properties
@given(data=st.data())
def test_a_sum_rule_finds_exactly_the_totals_that_differ_from_their_parts(table, data):
    indicators, rules = table
    values = data.draw(filled_in(indicators, missing=False))
    sums = [rule for rule in rules if rule.operator == ValidationRule.Operator.EQUALS_SUM]
    for rule in sums:  # now and then, a total that adds up
        if data.draw(st.booleans()):
            parts = [code for code in rule.right_codes if code in values]
            values[rule.left] = sum((values[code] for code in parts), Decimal(0))

    found = {f.key for f in validation.check_report(indicators, values, rules, complete=True)}

    assert sums
    for rule in sums:
        parts = [code for code in rule.right_codes if code in values]
        adds_up = values[rule.left] == sum((values[code] for code in parts), Decimal(0))
        assert (rule.code in found) == (rule.left in values and bool(parts) and not adds_up)


# The Excel form's reader.


@files
@given(data=st.data())
def test_a_valid_table_comes_back_from_the_template_as_it_went_in(report, table, template, data):
    indicators, _rules = table
    values = data.draw(filled_in(indicators))
    # As a clerk's office software may store a figure: a number, or text with separators.
    typed = {
        code: None
        if value is None
        else data.draw(st.sampled_from([float(value), f"{value:,}", str(value)]))
        for code, value in values.items()
    }

    form = excel.read_statistics_workbook(report, workbooks.fill(template, typed), indicators)

    assert form.values == values
    assert form.version == report.version


CELL_CONTENT = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=False, allow_infinity=False),
    # Text as people type it, formulas included (openpyxl writes "=…" as a formula); the
    # control characters an .xlsx cannot hold are left out.
    st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=40),
)


@files
@given(data=st.data())
@example(data=None)
def test_any_cell_contents_are_read_or_refused_with_a_message_per_cell(
    report, table, template, data
):
    indicators, _rules = table
    codes = [indicator.code for indicator in indicators]
    if data is None:  # the explicit example: a formula never calculated and a text
        typed = {codes[0]: "=1/0", codes[1]: "十二"}
    else:
        typed = data.draw(st.dictionaries(st.sampled_from(codes), CELL_CONTENT, max_size=6))

    content = workbooks.fill(template, typed)
    try:
        form = excel.read_statistics_workbook(report, content, indicators)
    except WorkbookRefused as refusal:
        assert str(refusal)
        assert refusal.errors
        assert all(str(error) for error in refusal.errors)
        assert {error.code for error in refusal.errors} <= set(typed)
    else:
        assert set(form.values) == set(codes)


@settings(properties, max_examples=200)
@given(data=st.data())
def test_a_damaged_file_is_refused_with_a_message(report, table, template, data):
    indicators, _rules = table
    content = bytearray(template)
    for _ in range(data.draw(st.integers(min_value=1, max_value=8))):
        position = data.draw(st.integers(min_value=0, max_value=len(content) - 1))
        content[position] = data.draw(st.integers(min_value=0, max_value=255))
    if data.draw(st.booleans()):  # cut short, as an interrupted upload
        content = content[: data.draw(st.integers(min_value=1, max_value=len(content)))]
    content = bytes(content)

    try:
        excel.read_statistics_workbook(report, content, indicators)
    except WorkbookRefused as refusal:
        assert str(refusal)
