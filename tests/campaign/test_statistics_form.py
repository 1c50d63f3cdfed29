"""The unit's statistics form page: fill in, save drafts, submit, conflicts."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaign.models import Indicator, StatisticsReport
from campaign.selectors import reports as selectors
from campaign.services import statistics as service

from ..factories import RESPONSIBLE_POSTED, statistics_report, valid_values
from ..html import Element

URL = "/statistics/2013/beijing/"


def form_data(report, values, **extra):
    data = {"version": report.version, "summary": "", **RESPONSIBLE_POSTED}
    data.update({code: str(value) for code, value in values.items()})
    data.update(extra)
    return data


@pytest.fixture
def report(campaign):
    return statistics_report(campaign, "beijing")


def test_it_shows_only_the_units_own_indicators_grouped_by_section(client, bureau_a, campaign):
    client.force_login(bureau_a)
    response = client.get(URL)
    sections = response.context["sections"]
    assert [block["section"].code for block in sections] == list("ABCDEFG")
    codes = [row["indicator"].code for block in sections for row in block["rows"]]
    assert "F01" in codes and "E06" in codes and "E14" not in codes and len(codes) == 47
    assert "人次" in response.content.decode()


def test_an_insurer_does_not_see_bureau_only_indicators(client, company_x, campaign):
    client.force_login(company_x)
    response = client.get("/statistics/2013/demo-life/")
    codes = [
        row["indicator"].code for block in response.context["sections"] for row in block["rows"]
    ]
    assert "F01" not in codes and "E06" not in codes and "C02" in codes


def test_half_filled_draft_is_kept_and_shown_again(client, bureau_a, report):
    client.force_login(bureau_a)
    response = client.post(URL, form_data(report, {"A01": 120, "A02": "3.5"}, save=""))
    assert response.status_code == 302
    assert selectors.values_of(report) == {"A01": Decimal(120), "A02": Decimal("3.50")}
    page = client.get(URL).content.decode()
    assert 'value="120"' in page and 'value="3.50"' in page


def test_a_bad_value_is_refused_next_to_its_field_and_the_input_is_kept(client, bureau_a, report):
    client.force_login(bureau_a)
    response = client.post(URL, form_data(report, {"A01": "-3", "B01": "12"}, save=""))
    assert response.status_code == 200
    assert response.context["form"].errors["A01"]
    assert 'value="12"' in response.content.decode()
    assert selectors.values_of(report) == {}


def test_a_decimal_comma_is_refused_not_stored_as_a_larger_figure(client, bureau_a, report):
    """0,25 in a 10,000-yuan field was stored as 25.00, and 10² as 102."""
    client.force_login(bureau_a)
    client.cookies["django_language"] = "en"
    response = client.post(URL, form_data(report, {"A02": "0,25", "B01": "10²"}, save=""))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "use a decimal point, not a comma" in errors["A02"][0]
    assert errors["B01"]
    assert 'value="0,25"' in response.content.decode()
    assert selectors.values_of(report) == {}


def test_the_e01_sum_error_blocks_submission_and_keeps_the_draft(client, bureau_a, report):
    client.force_login(bureau_a)
    values = valid_values(report) | {"E01": 41}
    response = client.post(URL, form_data(report, values, submit=""))
    assert response.status_code == 200
    assert [f.code for f in response.context["refused"].errors] == ["E01"]
    report.refresh_from_db()
    assert report.status == StatisticsReport.Status.DRAFT
    assert selectors.values_of(report)["E01"] == Decimal(41)
    assert response.context["form"]["version"].value() == report.version


def test_fixing_the_sum_and_noting_a_warning_submits(client, bureau_a, report):
    client.force_login(bureau_a)
    values = valid_values(report) | {"B02": 1}
    response = client.post(URL, form_data(report, values, submit=""))
    assert [f.key for f in response.context["refused"].unacknowledged] == ["B02-AUDIENCE"]
    report.refresh_from_db()
    response = client.post(
        URL, form_data(report, values, submit="", **{"note:B02-AUDIENCE": "线上直播受众另计"})
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == StatisticsReport.Status.SUBMITTED
    assert report.acknowledgements.get().note == "线上直播受众另计"


def test_the_second_of_two_saves_gets_a_conflict_and_keeps_its_input(client, bureau_a, report):
    colleague = client.__class__()
    colleague.force_login(bureau_a)
    client.force_login(bureau_a)
    colleague.post(URL, form_data(report, {"A01": 100}, save=""))
    response = client.post(URL, form_data(report, {"A01": 200, "A03": 7}, save=""))
    assert response.status_code == 200
    assert [(c.code, c.value) for c in response.context["conflict"].changes] == [("A01", "100")]
    assert 'value="200"' in response.content.decode()
    assert selectors.values_of(report) == {"A01": Decimal(100)}
    retry = client.post(URL, response.context["form"].data | {"save": ""})
    assert retry.status_code == 302
    assert selectors.values_of(report) == {"A01": Decimal(200), "A03": Decimal(7)}


def test_a_conflict_lists_the_colleagues_values_each_linked_to_its_field(
    client, bureau_a, report, english
):
    colleague = client.__class__()
    colleague.force_login(bureau_a)
    client.force_login(bureau_a)
    colleague.post(URL, form_data(report, {"A01": 100}, save=""))
    response = client.post(URL, form_data(report, {"A01": 200}, save=""))
    conflict = Element.by_id(response, "conflict")
    rows = [[cell.text for cell in row.find_all("td")] for row in conflict.find_all("tr")[1:]]
    assert [row[:4] for row in rows] == [
        ["A01", Indicator.objects.get(campaign=report.campaign, code="A01").name, "100", "beijing"]
    ]
    assert conflict.links == ["#id_A01"]
    assert conflict.first("td", **{"class": "text-end fw-semibold"}).text == "100"


def test_a_submitted_report_is_read_only(client, bureau_a, report):
    service.save_report(
        actor=bureau_a, report=report, values=valid_values(report), expected_version=0
    )
    service.submit_report(actor=bureau_a, report=report)
    client.force_login(bureau_a)
    response = client.get(URL)
    assert response.context["editable"] is False
    assert 'name="A01"' not in response.content.decode()
    response = client.post(URL, form_data(report, {"A01": 1}, save=""))
    assert response.status_code == 403


def test_a_returned_report_shows_head_offices_comments(client, bureau_a, head_office, report):
    service.save_report(
        actor=bureau_a, report=report, values=valid_values(report), expected_version=0
    )
    service.submit_report(actor=bureau_a, report=report)
    service.return_report(
        actor=head_office, report=report, comment="请核实", indicator_comments={"B02": "受众偏少"}
    )
    client.force_login(bureau_a)
    page = client.get(URL).content.decode()
    assert "请核实" in page and "受众偏少" in page


def test_head_office_reads_the_form_but_cannot_change_it(client, head_office, bureau_a, report):
    client.force_login(head_office)
    response = client.get(URL)
    assert response.status_code == 200
    assert response.context["editable"] is False
    assert client.post(URL, form_data(report, {"A01": 1}, save="")).status_code == 403
    assert selectors.values_of(report) == {}


@pytest.mark.parametrize("persona", ["bureau_b", "company_x", "association", "hotline"])
def test_other_units_cannot_see_the_form(client, as_persona, campaign, persona):
    as_persona(persona)
    assert client.get(URL).status_code == 404
    assert client.post(URL, {"version": 0, "A01": "1", "save": ""}).status_code == 404


def test_the_form_page_runs_a_constant_number_of_queries(client, bureau_a, report):
    service.save_report(
        actor=bureau_a, report=report, values=valid_values(report), expected_version=0
    )
    client.force_login(bureau_a)
    client.get(URL)
    with CaptureQueriesContext(connection) as with_47_indicators:
        client.get(URL)
    section = report.campaign.sections.get(code="G")
    Indicator.objects.bulk_create(
        Indicator(
            campaign=report.campaign,
            section=section,
            code=f"G{n}",
            name_zh=f"新增{n}",
            unit_zh="个",
            position=100 + n,
        )
        for n in range(10, 60)
    )
    with CaptureQueriesContext(connection) as with_97_indicators:
        response = client.get(URL)
    assert len(response.context["indicators"]) == 97
    assert len(with_97_indicators) == len(with_47_indicators)


def test_the_navigation_leads_a_bureau_to_its_own_form(client, bureau_a, campaign):
    client.force_login(bureau_a)
    assert client.get("/statistics/")["Location"] == URL
