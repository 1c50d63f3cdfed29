"""A company's commitments beside last year's: tightened, unchanged, loosened, new or dropped,
from the time limits (hours against days, working days over the calendar, call hours), never
from the text; last year's as they stood at the end of that year."""

import datetime

import pytest
import time_machine

from commitments.selectors.year_over_year import Change, year_over_year
from commitments.services.commitments import (
    amend_commitment,
    publish_commitment,
    update_draft,
    withdraw_commitment,
)

from .years import BEIJING, promise, two_campaigns

pytestmark = pytest.mark.postgresql


def changes(company, campaign):
    """{kind code: [change, …]} in the page's order."""
    found = {}
    for pair in year_over_year(company, campaign).pairs:
        found.setdefault(pair.commitment.kind.code, []).append(pair.change)
    return found


@pytest.fixture
def campaigns(db):
    return two_campaigns()


@pytest.fixture
def x(company_x):
    return company_x


def test_48_hours_after_3_days_is_tightened_and_after_2_days_unchanged(x, campaigns):
    last, this = campaigns
    promise(x, last, "claim_payment", (3, "days"))
    promise(x, last, "document_notice", (2, "days"))
    promise(x, this, "claim_payment", (48, "hours"), text="48小时内支付。")
    promise(x, this, "document_notice", (48, "hours"))

    assert changes(x.organisation, this) == {
        "claim_payment": [Change.TIGHTENED],
        "document_notice": [Change.UNCHANGED],
    }


def test_a_longer_limit_is_loosened_whatever_the_text_says(x, campaigns):
    last, this = campaigns
    promise(x, last, "liability_decision", (5, "days"), text="5日内核定。")
    promise(
        x, this, "liability_decision", (7, "days"), text="更快核定！", loosening_reason="人手不足"
    )

    assert changes(x.organisation, this) == {"liability_decision": [Change.LOOSENED]}


def test_working_days_against_days_over_the_calendar(x, campaigns):
    last, this = campaigns
    # 2013: 5 working days take 5 to 13 days (over the National Day week).
    promise(x, last, "liability_decision", (14, "days"))
    promise(x, last, "complaint_acceptance", (7, "days"))
    promise(x, last, "document_notice", (5, "working_days"))
    promise(x, this, "liability_decision", (5, "working_days"))
    promise(x, this, "complaint_acceptance", (5, "working_days"), loosening_reason="节假日顺延")
    promise(x, this, "document_notice", (5, "days"))

    assert changes(x.organisation, this) == {
        "complaint_acceptance": [Change.PARTLY_LOOSENED],  # 7 days most weeks, 13 over 国庆
        "document_notice": [Change.TIGHTENED],
        "liability_decision": [Change.TIGHTENED],
    }


def test_call_hours_narrower_wider_or_moved(x, company_y, campaigns):
    last, this = campaigns
    for actor, hours in [(x, (9, 18)), (company_y, (8, 21))]:
        promise(actor, last, "call_hours", (9, 20))
        promise(actor, this, "call_hours", hours, loosening_reason="调整")

    assert changes(x.organisation, this) == {"call_hours": [Change.TIGHTENED]}
    assert changes(company_y.organisation, this) == {"call_hours": [Change.LOOSENED]}


def test_call_hours_moved_earlier_count_as_loosened_at_some_hours(x, campaigns):
    last, this = campaigns
    promise(x, last, "call_hours", (9, 20))
    promise(x, this, "call_hours", (8, 18), loosening_reason="早间客户需求")

    assert changes(x.organisation, this) == {"call_hours": [Change.PARTLY_LOOSENED]}


def test_new_dropped_and_kinds_without_a_limit(x, campaigns):
    last, this = campaigns
    promise(x, last, "information_security", text="客户信息严格保密。")
    promise(x, last, "return_visit", (15, "days"))
    promise(x, this, "information_security", text="客户信息保密，绝不外泄。")
    promise(x, this, "call_frequency", text="每月至多致电一次。")

    pairs = year_over_year(x.organisation, this).pairs

    assert [(p.commitment.kind.code, p.change) for p in pairs] == [
        ("call_frequency", Change.NEW),
        ("information_security", Change.UNCHANGED),
        ("return_visit", Change.DROPPED),  # dropped ones come last
    ]
    assert pairs[2].current is None and pairs[2].previous.limit_value == 15


