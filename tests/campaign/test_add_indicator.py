"""Head office adds an indicator to a campaign's table."""

import pytest

from campaign.models import Campaign, Indicator
from campaign.selectors.reports import indicators_for
from campaign.services import tables as table_services

from ..factories import statistics_report


def form_data(campaign, **overrides):
    data = {
        "code": "A04",
        "section": str(campaign.sections.get(code="A").pk),
        "name_zh": "志愿者人数",
        "name_en": "Volunteers",
        "unit_zh": "人",
        "unit_en": "persons",
        "value_type": "integer",
        "for_bureau": "on",
        "for_insurer": "on",
    }
    return data | overrides


def test_head_office_adds_an_indicator_at_the_end_of_its_section(client, head_office, campaign):
    client.force_login(head_office)
    response = client.post("/campaigns/2013/table/indicators/new/", form_data(campaign))
    assert response.status_code == 302
    assert response["Location"] == "/campaigns/2013/table/#indicator-A04"
    a04 = campaign.indicators.get(code="A04")
    assert (a04.name_zh, a04.unit_zh, a04.section.code) == ("志愿者人数", "人", "A")
    assert (a04.for_bureau, a04.for_insurer, a04.for_association) == (True, True, False)
    codes = [i.code for i in indicators_for(statistics_report(campaign, "beijing"))]
    assert codes[:5] == ["A01", "A02", "A03", "A04", "B01"]
    assert "A04" not in [i.code for i in indicators_for(statistics_report(campaign, "iac"))]


def test_positions_stay_unique_across_the_table(head_office, campaign):
    table_services.add_indicator(
        actor=head_office,
        campaign=campaign,
        section=campaign.sections.get(code="B"),
        code="B17",
        name_zh="进家庭活动",
        unit_zh="场",
    )
    ordered = list(campaign.indicators.order_by("position").values_list("code", flat=True))
    assert ordered.index("B17") == ordered.index("B16") + 1
    assert ordered[ordered.index("B17") + 1] == "C01"
    assert len(set(campaign.indicators.values_list("position", flat=True))) == 49


def test_a_lower_case_code_is_stored_upper_case(client, head_office, campaign):
    client.force_login(head_office)
    client.post("/campaigns/2013/table/indicators/new/", form_data(campaign, code="a04"))
    assert campaign.indicators.filter(code="A04").exists()


def test_a_duplicate_code_is_refused_next_to_the_field(client, head_office, campaign):
    client.force_login(head_office)
    response = client.post("/campaigns/2013/table/indicators/new/", form_data(campaign, code="E01"))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["code"]
    assert campaign.indicators.count() == 48
    assert campaign.indicators.get(code="E01").name_zh == "接收投诉"


@pytest.mark.parametrize("code", ["4A", "A-1", "ABCD1", "A", ""])
def test_a_code_must_be_letters_then_digits(client, head_office, campaign, code):
    client.force_login(head_office)
    response = client.post("/campaigns/2013/table/indicators/new/", form_data(campaign, code=code))
    assert "code" in response.context["form"].errors
    assert campaign.indicators.count() == 48


def test_a_code_used_in_another_campaign_is_fine(client, head_office, campaign):
    client.force_login(head_office)
    response = client.post("/campaigns/2013/table/indicators/new/", form_data(campaign, code="H01"))
    assert response.status_code == 302
    assert Indicator.objects.filter(code="H01").count() == 1


def test_at_least_one_kind_of_unit_fills_it(client, head_office, campaign):
    client.force_login(head_office)
    data = form_data(campaign)
    del data["for_bureau"], data["for_insurer"]
    response = client.post("/campaigns/2013/table/indicators/new/", data)
    assert "for_bureau" in response.context["form"].errors
    assert not campaign.indicators.filter(code="A04").exists()


def test_a_section_of_another_campaign_is_refused(head_office, campaign):
    other = Campaign.objects.create(
        year=2014,
        theme="t",
        notice_reference="n",
        period_start=campaign.period_start,
        period_end=campaign.period_end,
        deadline=campaign.deadline,
    )
    with pytest.raises(table_services.TableError):
        table_services.add_indicator(
            actor=head_office,
            campaign=other,
            section=campaign.sections.get(code="A"),
            code="A04",
            name_zh="x",
            unit_zh="人",
        )
    assert not other.indicators.exists()


def test_a_closed_campaign_gets_no_new_indicator(client, head_office, campaign):
    campaign.status = Campaign.Status.CLOSED
    campaign.save()
    client.force_login(head_office)
    response = client.post("/campaigns/2013/table/indicators/new/", form_data(campaign))
    assert response.status_code == 302
    assert not campaign.indicators.filter(code="A04").exists()
    with pytest.raises(table_services.TableError):
        table_services.add_indicator(
            actor=head_office,
            campaign=campaign,
            section=campaign.sections.get(code="A"),
            code="A04",
            name_zh="志愿者人数",
            unit_zh="人",
        )


@pytest.mark.parametrize("persona", ["bureau_a", "company_x", "association", "hotline"])
def test_only_head_office_adds_indicators(client, as_persona, campaign, persona):
    as_persona(persona)
    assert client.get("/campaigns/2013/table/indicators/new/").status_code == 403
    response = client.post("/campaigns/2013/table/indicators/new/", form_data(campaign))
    assert response.status_code == 403
    assert not campaign.indicators.filter(code="A04").exists()


def test_anonymous_is_sent_to_log_in(client, campaign):
    response = client.post("/campaigns/2013/table/indicators/new/", form_data(campaign))
    assert response["Location"].startswith("/accounts/login/")
    assert not campaign.indicators.filter(code="A04").exists()
