"""How a typed figure becomes a stored value (validation.parse_value), the one parser behind the
web form, the Excel upload and the import command: a misread figure must be refused with a
reason, never stored as another number."""

import unicodedata
from decimal import Decimal

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from campaign import validation
from campaign.models import Indicator

pytestmark = pytest.mark.usefixtures("english")

MONEY = Indicator(code="A02", value_type=Indicator.ValueType.MONEY)
COUNT = Indicator(code="A01", value_type=Indicator.ValueType.INTEGER)
DECIMAL_COMMA = "decimal point"
patient = settings(deadline=None)  # a busy machine must not fail a correct parse on time

amounts = st.decimals(min_value=0, max_value=validation.LIMIT - 1, places=2)
counts = st.integers(min_value=0, max_value=validation.LIMIT - 1)
digits = st.text(alphabet="0123456789", min_size=1, max_size=12)
FULL_WIDTH = str.maketrans("0123456789,.", "０１２３４５６７８９，．")


def grouped(value):
    return f"{value:,}"


def parse(indicator, text):
    return validation.parse_value(indicator, text)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("0,25", DECIMAL_COMMA),  # was stored as 25.00
        ("1,5", DECIMAL_COMMA),  # was stored as 15.00
        ("3,50", DECIMAL_COMMA),
        ("0,250", DECIMAL_COMMA),  # a leading group is never 0
        ("1,2,3", DECIMAL_COMMA),  # was stored as 123
        ("12,34,567", DECIMAL_COMMA),  # Indian grouping is not ours
        ("1,000.5,0", DECIMAL_COMMA),
        (",100", DECIMAL_COMMA),
        ("100,", DECIMAL_COMMA),
        ("0，25", DECIMAL_COMMA),  # a full-width comma is a comma too
        ("10²", "amount"),  # was stored as 102
        ("①②", "amount"),
        ("١٢", "amount"),  # Arabic-Indic digits
        ("1_000", "amount"),
        ("1e3", "amount"),
    ],
)
def test_a_misreadable_amount_is_refused_with_its_reason(text, problem):
    with pytest.raises(validation.InvalidValue, match=problem):
        parse(MONEY, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,000", Decimal("1000.00")),
        ("1,000,000.25", Decimal("1000000.25")),
        ("１，０００．５", Decimal("1000.50")),
        ("１２", Decimal("12.00")),
        (" 0.25 ", Decimal("0.25")),
        ("\u30003.5\u3000", Decimal("3.50")),  # ideographic spaces around it
        (".5", Decimal("0.50")),
    ],
)
def test_an_amount_typed_as_clerks_type_it_is_read(text, expected):
    assert parse(MONEY, text) == expected


@patient
@given(amounts)
@example(Decimal("1000000.25"))
def test_any_amount_with_thousands_separators_reads_back_as_itself(value):
    assert parse(MONEY, grouped(value)) == value
    assert parse(MONEY, grouped(value).translate(FULL_WIDTH)) == value


@patient
@given(counts)
def test_any_count_with_thousands_separators_reads_back_as_itself(value):
    assert parse(COUNT, grouped(value)) == value
    assert parse(COUNT, str(value)) == value


@patient
@given(digits, digits, st.one_of(st.none(), digits))
@example("0", "25", None)
@example("1", "2", "3")
def test_a_comma_anywhere_but_between_groups_of_three_is_refused(before, after, more):
    text = f"{before},{after}" + (f",{more}" if more is not None else "")
    groups = text.split(",")
    valid_grouping = (
        groups[0][0] != "0" and len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])
    )
    if valid_grouping:
        assert parse(COUNT, text) == int(text.replace(",", ""))
    else:
        with pytest.raises(validation.InvalidValue, match=DECIMAL_COMMA):
            parse(COUNT, text)


OTHER_DIGITS = st.characters(
    categories=("Nd", "No", "Nl"),
    exclude_characters="0123456789０１２３４５６７８９",
)


@patient
@given(digits, OTHER_DIGITS, digits)
@example("10", "²", "")
@example("1", "①", "")
def test_no_digit_but_ascii_and_full_width_is_accepted(before, other, after):
    text = before + other + after
    assert not unicodedata.category(other).startswith("Zs")
    with pytest.raises(validation.InvalidValue):
        parse(MONEY, text)
    with pytest.raises(validation.InvalidValue):
        parse(COUNT, text)


@patient
@given(st.text(max_size=20))
def test_any_text_is_refused_or_read_as_the_plain_number_it_shows(text):
    try:
        value = parse(MONEY, text)
    except validation.InvalidValue:
        return
    if value is None:
        assert not text.strip()
        return
    plain = text.strip().translate({ord(c): None for c in ",，"})
    plain = "".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in plain)
    assert Decimal(plain.replace("．", ".")) == value