def test_commitments_match_by_product_line_and_region(x, campaigns):
    from campaign.models import ProductLine, Region

    last, this = campaigns
    beijing = Region.objects.get(code="110000")
    line = ProductLine.objects.order_by("position").first()
    promise(x, last, "claim_payment", (5, "days"), region=beijing)
    promise(x, this, "claim_payment", (5, "days"), region=beijing)
    promise(x, this, "claim_payment", (8, "days"), product_line=line)

    pairs = year_over_year(x.organisation, this).pairs

    assert {(p.commitment.region, p.commitment.product_line, p.change) for p in pairs} == {
        (None, line, Change.NEW),  # not paired with Beijing's 5 days: another scope
        (beijing, None, Change.UNCHANGED),
    }


def test_several_of_one_kind_pair_strongest_with_strongest(x, campaigns):
    last, this = campaigns
    promise(x, last, "arrival_on_scene", (30, "minutes"), text="城区30分钟")
    promise(x, last, "arrival_on_scene", (2, "hours"), text="郊区2小时")
    promise(x, this, "arrival_on_scene", (90, "minutes"), text="郊区90分钟")
    promise(x, this, "arrival_on_scene", (30, "minutes"), text="城区30分钟")

    pairs = year_over_year(x.organisation, this).pairs

    assert [(p.previous.text, p.current.text, p.change) for p in pairs] == [
        ("城区30分钟", "城区30分钟", Change.UNCHANGED),
        ("郊区2小时", "郊区90分钟", Change.TIGHTENED),
    ]


def test_last_year_is_the_version_in_force_at_its_end(x, campaigns):
    last, this = campaigns
    first = promise(x, last, "claim_payment", (8, "days"))
    with time_machine.travel(datetime.datetime(2012, 7, 1, tzinfo=BEIJING), tick=False):
        draft = amend_commitment(actor=x, commitment=first)
        update_draft(actor=x, commitment=draft, limit_value=3)
        in_force = publish_commitment(actor=x, commitment=draft)
    # Amended again and then withdrawn in 2013: 2012's promise stays 3 days.
    with time_machine.travel(datetime.datetime(2013, 2, 1, tzinfo=BEIJING), tick=False):
        draft = amend_commitment(actor=x, commitment=in_force)
        update_draft(actor=x, commitment=draft, limit_value=9)
        withdraw_commitment(
            actor=x, commitment=publish_commitment(actor=x, commitment=draft), reason="并入新承诺"
        )
    promise(x, this, "claim_payment", (3, "days"))

    [pair] = year_over_year(x.organisation, this).pairs

    assert (pair.previous, pair.change) == (in_force, Change.UNCHANGED)


def test_withdrawn_before_the_years_end_is_not_last_years_promise(x, campaigns):
    last, this = campaigns
    commitment = promise(x, last, "return_visit", (10, "days"))
    with time_machine.travel(datetime.datetime(2012, 9, 1, tzinfo=BEIJING), tick=False):
        withdraw_commitment(actor=x, commitment=commitment, reason="业务停办")
    promise(x, this, "return_visit", (15, "days"))

    assert changes(x.organisation, this) == {"return_visit": [Change.NEW]}


def test_drafts_and_other_companies_commitments_are_left_out(x, company_y, campaigns):
    last, this = campaigns
    promise(x, last, "claim_payment", (5, "days"))
    promise(x, this, "claim_payment", (3, "days"), publish=False)
    promise(company_y, this, "claim_payment", (3, "days"))

    assert changes(x.organisation, this) == {"claim_payment": [Change.DROPPED]}


def test_without_an_earlier_campaign_everything_is_new(x, campaigns):
    last, _this = campaigns
    promise(x, last, "claim_payment", (5, "days"))

    comparison = year_over_year(x.organisation, last)

    assert comparison.previous_campaign is None
    assert [p.change for p in comparison.pairs] == [Change.NEW]


def test_the_previous_campaign_is_the_latest_earlier_one(x, campaigns):
    from tests.factories import CampaignFactory

    last, this = campaigns
    promise(x, this, "claim_payment", (5, "days"))
    later = CampaignFactory(
        year=2027,
        period_start=datetime.date(2027, 3, 1),
        period_end=datetime.date(2027, 3, 31),
        deadline=datetime.date(2027, 4, 10),
    )
    promise(
        x, later, "claim_payment", (3, "days"), at=datetime.datetime(2027, 3, 1, tzinfo=BEIJING)
    )

    comparison = year_over_year(x.organisation, later)

    assert comparison.previous_campaign == this
    assert [p.change for p in comparison.pairs] == [Change.TIGHTENED]
