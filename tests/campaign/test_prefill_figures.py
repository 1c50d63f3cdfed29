"""campaign.figures: the figures the campaign's own records give the statistics form — a
unit's events of the campaign by kind (B01–B14, D01, D04, F01–F03), the 双十佳 exemplars
published (D02, D03) and its media reports (G01, G02)."""

import datetime

import pytest

from campaign.figures import events_held, exemplars_published, media_reports
from campaign.models import Activity, Exemplar, MediaReport, Region

from ..factories import CampaignFactory, InsurerFactory, organisation

pytestmark = pytest.mark.postgresql

Kind = Activity.Kind


@pytest.fixture
def other_campaign(db):
    return CampaignFactory(
        year=2012,
        period_start=datetime.date(2012, 3, 1),
        period_end=datetime.date(2012, 3, 31),
        deadline=datetime.date(2012, 4, 10),
    )


def event(campaign, user, kind, people, *, brochures=0, boards=0, unit=None):
    return Activity.objects.create(
        campaign=campaign,
        organisation=unit or user.organisation,
        held_on=datetime.date(2013, 3, 15),
        kind=kind,
        place="某地",
        people_reached=people,
        brochures=brochures,
        display_boards=boards,
        no_insurance_sold=True,
        recorded_by=user,
    )


def test_events_count_by_kind_with_the_people_they_reached(
    campaign, other_campaign, bureau_a, bureau_b
):
    """By hand: Beijing — 3 school events (40 + 50 + 60 people, 100 + 200 brochures, 2
    boards), 1 in a village (30), 2 desks (80 + 20, 500 brochures, 3 boards), 1 forum, 2
    reception days (12 + 8), 1 commendation meeting, 1 other event (5 boards); Shanghai's
    school event and Beijing's in the 2012 campaign do not count."""
    event(campaign, bureau_a, Kind.SCHOOL, 40, brochures=100)
    event(campaign, bureau_a, Kind.SCHOOL, 50, brochures=200, boards=2)
    event(campaign, bureau_a, Kind.SCHOOL, 60)
    event(campaign, bureau_a, Kind.COUNTRYSIDE, 30)
    event(campaign, bureau_a, Kind.DESK, 80, brochures=500, boards=1)
    event(campaign, bureau_a, Kind.DESK, 20, boards=2)
    event(campaign, bureau_a, Kind.SUPERVISOR_FORUM, 15)
    event(campaign, bureau_a, Kind.RECEPTION_DAY, 12)
    event(campaign, bureau_a, Kind.RECEPTION_DAY, 8)
    event(campaign, bureau_a, Kind.COMMENDATION, 200)
    event(campaign, bureau_a, Kind.OTHER, 10, boards=5)
    event(campaign, bureau_b, Kind.SCHOOL, 999)
    event(other_campaign, bureau_a, Kind.SCHOOL, 999)

    assert events_held(campaign, bureau_a.organisation) == {
        "B01": 3,
        "B02": 150,
        "B03": 1,
        "B04": 30,
        "B05": 0,
        "B06": 0,
        "B07": 0,
        "B08": 0,
        "B09": 0,
        "B10": 0,
        "B11": 800,
        "B12": 10,
        "B13": 2,
        "B14": 100,
        "D01": 1,
        "D04": 0,
        "F01": 1,
        "F02": 2,
        "F03": 20,
    }


def test_a_unit_without_events_is_given_zeros(campaign, company_x):
    figures = events_held(campaign, company_x.organisation)
    assert set(figures.values()) == {0} and len(figures) == 19


def exemplar(campaign, user, kind, region_code, *, status=Exemplar.Status.PUBLISHED):
    return Exemplar.objects.create(
        campaign=campaign,
        region=Region.objects.get(code=region_code),
        organisation=user.organisation,
        kind=kind,
        name="王芳",
        company=InsurerFactory(code="demo-pc"),
        deeds="热情服务，耐心解答消费者咨询。",
        status=status,
        created_by=user,
    )


@pytest.fixture
def exemplars(campaign, other_campaign, bureau_a, bureau_b, association):
    """By hand: for Beijing, published — 3 persons and 1 counter listed by the bureau, 1 person
    listed by the association — and 1 person still a draft, 1 person of 2012; for Shanghai 2
    counters listed by its bureau."""
    person, counter = Exemplar.Kind.PERSON, Exemplar.Kind.COUNTER
    for _ in range(3):
        exemplar(campaign, bureau_a, person, "110000")
    exemplar(campaign, bureau_a, counter, "110000")
    exemplar(campaign, association, person, "110000")
    exemplar(campaign, bureau_a, person, "110000", status=Exemplar.Status.DRAFT)
    exemplar(other_campaign, bureau_a, person, "110000")
    exemplar(campaign, bureau_b, counter, "310000")
    exemplar(campaign, bureau_b, counter, "310000")


def test_a_bureau_counts_the_exemplars_published_for_its_region(campaign, exemplars):
    assert exemplars_published(campaign, organisation("beijing")) == {"D02": 4, "D03": 1}
    assert exemplars_published(campaign, organisation("shanghai")) == {"D02": 0, "D03": 2}


def test_the_association_counts_those_it_listed(campaign, exemplars):
    assert exemplars_published(campaign, organisation("iac")) == {"D02": 1, "D03": 0}


def test_an_insurer_is_given_no_exemplar_figures(campaign, exemplars, company_x):
    assert exemplars_published(campaign, company_x.organisation) == {}


def media_report(campaign, user, kind):
    return MediaReport.objects.create(
        campaign=campaign,
        organisation=user.organisation,
        kind=kind,
        title="保险知识进校园",
        outlet="北京日报",
        published_on=datetime.date(2013, 3, 16),
        recorded_by=user,
    )


def test_media_reports_count_by_kind(campaign, other_campaign, bureau_a, bureau_b):
    """By hand: Beijing — 2 news reports and 1 column; Shanghai's report and Beijing's of 2012
    do not count."""
    news, column = MediaReport.Kind.NEWS, MediaReport.Kind.COLUMN
    media_report(campaign, bureau_a, news)
    media_report(campaign, bureau_a, news)
    media_report(campaign, bureau_a, column)
    media_report(campaign, bureau_b, news)
    media_report(other_campaign, bureau_a, news)
    assert media_reports(campaign, bureau_a.organisation) == {"G01": 2, "G02": 1}


def test_each_is_one_query(campaign, bureau_a, django_assert_num_queries):
    beijing = bureau_a.organisation
    for provider in (events_held, exemplars_published, media_reports):
        with django_assert_num_queries(1):
            provider(campaign, beijing)
