"""complaints.figures: E01–E05 and E13 on the statistics form, the complaints received in the
campaign's activity period (1–31 March 2013, Beijing dates) by channel, and E10–E12, the
incidents opened in it; a bureau's those routed to it, an insurer's those about it."""

import datetime
import zoneinfo

import pytest

from complaints.figures import complaints_received, incidents_opened
from complaints.models import Incident
from tests.factories import CampaignFactory, InsurerFactory, organisation
from tests.factories import complaint as register_complaint

pytestmark = pytest.mark.postgresql

BEIJING = zoneinfo.ZoneInfo("Asia/Shanghai")
FIRST_SECOND = datetime.datetime(2013, 3, 1, 0, 0, 0, tzinfo=BEIJING)
LAST_SECOND = datetime.datetime(2013, 3, 31, 23, 59, 59, tzinfo=BEIJING)
SECOND = datetime.timedelta(seconds=1)


@pytest.fixture
def campaign(db):
    return CampaignFactory()


@pytest.fixture
def company(db):
    return InsurerFactory(code="demo-pc", name_zh="示例财产保险股份有限公司")


@pytest.fixture
def other_company(db):
    return InsurerFactory(code="demo-life", name_zh="示例人寿保险股份有限公司")


def received(at, channel="phone", company=None, province="北京市"):
    return register_complaint(received_at=at, channel=channel, company=company, province=province)


@pytest.fixture
def complaints(company, other_company):
    """By hand, in the period: to Beijing about demo-pc — 2 letters, 1 visit, 3 calls, 1 online
    (the first and the last second of the period among them); to Beijing about demo-life 1
    call; to Shanghai about demo-pc 1 letter. Outside: a call to Beijing one second before the
    period and one one second after it."""
    in_period = FIRST_SECOND + datetime.timedelta(days=10)
    for at, channel in [
        (FIRST_SECOND, "letter"),
        (in_period, "letter"),
        (in_period, "visit"),
        (in_period, "phone"),
        (in_period, "phone"),
        (LAST_SECOND, "phone"),
        (in_period, "web"),
    ]:
        received(at, channel, company)
    received(in_period, "phone", other_company)
    received(in_period, "letter", company, province="上海市")
    received(FIRST_SECOND - SECOND, "phone", company)
    received(LAST_SECOND + SECOND, "phone", company)


def test_a_bureau_counts_the_complaints_routed_to_it_in_the_period_by_channel(campaign, complaints):
    assert complaints_received(campaign, organisation("beijing")) == {
        "E01": 8,
        "E02": 2,
        "E03": 1,
        "E04": 4,
        "E05": 1,
        "E13": 0,
    }
    assert complaints_received(campaign, organisation("shanghai"))["E01"] == 1


def test_an_insurer_counts_the_complaints_about_it(campaign, complaints, company, other_company):
    assert complaints_received(campaign, company) == {
        "E01": 8,
        "E02": 3,
        "E03": 1,
        "E04": 3,
        "E05": 1,
        "E13": 0,
    }
    assert complaints_received(campaign, other_company)["E04"] == 1


def test_the_recorded_complaints_add_up_as_the_table_requires(campaign, complaints):
    """E01 = E02 + E03 + E04 + E05 + E13 (rule E01-SUM): no complaint comes by another
    channel, so E13 is recorded as 0."""
    figures = complaints_received(campaign, organisation("beijing"))
    assert figures["E01"] == sum(figures[code] for code in ("E02", "E03", "E04", "E05", "E13"))


def test_the_association_is_given_no_complaint_figures(campaign, complaints):
    assert complaints_received(campaign, organisation("iac")) == {}
    assert incidents_opened(campaign, organisation("iac")) == {}


def test_incidents_opened_in_the_period_count_by_kind(campaign, company):
    """By hand: Beijing — 2 group incidents and 1 petition opened in March (one of them on a
    complaint received in February), a major one opened on 1 April; Shanghai — 1 major."""
    opened = [
        (FIRST_SECOND - SECOND, FIRST_SECOND, Incident.Kind.GROUP, "北京市"),
        (FIRST_SECOND, LAST_SECOND, Incident.Kind.GROUP, "北京市"),
        (FIRST_SECOND, FIRST_SECOND, Incident.Kind.PETITION, "北京市"),
        (LAST_SECOND, LAST_SECOND + SECOND, Incident.Kind.MAJOR, "北京市"),
        (FIRST_SECOND, FIRST_SECOND, Incident.Kind.MAJOR, "上海市"),
    ]
    for received_at, opened_at, kind, province in opened:
        complaint = received(received_at, company=company, province=province)
        Incident.objects.create(complaint=complaint, kind=kind, opened_at=opened_at)
    assert incidents_opened(campaign, organisation("beijing")) == {"E10": 2, "E11": 1, "E12": 0}
    assert incidents_opened(campaign, organisation("shanghai")) == {"E10": 0, "E11": 0, "E12": 1}
    assert incidents_opened(campaign, company) == {"E10": 2, "E11": 1, "E12": 1}


def test_each_is_one_query(campaign, complaints, django_assert_num_queries):
    beijing = organisation("beijing")
    with django_assert_num_queries(1):
        complaints_received(campaign, beijing)
    with django_assert_num_queries(1):
        incidents_opened(campaign, beijing)
