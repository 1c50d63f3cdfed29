"""commitments.figures: C01–C04 on the statistics form, counted from the commitments published
now in the campaign (not drafts, superseded or withdrawn versions), for an insurer its own,
for a bureau those that apply where it supervises, for the association every company's."""

import datetime

import pytest

from campaign.models import Region
from commitments.figures import commitments_published
from commitments.services.commitments import (
    amend_commitment,
    publish_commitment,
    withdraw_commitment,
)
from tests.factories import CampaignFactory, InsurerFactory, organisation

pytestmark = pytest.mark.postgresql


def region(code):
    return Region.objects.get(code=code)


@pytest.fixture
def published(company_x, company_y, draft_of):
    """By hand: company X nationwide — 客户信息安全 (sales) and 成交客户回访 (after-sales, its
    first version superseded by a second); 呼叫频次 (sales) withdrawn; 投诉受理 (after-sales)
    a draft. Company Y — 赔款支付 (claims) in Beijing, 客户信息安全 (sales) in Shanghai,
    到达现场 (claims) in Liaoning."""

    def publish(user, kind, **fields):
        return publish_commitment(actor=user, commitment=draft_of(user, kind, **fields))

    publish(company_x, "information_security")
    first = publish(company_x, "return_visit")
    second = amend_commitment(actor=company_x, commitment=first)
    publish_commitment(actor=company_x, commitment=second)
    withdraw_commitment(
        actor=company_x, commitment=publish(company_x, "call_frequency"), reason="停止电话销售"
    )
    draft_of(company_x, "complaint_acceptance")
    publish(company_y, "claim_payment", region=region("110000"))
    publish(company_y, "information_security", region=region("310000"))
    publish(company_y, "arrival_on_scene", region=region("210000"), limit_unit="hours")


def figures(year, code):
    return commitments_published(year, organisation(code))


def test_an_insurer_counts_its_own_published_items_by_stage(year, company_x, published):
    assert commitments_published(year, company_x.organisation) == {
        "C01": 1,
        "C02": 1,
        "C03": 1,
        "C04": 0,
    }


def test_an_insurer_that_published_nothing_is_not_an_institution_publishing(year, published):
    newcomer = InsurerFactory(code="newcomer")
    assert commitments_published(year, newcomer) == {"C01": 0, "C02": 0, "C03": 0, "C04": 0}


def test_a_bureau_counts_what_applies_nationwide_and_in_its_region(year, published):
    assert figures(year, "beijing") == {"C01": 2, "C02": 1, "C03": 1, "C04": 1}
    assert figures(year, "shanghai") == {"C01": 2, "C02": 2, "C03": 1, "C04": 0}


def test_a_city_bureau_counts_what_applies_in_its_province(year, published):
    assert figures(year, "dalian") == {"C01": 2, "C02": 1, "C03": 1, "C04": 1}


def test_the_association_counts_every_company(year, published):
    assert figures(year, "iac") == {"C01": 2, "C02": 2, "C03": 1, "C04": 2}


def test_another_campaigns_commitments_are_not_counted(company_x, draft_of, kinds):
    other = CampaignFactory(
        year=2012,
        period_start=datetime.date(2012, 3, 1),
        period_end=datetime.date(2012, 3, 31),
        deadline=datetime.date(2012, 4, 10),
    )
    publish_commitment(actor=company_x, commitment=draft_of(company_x, "information_security"))
    assert commitments_published(other, company_x.organisation)["C02"] == 0


def test_it_is_one_query(year, published, django_assert_num_queries):
    dalian = organisation("dalian")
    with django_assert_num_queries(1):
        commitments_published(year, dalian)
