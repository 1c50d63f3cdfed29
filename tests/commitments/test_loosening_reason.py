"""A commitment weaker than last year's matching one is published only with the reason for
loosening it, which is published with it; the refusal says what it loosens from and to."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from commitments.models import ServiceCommitment
from commitments.services.commitments import (
    amend_commitment,
    publish_commitment,
    update_draft,
)

from .years import promise, two_campaigns

Status = ServiceCommitment.Status


@pytest.fixture
def campaigns(db):
    return two_campaigns()


def refusal(actor, campaign, *args, **fields):
    with pytest.raises(ValidationError) as raised, translation.override("en"):
        promise(actor, campaign, *args, **fields)
    return raised.value.message_dict


def test_a_longer_payment_limit_without_a_reason_is_refused(company_x, campaigns):
    last, this = campaigns
    promise(company_x, last, "claim_payment", (3, "days"))

    errors = refusal(company_x, this, "claim_payment", (5, "days"))

    assert errors == {
        "loosening_reason": [
            "Last year (2012) Payment after agreement was promised within 3 days: 5 days is "
            "longer. State the reason for loosening it: it is published with the commitment."
        ]
    }
    assert not ServiceCommitment.objects.filter(campaign=this, status=Status.PUBLISHED).exists()


def test_with_a_reason_it_is_published_and_keeps_the_reason(company_x, campaigns):
    last, this = campaigns
    promise(company_x, last, "claim_payment", (3, "days"))

    commitment = promise(
        company_x, this, "claim_payment", (5, "days"), loosening_reason="  异地理赔需复核。 "
    )

    assert commitment.status == Status.PUBLISHED
    assert commitment.loosening_reason.strip() == "异地理赔需复核。"


def test_a_blank_reason_is_no_reason(company_x, campaigns):
    last, this = campaigns
    promise(company_x, last, "claim_payment", (3, "days"))

    assert "loosening_reason" in refusal(
        company_x, this, "claim_payment", (5, "days"), loosening_reason="   "
    )


def test_72_hours_after_3_days_needs_no_reason_but_4_days_does(company_x, company_y, campaigns):
    last, this = campaigns
    for actor in (company_x, company_y):
        promise(actor, last, "document_notice", (3, "days"))

    assert promise(company_x, this, "document_notice", (72, "hours")).status == Status.PUBLISHED
    assert "loosening_reason" in refusal(company_y, this, "document_notice", (4, "days"))


def test_working_days_longer_on_some_days_need_a_reason_and_the_calendar_is_stated(
    company_x, campaigns
):
    last, this = campaigns
    promise(company_x, last, "complaint_acceptance", (7, "days"))

    errors = refusal(company_x, this, "complaint_acceptance", (5, "working_days"))

    assert errors["loosening_reason"] == [
        "Last year (2012) Registering and accepting a complaint was promised within 7 days: "
        "5 working days takes longer on some days. By the 2013 holiday calendar, 5 working "
        "days take 5 to 13 days. State the reason for loosening it: it is published with "
        "the commitment."
    ]


def test_working_days_never_longer_need_no_reason(company_x, campaigns):
    last, this = campaigns
    promise(company_x, last, "liability_decision", (14, "days"))

    commitment = promise(company_x, this, "liability_decision", (5, "working_days"))

    assert commitment.status == Status.PUBLISHED


def test_wider_call_hours_need_a_reason(company_x, campaigns):
    last, this = campaigns
    promise(company_x, last, "call_hours", (9, 20))

    errors = refusal(company_x, this, "call_hours", (8, 21))

    assert errors["loosening_reason"] == [
        "Last year (2012) Telemarketing call hours were 09:00–20:00: 08:00–21:00 takes in "
        "hours that were not. State the reason for loosening it: it is published with the "
        "commitment."
    ]


def test_new_unchanged_and_no_limit_commitments_need_no_reason(company_x, campaigns):
    last, this = campaigns
    promise(company_x, last, "information_security", text="严格保密。")
    promise(company_x, last, "claim_payment", (5, "days"))

    published = [
        promise(company_x, this, "information_security", text="保密，并定期检查。"),
        promise(company_x, this, "claim_payment", (5, "days"), text="换了说法，时限不变。"),
        promise(company_x, this, "return_visit", (30, "days")),
    ]

    assert {c.status for c in published} == {Status.PUBLISHED}


def test_without_an_earlier_campaign_nothing_needs_a_reason(company_x, campaigns):
    last, _this = campaigns
    assert promise(company_x, last, "claim_payment", (9, "days")).status == Status.PUBLISHED


def test_another_scope_or_company_is_not_last_years_match(company_x, company_y, campaigns):
    from campaign.models import Region

    last, this = campaigns
    promise(company_x, last, "claim_payment", (3, "days"), region=Region.objects.get(code="110000"))
    promise(company_y, last, "claim_payment", (1, "days"))

    assert promise(company_x, this, "claim_payment", (5, "days")).status == Status.PUBLISHED


def test_amending_this_years_commitment_to_a_weaker_one_needs_a_reason(company_x, campaigns):
    last, this = campaigns
    promise(company_x, last, "claim_payment", (5, "days"))
    current = promise(company_x, this, "claim_payment", (3, "days"))
    draft = amend_commitment(actor=company_x, commitment=current)
    update_draft(actor=company_x, commitment=draft, limit_value=7)

    with pytest.raises(ValidationError) as raised:
        publish_commitment(actor=company_x, commitment=draft)

    assert "loosening_reason" in raised.value.message_dict
    current.refresh_from_db()
    assert current.status == Status.PUBLISHED


def test_of_several_per_scope_each_is_set_beside_the_nearest(company_x, campaigns):
    last, this = campaigns
    promise(company_x, last, "arrival_on_scene", (30, "minutes"), text="城区30分钟")
    promise(company_x, last, "arrival_on_scene", (2, "hours"), text="郊区2小时")

    # 郊区 first: set beside last year's 2 hours, not the city's 30 minutes.
    suburbs = promise(company_x, this, "arrival_on_scene", (90, "minutes"), text="郊区90分钟")
    city = promise(company_x, this, "arrival_on_scene", (30, "minutes"), text="城区30分钟")

    assert (suburbs.status, city.status) == (Status.PUBLISHED, Status.PUBLISHED)
