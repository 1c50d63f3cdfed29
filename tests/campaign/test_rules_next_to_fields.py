"""Each rule of the table, organisation and campaign services lives once, in the service:
it is refused with the same message next to the same field whether head office uses the
form or the service is called directly (issue 6 item 4)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from campaign.forms.campaigns import CampaignForm, IndicatorForm
from campaign.models import Campaign, IndicatorValue, Organisation, Region
from campaign.services import campaigns as campaign_services
from campaign.services import organisations as organisation_services
from campaign.services import tables as table_services

from ..factories import statistics_report

pytestmark = pytest.mark.usefixtures("english")

NEW_INDICATOR = "/campaigns/2013/table/indicators/new/"
USED = "A03 is already used in this table."
NO_KIND = "Choose at least one kind of unit that fills the indicator."
LOCKED = "Values have already been entered for A03: only its English name can still change."


@pytest.fixture
def client(client):
    """A client that chose English, so its pages show the messages below."""
    client.cookies["django_language"] = "en"
    return client


def indicator_data(campaign, **overrides):
    data = {
        "code": "A04",
        "section": str(campaign.sections.get(code="A").pk),
        "name_zh": "志愿者人数",
        "unit_zh": "人",
        "value_type": "integer",
        "for_bureau": "on",
    }
    return data | overrides


def add(head_office, campaign, **overrides):
    fields = {
        "actor": head_office,
        "campaign": campaign,
        "section": campaign.sections.get(code="A"),
        "code": "A04",
        "name_zh": "志愿者人数",
        "unit_zh": "人",
    }
    return table_services.add_indicator(**fields | overrides)


def test_a_used_code_is_refused_next_to_the_code_in_the_form(client, head_office, campaign):
    client.force_login(head_office)
    response = client.post(NEW_INDICATOR, indicator_data(campaign, code="a03"))
    assert response.context["form"].errors["code"] == [USED]


def test_a_used_code_is_refused_by_the_service(head_office, campaign):
    with pytest.raises(table_services.TableError) as refused:
        add(head_office, campaign, code="a03")
    assert refused.value.message_dict == {"code": [USED]}
    assert campaign.indicators.filter(code="A03").count() == 1


def test_an_indicator_nobody_fills_is_refused_next_to_the_kinds_in_the_form(
    client, head_office, campaign
):
    client.force_login(head_office)
    response = client.post(NEW_INDICATOR, indicator_data(campaign, for_bureau=""))
    assert response.context["form"].errors["for_bureau"] == [NO_KIND]
    assert not campaign.indicators.filter(code="A04").exists()


def test_an_indicator_nobody_fills_is_refused_by_the_service(head_office, campaign):
    with pytest.raises(table_services.TableError) as refused:
        add(head_office, campaign, for_bureau=False, for_insurer=False, for_association=False)
    assert refused.value.message_dict == {"for_bureau": [NO_KIND]}
    assert not campaign.indicators.filter(code="A04").exists()


@pytest.fixture
def a03(campaign):
    return campaign.indicators.get(code="A03")


def test_a_value_entered_while_the_form_is_open_locks_the_indicator_in_the_form(campaign, a03):
    data = {
        "section": str(a03.section_id),
        "name_zh": a03.name_zh,
        "name_en": a03.name_en,
        "unit_zh": "场",
        "unit_en": a03.unit_en,
        "value_type": a03.value_type,
        "for_bureau": "on",
        "for_insurer": "on",
        "for_association": "on",
    }
    form = IndicatorForm(data, instance=a03, campaign=campaign)
    assert form.locked is False
    IndicatorValue.objects.create(
        report=statistics_report(campaign, "beijing"), indicator=a03, value=Decimal(3)
    )
    assert not form.is_valid()
    assert form.errors["unit_zh"] == [LOCKED]


def test_a_locked_change_is_refused_by_the_service_on_the_field(head_office, campaign, a03):
    IndicatorValue.objects.create(
        report=statistics_report(campaign, "beijing"), indicator=a03, value=Decimal(3)
    )
    with pytest.raises(table_services.TableError) as refused:
        table_services.update_indicator(actor=head_office, indicator=a03, unit_zh="场")
    assert refused.value.message_dict == {"unit_zh": [LOCKED]}
    a03.refresh_from_db()
    assert a03.unit_zh == "次"


def test_the_edit_page_asks_the_service_whether_the_indicator_is_locked(
    client, head_office, campaign, a03, monkeypatch
):
    monkeypatch.setattr(table_services, "is_locked", lambda indicator: True)
    client.force_login(head_office)
    response = client.get("/campaigns/2013/table/indicators/A03/edit/")
    assert response.context["locked"] is True
    assert response.context["form"].fields["unit_zh"].disabled


def bureau_data(**overrides):
    beijing = Region.objects.get(code="110000")
    data = {
        "kind": "bureau",
        "code": "beijing2",
        "name_zh": "第二北京局",
        "regions": [beijing.pk],
        "is_active": "on",
    }
    return data | overrides


def test_a_region_covered_by_another_active_bureau_is_refused_in_the_form(client, head_office):
    client.force_login(head_office)
    response = client.post("/organisations/new/", bureau_data())
    [message] = response.context["form"].errors["regions"]
    assert message.startswith("Already covered by ")
    assert not Organisation.objects.filter(code="beijing2").exists()


def test_a_region_covered_by_another_active_bureau_is_refused_by_the_service(head_office):
    beijing = Region.objects.get(code="110000")
    with pytest.raises(ValidationError) as refused:
        organisation_services.create_organisation(
            actor=head_office,
            code="beijing2",
            kind=Organisation.Kind.BUREAU,
            name_zh="第二北京局",
            regions=[beijing],
        )
    [message] = refused.value.message_dict["regions"]
    assert message.startswith("Already covered by ")
    assert not Organisation.objects.filter(code="beijing2").exists()


def test_the_service_refuses_to_take_a_region_from_an_active_bureau_on_edit(head_office):
    tianjin = Organisation.objects.get(code="tianjin")
    beijing_region = Region.objects.get(code="110000")
    with pytest.raises(ValidationError) as refused:
        organisation_services.update_organisation(
            actor=head_office, organisation=tianjin, regions=[beijing_region]
        )
    assert list(refused.value.message_dict) == ["regions"]
    assert beijing_region not in tianjin.regions.all()


def test_a_bureau_without_regions_and_an_insurer_with_some_are_refused_by_the_service(
    head_office,
):
    with pytest.raises(ValidationError) as refused:
        organisation_services.create_organisation(
            actor=head_office, code="nowhere", kind=Organisation.Kind.BUREAU, name_zh="无地区局"
        )
    assert refused.value.message_dict == {
        "regions": ["A regional bureau must cover at least one province or city."]
    }
    with pytest.raises(ValidationError) as refused:
        organisation_services.create_organisation(
            actor=head_office,
            code="x-ins",
            kind=Organisation.Kind.INSURER,
            name_zh="某保险",
            regions=Region.objects.filter(code="110000"),
        )
    assert refused.value.message_dict == {"regions": ["Only a regional bureau covers regions."]}


CAMPAIGN = {
    "theme": "t",
    "notice_reference": "n",
    "period_start": datetime.date(2014, 3, 1),
    "period_end": datetime.date(2014, 3, 31),
    "deadline": datetime.date(2014, 4, 10),
}


def test_a_year_that_has_a_campaign_is_refused_in_the_form(campaign):
    form = CampaignForm({**CAMPAIGN, "year": 2013}, campaigns=Campaign.objects.all())
    assert form.errors["year"] == ["A campaign for 2013 already exists."]


def test_a_year_that_has_a_campaign_and_a_deadline_too_early_are_refused_by_the_service(
    head_office, campaign
):
    with pytest.raises(ValidationError) as refused:
        campaign_services.create_campaign(
            actor=head_office,
            year=2013,
            **CAMPAIGN | {"deadline": datetime.date(2014, 3, 2)},
        )
    assert refused.value.message_dict == {
        "year": ["A campaign for 2013 already exists."],
        "deadline": ["The deadline cannot be before the end of the activity period."],
    }
    assert Campaign.objects.count() == 1
