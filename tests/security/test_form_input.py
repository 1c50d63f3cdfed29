"""Odd and hostile input in every form: NUL characters (PostgreSQL refuses them in text, so
they must be a form error, never a 500 — SQLite would store them silently), control
characters and line breaks in names, very long text, and numbers that are not numbers."""

from decimal import Decimal

import pytest

from campaign.models import Campaign, Indicator, Organisation, StatisticsReport
from campaign.selectors import reports as selectors
from campaign.services import statistics as statistics_services

from ..factories import valid_values

NUL = "before\x00after"


def form_errors(response, name="form"):
    assert response.status_code == 200, response.get("Location")
    return response.context[name].errors


def statistics_data(report, **extra):
    data = {"version": report.version, "summary": ""}
    data.update({code: str(value) for code, value in valid_values(report).items()})
    return data | extra


@pytest.mark.parametrize("field", ["summary", "A01", "B02"])
def test_a_nul_in_the_units_form_is_a_form_error(client, bureau_a, beijing, field):
    client.force_login(bureau_a)
    before = (beijing.version, selectors.values_of(beijing))
    response = client.post("/statistics/2013/beijing/", statistics_data(beijing, **{field: NUL}))
    assert field in form_errors(response)
    beijing.refresh_from_db()
    assert (beijing.version, selectors.values_of(beijing)) == before


def test_a_nul_in_a_warning_note_is_a_form_error(client, bureau_a, beijing):
    client.force_login(bureau_a)
    data = statistics_data(beijing, B02="1")
    client.post("/statistics/2013/beijing/", data)
    beijing.refresh_from_db()
    response = client.post(
        "/statistics/2013/beijing/",
        data | {"version": beijing.version, "note:B02-AUDIENCE": NUL, "submit": "1"},
    )
    assert "note:B02-AUDIENCE" in form_errors(response)
    assert not beijing.acknowledgements.exists()


@pytest.mark.parametrize(
    "data",
    [{"comment": NUL}, {"comment": "ok", "B02": NUL}],
    ids=["comment", "indicator-comment"],
)
def test_a_nul_in_a_return_comment_is_a_form_error(client, head_office, beijing_submitted, data):
    client.force_login(head_office)
    response = client.post("/statistics/2013/beijing/return/", data)
    assert form_errors(response, "return_form")
    beijing_submitted.refresh_from_db()
    assert beijing_submitted.status == StatisticsReport.Status.SUBMITTED


def test_a_nul_in_a_reopen_comment_is_a_form_error(client, head_office, beijing_submitted):
    statistics_services.approve_report(actor=head_office, report=beijing_submitted)
    client.force_login(head_office)
    response = client.post("/statistics/2013/beijing/reopen/", {"comment": NUL})
    assert "comment" in form_errors(response, "reopen_form")
    beijing_submitted.refresh_from_db()
    assert beijing_submitted.status == StatisticsReport.Status.APPROVED


@pytest.mark.parametrize("name", [NUL, "示例\n保险", "示例\r\nBcc: x@evil.example", "示例\x07保险"])
def test_an_organisation_name_with_control_characters_is_a_form_error(client, head_office, name):
    """A line break in a name would break the alert e-mail's subject (Django refuses header
    values with newlines) and control characters make the Excel files invalid XML."""
    client.force_login(head_office)
    response = client.post(
        "/organisations/new/",
        {"kind": "insurer", "code": "odd", "name_zh": name, "is_active": "on"},
    )
    assert "name_zh" in form_errors(response)
    response = client.post(
        "/organisations/beijing/edit/",
        {"kind": "bureau", "code": "beijing", "name_zh": "北京保监局", "name_en": name},
    )
    assert "name_en" in form_errors(response)
    assert not Organisation.objects.filter(code="odd").exists()
    assert Organisation.objects.get(code="beijing").name_en != name


