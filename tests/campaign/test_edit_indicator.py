"""Head office edits an indicator: freely before any value is entered, only its English name
after, so a stored value is never re-labelled."""

from decimal import Decimal

import pytest

from campaign.models import Campaign, IndicatorValue
from campaign.services import tables as table_services

from ..factories import statistics_report

URL = "/campaigns/2013/table/indicators/A03/edit/"


def form_data(campaign, **overrides):
    data = {
        "section": str(campaign.sections.get(code="A").pk),
        "name_zh": "联合开展活动",
        "name_en": "Joint activities",
        "unit_zh": "场",
        "unit_en": "events",
        "value_type": "money",
        "for_bureau": "on",
    }
    return data | overrides


@pytest.fixture
def entered(campaign):
    """A value for A03 in Beijing's report."""
    return IndicatorValue.objects.create(
        report=statistics_report(campaign, "beijing"),
        indicator=campaign.indicators.get(code="A03"),
        value=Decimal(3),
    )


def test_before_any_value_everything_but_the_code_changes(client, head_office, campaign):
    client.force_login(head_office)
    response = client.post(URL, form_data(campaign, code="Z99"))
    assert response.status_code == 302
    assert response["Location"] == "/campaigns/2013/table/#indicator-A03"
    a03 = campaign.indicators.get(code="A03")
    assert (a03.name_zh, a03.name_en, a03.unit_zh, a03.unit_en) == (
        "联合开展活动",
        "Joint activities",
        "场",
        "events",
    )
    assert a03.value_type == "money"
    assert (a03.for_bureau, a03.for_insurer, a03.for_association) == (True, False, False)
    assert not campaign.indicators.filter(code="Z99").exists()


def test_the_form_offers_every_field_before_values_exist(client, head_office, campaign):
    client.force_login(head_office)
    response = client.get(URL)
    form = response.context["form"]
    assert response.context["locked"] is False
    assert form.fields["code"].disabled
    assert not form.fields["name_zh"].disabled
    assert not form.fields["value_type"].disabled


def test_once_values_exist_the_form_locks_all_but_the_english_name(
    client, head_office, campaign, entered
):
    client.force_login(head_office)
    response = client.get(URL)
    form = response.context["form"]
    assert response.context["locked"] is True
    disabled = {name for name, field in form.fields.items() if field.disabled}
    assert set(form.fields) - disabled == {"name_en"}
    assert "disabled" in str(form["name_zh"])


def test_locked_fields_cannot_be_changed_even_if_posted(client, head_office, campaign, entered):
    client.force_login(head_office)
    section_e = str(campaign.sections.get(code="E").pk)
    response = client.post(
        URL, form_data(campaign, section=section_e, name_en="Joint events with government")
    )
    assert response.status_code == 302
    a03 = campaign.indicators.get(code="A03")
    assert a03.name_zh == "联合政府部门及相关行业开展活动"
    assert (a03.unit_zh, a03.value_type, a03.section.code) == ("次", "integer", "A")
    assert (a03.for_bureau, a03.for_insurer, a03.for_association) == (True, True, True)
    assert a03.name_en == "Joint events with government"
    entered.refresh_from_db()
    assert (entered.indicator_id, entered.value) == (a03.pk, Decimal(3))


def test_the_service_refuses_a_locked_change(head_office, campaign, entered):
    a03 = campaign.indicators.get(code="A03")
    with pytest.raises(table_services.TableError):
        table_services.update_indicator(
            actor=head_office, indicator=a03, name_zh="改名", name_en="Renamed"
        )
    a03.refresh_from_db()
    assert (a03.name_zh, a03.name_en) == (
        "联合政府部门及相关行业开展活动",
        "Joint activities with government and related sectors",
    )


def test_a_value_cleared_since_still_locks_the_indicator(head_office, campaign, entered):
    entered.value = None
    entered.save()
    with pytest.raises(table_services.TableError):
        table_services.update_indicator(
            actor=head_office, indicator=campaign.indicators.get(code="A03"), unit_zh="场"
        )


def test_the_code_is_not_editable(head_office, campaign):
    with pytest.raises(TypeError):
        table_services.update_indicator(
            actor=head_office, indicator=campaign.indicators.get(code="A03"), code="A09"
        )


def test_moving_to_another_section_puts_it_last_there(client, head_office, campaign):
    client.force_login(head_office)
    client.post(URL, form_data(campaign, section=str(campaign.sections.get(code="G").pk)))
    ordered = list(campaign.indicators.order_by("position").values_list("code", flat=True))
    assert ordered[-3:] == ["G01", "G02", "A03"]


def test_an_unknown_code_is_not_found(client, head_office, campaign):
    client.force_login(head_office)
    assert client.get("/campaigns/2013/table/indicators/Z99/edit/").status_code == 404


def test_a_closed_campaigns_indicator_is_not_edited(client, head_office, campaign):
    campaign.status = Campaign.Status.CLOSED
    campaign.save()
    client.force_login(head_office)
    response = client.post(URL, form_data(campaign), follow=True)
    assert response.redirect_chain[-1][0] == "/campaigns/2013/table/#indicator-A03"
    assert campaign.indicators.get(code="A03").name_zh == "联合政府部门及相关行业开展活动"


@pytest.mark.parametrize("persona", ["bureau_a", "company_x", "association", "hotline"])
def test_only_head_office_edits_indicators(client, as_persona, campaign, persona):
    as_persona(persona)
    assert client.get(URL).status_code == 403
    assert client.post(URL, form_data(campaign)).status_code == 403
    assert campaign.indicators.get(code="A03").name_zh == "联合政府部门及相关行业开展活动"


def test_anonymous_is_sent_to_log_in(client, campaign):
    response = client.post(URL, form_data(campaign))
    assert response["Location"].startswith("/accounts/login/")
