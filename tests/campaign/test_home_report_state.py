"""A unit's home page (the campaign it lands on from /) shows its report's state and the
next thing to do; head office's shows how many reports are in."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest

from campaign.models import Campaign
from campaign.services import statistics as service

from ..factories import statistics_report, valid_values
from ..html import Element

SHANGHAI = ZoneInfo("Asia/Shanghai")
HOME = "/campaigns/2013/"
FORM = "/statistics/2013/beijing/"


@pytest.fixture
def before_deadline(time_machine):
    time_machine.move_to(datetime.datetime(2013, 4, 2, 9, 0, tzinfo=SHANGHAI), tick=False)


@pytest.fixture
def report(campaign):
    return statistics_report(campaign, "beijing")


def submitted(report, user):
    service.save_report(actor=user, report=report, values=valid_values(report), expected_version=0)
    return service.submit_report(actor=user, report=report)


def state(client):
    """The home page's report card: its state line's data-state, its text and its links."""
    card = Element.by_id(client.get(HOME), "own-report")
    line = next(e for e in card.walk() if e.get("data-state"))
    return line["data-state"], card.text, card.links


def test_a_unit_that_has_not_started_is_told_the_deadline(
    client, bureau_a, campaign, english, before_deadline
):
    client.force_login(bureau_a)
    assert client.get("/")["Location"] == HOME
    name, text, links = state(client)
    assert name == "not-started"
    assert "Not started yet: please submit by 10 April (inclusive)." in text
    assert "Start filling in" in text and links == [FORM]


def test_a_draft_shows_how_much_is_filled(client, bureau_a, report, english, before_deadline):
    service.save_report(
        actor=bureau_a, report=report, values={"A01": 1, "A02": 2}, expected_version=0
    )
    client.force_login(bureau_a)
    name, text, links = state(client)
    assert name == "draft"
    assert "Draft: 2 of 47 indicators filled." in text
    assert "Continue filling in" in text and links == [FORM]


def test_a_submitted_report_awaits_review(client, bureau_a, report, english, before_deadline):
    submitted(report, bureau_a)
    client.force_login(bureau_a)
    name, text, links = state(client)
    assert name == "submitted"
    assert "Submitted 2 April 2013 09:00: awaiting review by head office." in text
    assert "View our report" in text and links == [FORM]


def test_a_returned_report_shows_head_offices_comment(
    client, bureau_a, head_office, report, english, before_deadline
):
    submitted(report, bureau_a)
    service.return_report(
        actor=head_office,
        report=report,
        comment="请核实宣传资料数量",
        indicator_comments={"B02": "受众偏少", "C01": "请说明"},
    )
    client.force_login(bureau_a)
    name, text, links = state(client)
    assert name == "returned"
    assert "Returned by head office: please make changes and submit again." in text
    assert "请核实宣传资料数量" in text
    assert "and 2 comments on indicators" in text
    assert "Make changes" in text and links == [FORM]


def test_an_approved_report_says_so(client, bureau_a, head_office, report, english):
    submitted(report, bureau_a)
    service.approve_report(actor=head_office, report=report)
    client.force_login(bureau_a)
    name, text, _links = state(client)
    assert name == "approved"
    assert "Approved by head office." in text and "View our report" in text


def test_a_reopened_report_asks_for_changes(client, bureau_a, head_office, report, english):
    submitted(report, bureau_a)
    service.approve_report(actor=head_office, report=report)
    service.reopen_report(actor=head_office, report=report, comment="补充附件")
    client.force_login(bureau_a)
    name, text, _links = state(client)
    assert name == "reopened"
    assert "Reopened by head office: please make changes and submit again." in text
    assert "Make changes" in text


def test_a_closed_campaign_is_read_only(client, bureau_a, report, english):
    submitted(report, bureau_a)
    Campaign.objects.filter(pk=report.campaign_id).update(status=Campaign.Status.CLOSED)
    client.force_login(bureau_a)
    name, text, _links = state(client)
    assert name == "closed"
    assert "View our report" in text and "Make changes" not in text


def test_the_state_is_shown_in_chinese(client, bureau_a, campaign, before_deadline):
    """Needs the catalogue (the lead's merge): the notice's wording of the deadline."""
    client.force_login(bureau_a)
    _name, text, _links = state(client)
    assert "尚未填报，请在4月10日（含当日）前报送" in text


def test_head_office_sees_how_many_reports_are_in(client, bureau_a, head_office, report, english):
    submitted(report, bureau_a)
    client.force_login(head_office)
    response = client.get(HOME)
    assert Element.by_id(response, "own-report") is None
    card = Element.by_id(response, "reports-in")
    assert "Awaiting review: 1" in card.text
    assert card.links == [
        "/statistics/2013/review/?status=awaiting",
        "/statistics/2013/review/?status=returned",
        "/statistics/2013/review/?status=approved",
        "/statistics/2013/review/?status=not_started",
    ]


def test_head_office_sees_every_stage_and_they_add_up_to_the_units(
    client, bureau_a, head_office, report, english
):
    """A unit filling in its form is counted too: units = awaiting + returned + approved
    + drafting + not started."""
    service.save_report(
        actor=bureau_a, report=report, values={"A01": 1}, expected_version=report.version
    )
    client.force_login(head_office)
    text = Element.by_id(client.get(HOME), "reports-in").text
    units = int(re.search(r"of (\d+) units", text)[1])
    stages = {
        stage: int(re.search(rf"{stage}: (\d+)", text)[1])
        for stage in ("Awaiting review", "Returned", "Approved", "Drafting", "Not started")
    }
    assert stages["Drafting"] == 1
    assert sum(stages.values()) == units


def test_the_home_page_stays_within_its_queries(
    client, bureau_a, head_office, report, django_assert_max_num_queries
):
    submitted(report, bureau_a)
    service.return_report(
        actor=head_office, report=report, comment="请核实", indicator_comments={"B02": "偏少"}
    )
    client.force_login(bureau_a)
    with django_assert_max_num_queries(13):
        client.get(HOME)