@pytest.mark.parametrize("text", ["a\nb", "a\x07b", "a\u202eb"])
@pytest.mark.parametrize("field", ["name_zh", "name_en", "unit_zh"])
def test_an_indicator_name_with_control_characters_is_a_form_error(
    client, head_office, campaign, field, text
):
    client.force_login(head_office)
    data = {
        "code": "A09",
        "section": str(campaign.sections.get(code="A").pk),
        "name_zh": "志愿者人数",
        "name_en": "Volunteers",
        "unit_zh": "人",
        "value_type": "integer",
        "for_bureau": "on",
    }
    response = client.post("/campaigns/2013/table/indicators/new/", data | {field: text})
    assert field in form_errors(response)
    assert not Indicator.objects.filter(code="A09").exists()


def test_a_nul_in_a_new_campaign_is_a_form_error(client, head_office, campaign):
    client.force_login(head_office)
    data = {
        "year": "2014",
        "theme": NUL,
        "notice_reference": "x",
        "period_start": "2014-03-01",
        "period_end": "2014-03-31",
        "deadline": "2014-04-10",
        "contacts-TOTAL_FORMS": "1",
        "contacts-INITIAL_FORMS": "0",
        "contacts-MIN_NUM_FORMS": "0",
        "contacts-MAX_NUM_FORMS": "4",
        "contacts-0-name": NUL,
    }
    response = client.post("/campaigns/new/", data)
    assert "theme" in form_errors(response)
    assert not Campaign.objects.filter(year=2014).exists()


def test_a_nul_in_a_search_is_ignored_not_an_error(client, head_office, campaign):
    client.force_login(head_office)
    assert client.get("/organisations/", {"q": NUL}).status_code == 200
    assert client.get("/statistics/2013/review/", {"q": NUL, "page": NUL}).status_code == 200


def test_a_nul_in_the_login_form_is_a_form_error(client, bureau_a):
    response = client.post("/accounts/login/", {"username": "beijing\x00", "password": NUL})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_a_very_long_summary_is_refused(client, bureau_a, beijing):
    client.force_login(bureau_a)
    response = client.post(
        "/statistics/2013/beijing/", statistics_data(beijing, summary="<p>" + "长" * 300_000)
    )
    assert "summary" in form_errors(response)


@pytest.mark.parametrize(
    ("url", "field", "limit"),
    [
        ("/statistics/2013/beijing/return/", "comment", 2000),
        ("/statistics/2013/beijing/return/", "B02", 500),
    ],
)
def test_long_comments_are_refused(client, head_office, beijing_submitted, url, field, limit):
    client.force_login(head_office)
    data = {"comment": "ok"} | {field: "x" * (limit + 1)}
    assert field in form_errors(client.post(url, data), "return_form")


@pytest.mark.parametrize(
    "text",
    [
        "1" + "0" * 30,
        "1e30",
        "1E+999999999",
        "NaN",
        "sNaN",
        "Infinity",
        "-1",
        "-0.0001",
        "0x10",
        "1e-999999999",
        "12\u200b",
        "½",
        "1,2,3,4,5,6,7,8,9,0,0,0,0",
    ],
)
def test_numbers_that_are_not_counts_are_refused_next_to_the_field(client, bureau_a, beijing, text):
    client.force_login(bureau_a)
    before = selectors.values_of(beijing)
    response = client.post("/statistics/2013/beijing/", statistics_data(beijing, A01=text))
    assert "A01" in form_errors(response)
    assert selectors.values_of(beijing) == before


@pytest.mark.parametrize(("text", "value"), [("１２", 12), ("12", 12), (" 1,200 ", 1200)])
def test_digits_as_office_software_types_them_are_accepted(client, bureau_a, beijing, text, value):
    client.force_login(bureau_a)
    response = client.post("/statistics/2013/beijing/", statistics_data(beijing, A01=text))
    assert response.status_code == 302
    assert selectors.values_of(beijing)["A01"] == Decimal(value)
