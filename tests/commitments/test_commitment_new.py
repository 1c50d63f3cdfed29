"""GET and POST /commitments/manage/new/: a company drafts a commitment of its own; the
services' refusals, the law's included, stand next to the field they are about."""

import pytest

from commitments.models import ServiceCommitment
from tests.html import Element

URL = "/commitments/manage/new/"


def field_error(response, name):
    """The error crispy-forms shows under field ``name``."""
    wrapper = Element.by_id(response, f"div_id_{name}")
    error = wrapper and wrapper.first(id=f"error_1_id_{name}")
    return error.text if error else None


def test_a_company_drafts_a_claims_payment_promise(client, company_x, year, kinds):
    client.force_login(company_x)
    response = client.post(
        URL,
        {
            "kind": kinds["claim_payment"].pk,
            "text": "达成赔偿协议后5日内支付赔款。",
            "limit_value": "5",
            "limit_unit": "days",
        },
    )
    commitment = ServiceCommitment.objects.get()
    assert response["Location"] == f"/commitments/{commitment.pk}/"
    assert (commitment.company, commitment.campaign, commitment.status) == (
        company_x.organisation,
        year,
        "draft",
    )
    assert (commitment.limit_value, commitment.limit_unit, commitment.region) == (5, "days", None)


def test_call_hours_are_a_window_of_the_day(client, company_x, year, kinds):
    client.force_login(company_x)
    client.post(
        URL,
        {
            "kind": kinds["call_hours"].pk,
            "text": "每日9:00至20:00之间致电，节假日不致电。",
            "window_start": "09:00",
            "window_end": "20:00",
        },
    )
    commitment = ServiceCommitment.objects.get()
    assert (f"{commitment.window_start:%H:%M}", f"{commitment.window_end:%H:%M}") == (
        "09:00",
        "20:00",
    )


def test_15_days_is_refused_next_to_the_limit_citing_article_23(
    client, company_x, year, kinds, english
):
    client.force_login(company_x)
    response = client.post(
        URL,
        {
            "kind": kinds["claim_payment"].pk,
            "text": "15日内支付。",
            "limit_value": "15",
            "limit_unit": "days",
        },
    )
    assert response.status_code == 200
    error = field_error(response, "limit_value")
    assert "longer than the law allows" in error and "第二十三条" in error
    assert not ServiceCommitment.objects.exists()


def test_a_unit_the_kind_does_not_take_is_refused_next_to_the_unit(
    client, company_x, year, kinds, english
):
    client.force_login(company_x)
    response = client.post(
        URL,
        {
            "kind": kinds["arrival_on_scene"].pk,
            "text": "城区30分钟到达现场。",
            "limit_value": "1",
            "limit_unit": "days",
        },
    )
    assert "minutes" in field_error(response, "limit_unit")


def test_the_form_groups_the_kinds_by_stage(client, company_x, year, english):
    client.force_login(company_x)
    page = Element.parse(client.get(URL).content.decode())
    groups = [group["label"] for group in page.find_all("optgroup")]
    assert groups == ["Sales", "After-sales", "Claims"]
    assert page.find("commitment-kinds") is not None  # what the page's script reads


def test_a_year_that_is_not_one_drafts_in_the_current_year(client, company_x, year):
    client.force_login(company_x)
    response = client.get(URL, {"year": "²⁰¹³"})
    assert response.context["campaign"] == year


@pytest.mark.parametrize("persona", ["bureau_a", "head_office", "association", "hotline"])
def test_only_a_company_drafts(client, as_persona, persona, year):
    as_persona(persona)
    assert client.get(URL).status_code == 403
    assert client.post(URL, {}).status_code == 403
