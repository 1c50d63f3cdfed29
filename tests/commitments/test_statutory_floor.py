"""A commitment weaker than the law is refused with the article cited (Insurance Law art. 23:
decision within 30 days, payment within 10 days of agreement; art. 25: advance payment within
60 days); units are compared exactly and working days against days over the calendar."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import translation

from commitments.models import ServiceCommitment, StatutoryLimit
from commitments.services.commitments import draft_commitment, publish_commitment

pytestmark = pytest.mark.postgresql

ON_A_2013_DAY = datetime.date(2013, 3, 1)


@pytest.fixture
def draft(company_x, year, kinds, time_machine):
    time_machine.move_to(datetime.datetime(2013, 3, 1, 10, tzinfo=datetime.UTC))

    def make(kind, value=None, unit="", **fields):
        return draft_commitment(
            actor=company_x,
            company=company_x.organisation,
            campaign=year,
            kind=kinds[kind],
            text="承诺。",
            limit_value=value,
            limit_unit=unit,
            **fields,
        )

    return make


def refusal(make, *args):
    with pytest.raises(ValidationError) as raised, translation.override("en"):
        make(*args)
    return raised.value.message_dict


def test_payment_within_5_days_is_accepted(draft):
    commitment = draft("claim_payment", 5, "days")
    assert commitment.status == ServiceCommitment.Status.DRAFT


def test_payment_within_15_days_is_refused_citing_article_23(draft):
    errors = refusal(draft, "claim_payment", 15, "days")
    assert errors["limit_value"] == [
        "Payment after agreement within 15 days is longer than the law allows: "
        "《中华人民共和国保险法》第二十三条 sets 10 days."
    ]
    assert not ServiceCommitment.objects.exists()


def test_the_refusal_reads_in_chinese(draft):
    with pytest.raises(ValidationError) as raised, translation.override("zh-hans"):
        draft("claim_payment", 15, "days")
    assert raised.value.message_dict["limit_value"] == [
        "赔款支付时限15日，长于法定时限：《中华人民共和国保险法》第二十三条规定为10日。"
    ]


@pytest.mark.parametrize(
    ("value", "unit", "allowed"),
    [(240, "hours", True), (241, "hours", False), (30, "days", True), (31, "days", False)],
)
def test_hours_are_counted_against_the_laws_days(draft, value, unit, allowed):
    kind = "claim_payment" if value > 100 else "liability_decision"
    if allowed:
        draft(kind, value, unit)
    else:
        assert "limit_value" in refusal(draft, kind, value, unit)


def test_working_days_are_refused_when_a_holiday_can_stretch_them_past_the_law(draft):
    """8 working days are 8 to 17 days in 2013: within 10 days on most, not on every day."""
    errors = refusal(draft, "claim_payment", 8, "working_days")
    assert errors["limit_value"] == [
        "Payment after agreement within 8 working days may take longer than the law allows: "
        "《中华人民共和国保险法》第二十三条 sets 10 days. By the 2013 holiday calendar, "
        "8 working days take 8 to 17 days."
    ]


def test_working_days_that_always_fit_are_accepted(draft):
    draft("advance_payment", 30, "working_days")  # at most 46 days: within 60


def test_advance_payment_over_60_days_is_refused_citing_article_25(draft):
    assert "第二十五条" in refusal(draft, "advance_payment", 61, "days")["limit_value"][0]


def test_the_law_is_data_with_its_date(draft, kinds):
    """A stricter limit in force from a later day applies from that day on."""
    StatutoryLimit.objects.create(
        kind=kinds["claim_payment"],
        value=3,
        unit="days",
        source="某新规",
        provision="三日内支付。",
        effective_from=ON_A_2013_DAY + datetime.timedelta(days=1),
    )
    draft("claim_payment", 5, "days")  # today: the 2009 law's 10 days
    time_machine_day_after = ON_A_2013_DAY + datetime.timedelta(days=1)
    with time_machine.travel(datetime.datetime.combine(time_machine_day_after, datetime.time(12))):
        assert "某新规" in refusal(draft, "claim_payment", 5, "days")["limit_value"][0]


@pytest.mark.parametrize(
    ("kind", "value", "unit", "window", "field"),
    [
        ("claim_payment", None, "", {}, "limit_value"),
        ("claim_payment", 5, "minutes", {}, "limit_unit"),
        ("information_security", 5, "days", {}, "limit_value"),
        ("call_hours", None, "", {}, "window_start"),
        (
            "call_hours",
            None,
            "",
            {"window_start": datetime.time(20), "window_end": datetime.time(9)},
            "window_end",
        ),
    ],
)
def test_a_limit_that_does_not_fit_its_kind_is_refused_next_to_the_field(
    draft, kind, value, unit, window, field
):
    with pytest.raises(ValidationError) as raised:
        draft(kind, value, unit, **window)
    assert list(raised.value.message_dict) == [field]
    assert not ServiceCommitment.objects.exists()


def test_call_hours_are_a_window_of_the_day(draft):
    commitment = draft("call_hours", window_start=datetime.time(9), window_end=datetime.time(20))
    assert commitment.window == (datetime.time(9), datetime.time(20))


@pytest.mark.parametrize(
    ("kind", "value", "unit"),
    [
        ("return_visit", 367, "days"),
        ("arrival_on_scene", 10**12, "hours"),  # past PostgreSQL's integer: a 500 on save
        ("arrival_on_scene", 527041, "minutes"),
        ("number_blocking", 251, "working_days"),
        # Counted out day by day, 10**8 working days took minutes and gigabytes of memory
        # (on the draft, and on the compare page for everyone once published).
        ("claim_payment", 10**8, "working_days"),
        ("return_visit", 0, "days"),
        ("return_visit", -5, "days"),
    ],
)
def test_a_limit_of_more_than_a_year_or_of_nothing_is_refused_next_to_the_limit(
    draft, kind, value, unit
):
    errors = refusal(draft, kind, value, unit)
    assert list(errors) == ["limit_value"]
    assert not ServiceCommitment.objects.exists()


def test_the_refusal_states_the_longest_limit_in_the_unit_given(draft):
    assert refusal(draft, "return_visit", 367, "days")["limit_value"] == [
        "A time limit of more than a year is not a service promise: at most 366 days."
    ]


@pytest.mark.parametrize(
    ("kind", "value", "unit"),
    [
        ("return_visit", 366, "days"),
        ("arrival_on_scene", 8784, "hours"),
        ("arrival_on_scene", 527040, "minutes"),
        ("number_blocking", 250, "working_days"),
    ],
)
def test_a_limit_of_a_year_is_accepted(draft, kind, value, unit):
    assert draft(kind, value, unit).limit_value == value


@pytest.mark.parametrize(
    ("kind", "value", "unit", "allowed"),
    [
        ("claim_payment", 10, "days", True),
        ("claim_payment", 11, "days", False),
        ("claim_payment", 240, "hours", True),
        ("claim_payment", 241, "hours", False),
        ("liability_decision", 720, "hours", True),
        ("liability_decision", 721, "hours", False),
        ("advance_payment", 60, "days", True),
        ("advance_payment", 61, "days", False),
    ],
)
def test_every_statutory_limit_is_allowed_to_the_day_and_refused_past_it(
    draft, kind, value, unit, allowed
):
    if allowed:
        assert draft(kind, value, unit).limit_value == value
    else:
        assert "第二十" in refusal(draft, kind, value, unit)["limit_value"][0]


def test_a_draft_saved_before_a_stricter_law_is_refused_on_publication(draft, kinds, company_x):
    saved = draft("claim_payment", 5, "days")
    StatutoryLimit.objects.create(
        kind=kinds["claim_payment"],
        value=3,
        unit="days",
        source="某新规",
        provision="三日内支付。",
        effective_from=ON_A_2013_DAY + datetime.timedelta(days=1),
    )
    day_after = datetime.datetime(2013, 3, 2, 12, tzinfo=datetime.UTC)
    with (
        time_machine.travel(day_after),
        pytest.raises(ValidationError) as raised,
        translation.override("en"),
    ):
        publish_commitment(actor=company_x, commitment=saved)
    assert "某新规" in raised.value.message_dict["limit_value"][0]
    saved.refresh_from_db()
    assert (saved.status, saved.published_at) == (ServiceCommitment.Status.DRAFT, None)
