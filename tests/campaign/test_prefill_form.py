"""The statistics form shows, beside each indicator the portal counts from its own records,
the recorded figure, a button to take it and a mark where the value entered differs; head
office's review page shows the figures and the marks, read-only."""

import datetime
from decimal import Decimal

import pytest

from campaign.models import Activity
from campaign.services import statistics as service

from ..factories import statistics_report, valid_values
from ..html import Element

URL = "/statistics/2013/beijing/"


@pytest.fixture
def events(campaign, bureau_a):
    """Beijing logged three 进学校 events (40 + 50 + 60 people) and one 局长接待日 (25)."""
    for kind, people in [
        (Activity.Kind.SCHOOL, 40),
        (Activity.Kind.SCHOOL, 50),
        (Activity.Kind.SCHOOL, 60),
        (Activity.Kind.RECEPTION_DAY, 25),
    ]:
        Activity.objects.create(
            campaign=campaign,
            organisation=bureau_a.organisation,
            held_on=datetime.date(2013, 3, 12),
            kind=kind,
            place="北京市第一中学",
            people_reached=people,
            no_insurance_sold=True,
            recorded_by=bureau_a,
        )


def recorded(response, code):
    return Element.by_id(response, f"recorded-{code}")


def difference_mark(block):
    return next(e for e in block.walk() if "data-portal-differs" in e.attrs)


def test_the_form_shows_the_recorded_figures_with_a_button_to_take_them(
    client, english, bureau_a, events
):
    client.force_login(bureau_a)
    response = client.get(URL)
    b01 = recorded(response, "B01")
    assert b01.text.startswith("Recorded: 3 events")
    assert b01["data-portal-recorded"] == "3" and b01["data-portal-recorded-for"] == "id_B01"
    button = b01.first("button")
    assert button.text == "Take" and button["aria-label"] == (
        "Take the recorded figure for B01 Events in schools"
    )
    assert recorded(response, "B02")["data-portal-recorded"] == "150"
    assert recorded(response, "F02").text.startswith("Recorded: 1 days")
    assert recorded(response, "F03")["data-portal-recorded"] == "25"
    # What the portal cannot count (funds spent, hotline calls) has no figure.
    assert recorded(response, "A02") is None and recorded(response, "E06") is None


def test_the_input_is_described_by_its_recorded_figure(client, bureau_a, events):
    client.force_login(bureau_a)
    page = Element.parse(client.get(URL).content.decode())
    assert page.find("id_B01")["aria-describedby"] == "recorded-B01"
    assert page.find("id_A01").get("aria-describedby") is None


def test_a_section_with_recorded_figures_has_a_take_all_button(client, english, bureau_a, events):
    client.force_login(bureau_a)
    page = Element.parse(client.get(URL).content.decode())
    take_all = [
        button.text for button in page.find_all("button") if "data-portal-take-all" in button.attrs
    ]
    assert take_all == ["Take all recorded"] * 6  # B, C, D, E, F, G; A has none
    script = [e.get("src", "") for e in page.find_all("script")]
    assert any(src.endswith("js/recorded_figures.js") for src in script)


def test_a_value_that_differs_from_the_record_is_marked(
    client, english, bureau_a, events, campaign
):
    report = statistics_report(campaign, "beijing")
    values = valid_values(report) | {"B01": Decimal(3), "B02": Decimal(120)}
    service.save_report(actor=bureau_a, report=report, values=values, expected_version=0)
    client.force_login(bureau_a)
    response = client.get(URL)
    same, differs = recorded(response, "B01"), recorded(response, "B02")
    assert "hidden" in difference_mark(same).attrs
    mark = difference_mark(differs)
    assert "hidden" not in mark.attrs and mark.text == "Differs from the record"
    assert mark.first("i")["aria-hidden"] == "true"


def test_an_empty_value_is_not_marked_as_differing(client, bureau_a, events):
    client.force_login(bureau_a)
    response = client.get(URL)
    rows = {
        row["indicator"].code: row
        for block in response.context["sections"]
        for row in block["rows"]
    }
    assert rows["B01"]["recorded"] == 3 and rows["B01"]["differs"] is False


def test_input_sent_back_with_an_error_is_compared_with_the_record(
    client, bureau_a, events, campaign
):
    report = statistics_report(campaign, "beijing")
    client.force_login(bureau_a)
    response = client.post(
        URL, {"version": report.version, "summary": "", "B01": "2", "A01": "-1", "save": ""}
    )
    rows = {
        row["indicator"].code: row
        for block in response.context["sections"]
        for row in block["rows"]
    }
    assert response.status_code == 200 and rows["B01"]["differs"] is True


def test_a_read_only_form_shows_the_figures_and_marks_without_buttons(
    client, english, bureau_a, events, campaign
):
    report = statistics_report(campaign, "beijing")
    service.save_report(
        actor=bureau_a, report=report, values=valid_values(report), expected_version=0
    )
    service.submit_report(actor=bureau_a, report=report, expected_version=report.version)
    client.force_login(bureau_a)
    response = client.get(URL)
    b01 = recorded(response, "B01")
    assert b01.text == "Recorded: 3 events Differs from the record"
    assert b01.first("button") is None and "data-portal-recorded" not in b01.attrs
    assert recorded(response, "B02").text == "Recorded: 150 person-times Differs from the record"
    assert recorded(response, "F02").text == "Recorded: 1 days Differs from the record"


def test_head_office_sees_the_recorded_figures_on_the_review_page(
    client, english, head_office, bureau_a, events, campaign
):
    report = statistics_report(campaign, "beijing")
    values = valid_values(report) | {"B01": Decimal(3)}
    service.save_report(actor=bureau_a, report=report, values=values, expected_version=0)
    service.submit_report(actor=bureau_a, report=report, expected_version=report.version)
    client.force_login(head_office)
    response = client.get("/statistics/2013/beijing/review/")
    assert recorded(response, "B01").text == "Recorded: 3 events"
    assert recorded(response, "B02").text == "Recorded: 150 person-times Differs from the record"
    assert recorded(response, "B01").first("button") is None


def test_the_figures_of_another_unit_are_not_shown(client, bureau_b, events):
    """Shanghai's form counts Shanghai's events, not Beijing's."""
    client.force_login(bureau_b)
    response = client.get("/statistics/2013/shanghai/")
    assert recorded(response, "B01")["data-portal-recorded"] == "0"
