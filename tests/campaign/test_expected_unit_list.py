"""Head office's page of the units a campaign expects: /campaigns/<year>/units/."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaign.models import Campaign, ExpectedUnit, Organisation
from campaign.services import expected_units as service
from campaign.services import statistics

from ..factories import InsurerFactory, organisation, statistics_report, valid_values

pytestmark = pytest.mark.postgresql

URL = "/campaigns/2013/units/"


def codes(response):
    return [unit.code for unit in response.context["units"]]


def test_it_lists_the_expected_units_bureaus_first_in_circs_order(client, head_office, campaign):
    client.force_login(head_office)
    response = client.get(URL)
    assert response.status_code == 200
    listed = codes(response)
    assert len(listed) == campaign.expected_units.count() == 36 + 1  # the bureaus and iac
    assert listed[:3] == ["beijing", "tianjin", "hebei"]
    assert listed[30:36] == ["xinjiang", "dalian", "ningbo", "xiamen", "qingdao", "shenzhen"]
    assert listed[-1] == "iac"
    assert "hq" not in listed


def test_units_are_grouped_under_their_kind(client, english, head_office, campaign, company_x):
    client.force_login(head_office)
    page = client.get(URL).content.decode()
    bureaus, insurers, association = (
        page.index("Regional bureau"),
        page.index("Insurance company"),
        page.index("Industry association"),
    )
    assert bureaus < page.index("CIRC Beijing Bureau") < insurers
    assert insurers < page.index(company_x.organisation.name_en) < association


def test_it_searches_by_code_or_name(client, head_office, campaign):
    client.force_login(head_office)
    assert codes(client.get(URL, {"q": "shang"})) == ["shanghai"]
    assert codes(client.get(URL, {"q": "西藏"})) == ["xizang"]


def test_the_add_list_offers_active_reporting_units_not_yet_expected(client, head_office, campaign):
    InsurerFactory(code="new-life", expected=False)
    InsurerFactory(code="gone-life", expected=False, is_active=False)
    client.force_login(head_office)
    offered = [unit.code for unit in client.get(URL).context["units_to_add"]]
    assert offered == ["new-life"]


@pytest.fixture
def valid_beijing_submission(campaign, bureau_a):
    report = statistics_report(campaign, "beijing")
    statistics.save_report(
        actor=bureau_a, report=report, values=valid_values(report), expected_version=0
    )
    statistics.submit_report(actor=bureau_a, report=report)
    return report


def test_it_shows_each_units_report_and_who_has_reported_cannot_be_removed(
    client, english, head_office, campaign, bureau_a, valid_beijing_submission
):
    client.force_login(head_office)
    page = client.get(URL).content.decode()
    beijing_row = page.split("CIRC Beijing Bureau")[1].split("</tr>")[0]
    assert "Submitted" in beijing_row
    assert "Has reported: stays on the list" in beijing_row
    assert "/campaigns/2013/units/beijing/remove/" not in page
    shanghai_row = page.split("CIRC Shanghai Bureau")[1].split("</tr>")[0]
    assert "Not started" in shanghai_row
    assert "/campaigns/2013/units/shanghai/remove/" in shanghai_row
    assert "data-portal-confirm" in shanghai_row


def test_it_lists_the_changes_with_who_made_them(client, english, head_office, campaign):
    newcomer = InsurerFactory(code="new-life", name_en="New Life", expected=False)
    service.add_expected_unit(actor=head_office, campaign=campaign, organisation=newcomer)
    service.remove_expected_unit(
        actor=head_office, campaign=campaign, organisation=organisation("xizang")
    )
    client.force_login(head_office)
    response = client.get(URL)
    changes = response.context["changes"]
    assert [(c.history_type, c.organisation.code) for c in changes] == [
        ("-", "xizang"),
        ("+", "new-life"),
    ]
    assert {c.history_user for c in changes} == {head_office}
    page = response.content.decode()
    assert "Removed CIRC Tibet Bureau" in page
    assert "Added New Life" in page


def test_a_closed_campaigns_list_is_read_only(client, english, head_office, campaign):
    campaign.status = Campaign.Status.CLOSED
    campaign.save()
    client.force_login(head_office)
    response = client.get(URL)
    page = response.content.decode()
    assert response.context["editable"] is False
    assert "/campaigns/2013/units/add/" not in page
    assert "/remove/" not in page
    assert "can no longer be changed" in page


def test_the_campaign_page_and_the_review_table_link_to_it(client, head_office, campaign):
    client.force_login(head_office)
    assert URL in client.get("/campaigns/2013/").content.decode()
    assert URL in client.get("/statistics/2013/review/").content.decode()


def test_the_page_runs_the_same_queries_for_30_or_300_units(
    client, head_office, campaign, django_assert_num_queries
):
    def add_insurers(numbers):
        insurers = Organisation.objects.bulk_create(
            Organisation(code=f"q-{n:03}", kind="insurer", name_zh=f"示例保险{n}") for n in numbers
        )
        # Every other one expected, with a history entry naming head office.
        for insurer in insurers[::2]:
            service.add_expected_unit(actor=head_office, campaign=campaign, organisation=insurer)
        for insurer in insurers[::6]:
            statistics_report(campaign, insurer.code)

    client.force_login(head_office)
    add_insurers(range(30))
    with CaptureQueriesContext(connection) as thirty:
        assert client.get(URL).status_code == 200
    add_insurers(range(30, 300))
    with django_assert_num_queries(len(thirty)):
        response = client.get(URL)
    assert len(response.context["units"]) == ExpectedUnit.objects.count()
    assert len(response.context["units_to_add"]) == 150


@pytest.mark.parametrize(
    "persona", ["bureau_a", "bureau_a_admin", "company_x", "association", "hotline"]
)
def test_only_head_office_sees_it(client, campaign, persona, request):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 403


def test_an_unknown_campaign_is_404(client, head_office, campaign):
    client.force_login(head_office)
    assert client.get("/campaigns/2099/units/").status_code == 404
