"""Head office takes a unit off a campaign's list: /campaigns/<year>/units/<code>/remove/.

A unit that has submitted stays on the list (its report counts in the campaign); a unit
removed while drafting keeps its draft, which head office still sees and the unit no longer
changes or submits."""

import pytest

from campaign.models import Campaign, ExpectedUnit
from campaign.services import expected_units as service
from campaign.services import statistics

from ..factories import organisation, statistics_report, valid_values

URL = "/campaigns/2013/units/{code}/remove/"


def test_head_office_removes_a_unit_that_has_not_started(client, english, head_office, campaign):
    client.force_login(head_office)
    response = client.post(URL.format(code="xizang"), follow=True)
    assert response.redirect_chain == [("/campaigns/2013/units/", 302)]
    assert "no longer expects a report from CIRC Tibet Bureau" in response.content.decode()
    assert not campaign.expects(organisation("xizang").pk)
    [removed] = ExpectedUnit.history.filter(organisation__code="xizang")
    assert (removed.history_type, removed.history_user) == ("-", head_office)


def test_the_review_table_no_longer_counts_it(client, head_office, campaign):
    client.force_login(head_office)
    before = client.get("/statistics/2013/review/").context["summary"]
    client.post(URL.format(code="xizang"))
    response = client.get("/statistics/2013/review/")
    assert "xizang" not in [unit.code for unit in response.context["page"].object_list]
    after = response.context["summary"]
    assert (after["units"], after["not_started"]) == (
        before["units"] - 1,
        before["not_started"] - 1,
    )


def test_a_unit_that_has_submitted_stays_on_the_list(
    client, english, head_office, campaign, bureau_a
):
    report = statistics_report(campaign, "beijing")
    statistics.save_report(
        actor=bureau_a, report=report, values=valid_values(report), expected_version=0
    )
    statistics.submit_report(actor=bureau_a, report=report)
    statistics.return_report(actor=head_office, report=report, comment="请核实")
    client.force_login(head_office)
    response = client.post(URL.format(code="beijing"), follow=True)
    assert "has already submitted its report" in response.content.decode()
    assert campaign.expects(organisation("beijing").pk)


def test_a_unit_removed_while_drafting_keeps_its_draft_read_only(
    client, english, head_office, campaign, bureau_a
):
    report = statistics_report(campaign, "beijing")
    statistics.save_report(
        actor=bureau_a, report=report, values=valid_values(report), expected_version=0
    )
    service.remove_expected_unit(
        actor=head_office, campaign=campaign, organisation=organisation("beijing")
    )

    # Head office still sees it, marked, in the table and on its review page.
    client.force_login(head_office)
    table = client.get("/statistics/2013/review/", {"q": "beijing"})
    [beijing] = table.context["page"].object_list
    assert beijing.is_expected is False
    assert client.get("/statistics/2013/beijing/review/").status_code == 200

    # The unit sees its draft but changes nothing, in the page or past it.
    client.force_login(bureau_a)
    form = client.get("/statistics/2013/beijing/")
    assert form.status_code == 200
    assert form.context["editable"] is False
    assert "list of units expected to report: its draft is kept" in form.content.decode()
    assert client.post("/statistics/2013/beijing/", {"version": 1}).status_code == 403
    report.refresh_from_db()
    with pytest.raises(statistics.WorkflowError, match="no longer expects"):
        statistics.submit_report(actor=bureau_a, report=report)
    with pytest.raises(statistics.WorkflowError, match="no longer expects"):
        statistics.save_report(actor=bureau_a, report=report, values={}, expected_version=None)


def test_a_closed_campaigns_list_is_refused_on_the_server(client, english, head_office, campaign):
    campaign.status = Campaign.Status.CLOSED
    campaign.save()
    client.force_login(head_office)
    response = client.post(URL.format(code="xizang"), follow=True)
    assert "its list of units can no longer be changed" in response.content.decode()
    assert campaign.expects(organisation("xizang").pk)


def test_a_unit_not_on_the_list_is_not_found(client, head_office, campaign):
    service.remove_expected_unit(
        actor=head_office, campaign=campaign, organisation=organisation("xizang")
    )
    client.force_login(head_office)
    assert client.post(URL.format(code="xizang")).status_code == 404
    assert client.post(URL.format(code="hq")).status_code == 404


@pytest.mark.parametrize(
    "persona", ["bureau_a", "bureau_a_admin", "company_x", "association", "hotline"]
)
def test_only_head_office_may_remove(client, request, persona, campaign):
    client.force_login(request.getfixturevalue(persona))
    assert client.post(URL.format(code="xizang")).status_code == 403
    assert campaign.expects(organisation("xizang").pk)
