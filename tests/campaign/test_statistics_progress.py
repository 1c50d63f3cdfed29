"""The statistics form's progress panel, and how a refused save lists its errors."""

from decimal import Decimal

import pytest

from campaign.selectors import reports as selectors
from campaign.services import statistics as service

from ..factories import statistics_report, valid_values
from ..html import Element

URL = "/statistics/2013/beijing/"


@pytest.fixture
def report(campaign):
    return statistics_report(campaign, "beijing")


def panel(response):
    return Element.by_id(response, "progress")


def anchors(element):
    return element.links


def test_a_new_report_has_none_of_its_indicators_filled(client, bureau_a, report, english):
    client.force_login(bureau_a)
    progress = panel(client.get(URL))
    assert "0 of 47 indicators filled" in progress.text
    bar = progress.first("progress")
    assert (bar["value"], bar["max"]) == ("0", "47")
    assert progress.find(bar["aria-labelledby"]).text == "0 of 47 indicators filled"
    assert "Not saved yet" in progress.text
    assert "No errors" in progress.text


def test_saved_values_are_counted_with_who_saved_them(client, bureau_a, report, english):
    client.force_login(bureau_a)
    client.post(URL, {"version": 0, "summary": "", "A01": "120", "A02": "3.5", "save": ""})
    progress = panel(client.get(URL))
    assert "2 of 47 indicators filled" in progress.text
    assert f"by {bureau_a.display_name}" in progress.find("progress-saved").text


def test_errors_and_warnings_are_counted_with_links_to_their_fields(
    client, bureau_a, report, english
):
    values = valid_values(report) | {"E01": 41, "B02": 1}
    service.save_report(actor=bureau_a, report=report, values=values, expected_version=0)
    client.force_login(bureau_a)
    progress = panel(client.get(URL))
    errors, warnings = progress.find("progress-errors"), progress.find("progress-warnings")
    assert "1 error" in errors.text
    assert anchors(errors) == ["#id_E01"]
    assert "1 warning" in warnings.text
    assert anchors(warnings) == ["#id_note:B02-AUDIENCE"]
    assert "47 of 47 indicators filled" in progress.text


def test_a_read_only_report_links_to_the_rows(client, bureau_a, head_office, report, english):
    values = valid_values(report) | {"E01": 41}
    service.save_report(actor=bureau_a, report=report, values=values, expected_version=0)
    client.force_login(head_office)
    response = client.get(URL)
    assert anchors(panel(response).find("progress-errors")) == ["#row-E01"]
    assert 'id="row-E01"' in response.content.decode()


def test_a_refused_save_counts_and_lists_the_values_it_could_not_read(
    client, bureau_a, report, english
):
    client.force_login(bureau_a)
    response = client.post(
        URL, {"version": 0, "summary": "", "A01": "12a", "A03": "-1", "B01": "7", "save": ""}
    )
    assert response.status_code == 200
    refusal = Element.by_id(response, "invalid")
    assert "Nothing has been saved" in refusal.text
    assert "2 errors must be corrected" in refusal.text
    assert anchors(refusal) == ["#id_A01", "#id_A03"]
    page = response.content.decode()
    assert 'value="12a"' in page and 'value="7"' in page
    assert selectors.values_of(report) == {}
    progress = panel(response)
    assert "1 of 47 indicators filled" in progress.text
    assert {"#id_A01", "#id_A03"} <= set(anchors(progress.find("progress-errors")))


def test_a_refused_submission_lists_its_errors_and_warnings_with_links(
    client, bureau_a, report, english
):
    client.force_login(bureau_a)
    values = valid_values(report) | {"E01": 41, "B02": 1}
    data = {"version": 0, "summary": "", "submit": ""} | {k: str(v) for k, v in values.items()}
    response = client.post(URL, data)
    refusal = Element.by_id(response, "refused")
    assert "1 error must be corrected" in refusal.text
    assert "1 warning needs a note" in refusal.text
    assert anchors(refusal) == ["#id_E01", "#id_note:B02-AUDIENCE", "#responsibility"]
    assert selectors.values_of(report)["E01"] == Decimal(41)


def test_the_form_page_stays_within_its_queries(
    client, bureau_a, report, django_assert_max_num_queries
):
    values = valid_values(report) | {"E01": 41, "B02": 1}
    service.save_report(actor=bureau_a, report=report, values=values, expected_version=0)
    client.force_login(bureau_a)
    # 16, and one for each provider of the recorded figures (portal.prefill): events,
    # exemplars, media reports, commitments, complaints and incidents.
    with django_assert_max_num_queries(16 + 6):
        client.get(URL)


def test_a_summary_too_long_is_listed_by_its_name(client, bureau_a, report, english):
    client.force_login(bureau_a)
    response = client.post(URL, {"version": 0, "summary": "x" * 100_001, "A01": "1", "save": ""})
    refusal = Element.by_id(response, "invalid")
    assert "1 error must be corrected" in refusal.text
    assert refusal.links == ["#id_summary"]
    assert "Written summary" in refusal.text
    assert selectors.values_of(report) == {}
