"""Head office creates next year's campaign, starting from a copy of last year's table."""

import datetime
from decimal import Decimal

import pytest

from campaign.models import Campaign, Indicator, IndicatorValue
from campaign.services import campaigns as campaign_services
from campaign.services import tables as table_services

from ..factories import statistics_report


def form_data(**overrides):
    data = {
        "year": "2014",
        "theme": "保险服务 你我同行",
        "notice_reference": "保监厅发〔2014〕9号",
        "notice_title": "关于开展2014年“3·15”保险消费者权益保护宣传活动的通知",
        "period_start": "2014-03-01",
        "period_end": "2014-03-31",
        "deadline": "2014-04-10",
        "contacts-TOTAL_FORMS": "4",
        "contacts-INITIAL_FORMS": "0",
        "contacts-MIN_NUM_FORMS": "0",
        "contacts-MAX_NUM_FORMS": "4",
        "contacts-0-name": "张永蓉",
        "contacts-0-phone": "010-66286123",
        "contacts-1-name": "李明",
        "contacts-1-phone": "",
    }
    return data | overrides


def test_head_office_creates_2014_as_a_draft_copying_2013(client, head_office, campaign):
    client.force_login(head_office)
    response = client.post("/campaigns/new/", form_data(copy_table_from=str(campaign.pk)))
    assert response.status_code == 302
    assert response["Location"] == "/campaigns/2014/"
    new = Campaign.objects.get(year=2014)
    assert new.status == Campaign.Status.DRAFT
    assert new.notice_reference == "保监厅发〔2014〕9号"
    assert [(c.name, c.phone) for c in new.contacts.all()] == [
        ("张永蓉", "010-66286123"),
        ("李明", ""),
    ]
    fields = ["section__code", "code", "name_zh", "name_en", "unit_zh", "value_type"]
    fields += ["for_bureau", "for_insurer", "for_association"]
    assert list(new.indicators.order_by("position").values_list(*fields)) == list(
        campaign.indicators.order_by("position").values_list(*fields)
    )
    assert new.indicators.count() == 48
    rule_fields = ["code", "operator", "left", "right", "factor"]
    rule_fields += ["for_bureau", "for_insurer", "for_association"]
    assert list(new.rules.values_list(*rule_fields)) == list(
        campaign.rules.values_list(*rule_fields)
    )
    assert new.rules.get(code="D02-LIMIT").for_insurer is False


def test_the_form_proposes_next_year_and_last_years_table(client, head_office, campaign):
    client.force_login(head_office)
    response = client.get("/campaigns/new/")
    form = response.context["form"]
    assert form["year"].value() == 2014
    assert form["copy_table_from"].value() == campaign.pk
    assert response.context["contacts"].forms[0]["name"].value() is None


def test_last_years_contacts_are_offered_again(client, head_office, campaign):
    campaign.contacts.create(name="张永蓉", phone="010-66286123", position=0)
    client.force_login(head_office)
    response = client.get("/campaigns/new/")
    contacts = response.context["contacts"]
    assert contacts.forms[0]["name"].value() == "张永蓉"
    assert len(contacts.forms) == 4
    assert "张永蓉" in response.content.decode()


def test_without_a_source_the_shipped_2013_table_is_installed(client, head_office, campaign):
    client.force_login(head_office)
    response = client.post("/campaigns/new/", form_data(copy_table_from=""))
    assert response.status_code == 302
    new = Campaign.objects.get(year=2014)
    assert new.indicators.count() == 48
    assert new.rules.filter(code="E01-SUM").exists()


def test_retired_indicators_are_not_copied(head_office, campaign):
    table_services.retire_indicator(
        actor=head_office, indicator=campaign.indicators.get(code="F03")
    )
    new = create_2014(head_office, campaign)
    assert not new.indicators.filter(code="F03").exists()
    assert new.indicators.count() == 47
    positions = list(new.indicators.order_by("position").values_list("position", flat=True))
    assert positions == list(range(47))


def create_2014(actor, source):
    return campaign_services.create_campaign(
        actor=actor,
        year=2014,
        theme="保险服务 你我同行",
        notice_reference="保监厅发〔2014〕9号",
        period_start=datetime.date(2014, 3, 1),
        period_end=datetime.date(2014, 3, 31),
        deadline=datetime.date(2014, 4, 10),
        contacts=[("张永蓉", "")],
        copy_table_from=source,
    )


def test_editing_the_copy_leaves_last_years_table_and_values_alone(head_office, campaign):
    report = statistics_report(campaign, "beijing")
    a01_2013 = campaign.indicators.get(code="A01")
    IndicatorValue.objects.create(report=report, indicator=a01_2013, value=Decimal(120))
    new = create_2014(head_office, campaign)
    a01_2014 = new.indicators.get(code="A01")
    assert a01_2014.pk != a01_2013.pk
    table_services.update_indicator(
        actor=head_office, indicator=a01_2014, name_zh="参与活动工作人员", unit_zh="人"
    )
    table_services.retire_indicator(actor=head_office, indicator=new.indicators.get(code="A02"))
    a01_2013.refresh_from_db()
    assert (a01_2013.name_zh, a01_2013.unit_zh) == ("参与活动人员", "人次")
    assert not campaign.indicators.get(code="A02").is_retired
    value = IndicatorValue.objects.select_related("indicator").get(report=report)
    assert value.indicator.pk == a01_2013.pk
    assert value.indicator.name_zh == "参与活动人员"
    assert value.value == Decimal(120)
    assert new.indicators.get(code="A01").name_zh == "参与活动工作人员"


def test_copying_onto_a_campaign_that_has_a_table_is_refused(head_office, campaign):
    new = create_2014(head_office, campaign)
    with pytest.raises(table_services.TableError):
        table_services.copy_table(source=campaign, target=new)
    assert new.indicators.count() == 48


def test_a_duplicate_year_is_refused_next_to_the_field(client, head_office, campaign):
    client.force_login(head_office)
    response = client.post("/campaigns/new/", form_data(year="2013"))
    assert response.status_code == 200
    assert "year" in response.context["form"].errors
    assert Campaign.objects.count() == 1


def test_the_period_cannot_end_before_it_starts(client, head_office, campaign):
    client.force_login(head_office)
    response = client.post("/campaigns/new/", form_data(period_end="2014-02-28"))
    assert list(response.context["form"].errors) == ["period_end"]
    assert not Campaign.objects.filter(year=2014).exists()


def test_the_deadline_cannot_be_before_the_period_ends(client, head_office, campaign):
    client.force_login(head_office)
    response = client.post("/campaigns/new/", form_data(deadline="2014-03-20"))
    assert list(response.context["form"].errors) == ["deadline"]
    assert not Campaign.objects.filter(year=2014).exists()


def test_at_least_one_contact_is_needed(client, head_office, campaign):
    client.force_login(head_office)
    response = client.post(
        "/campaigns/new/",
        form_data(**{"contacts-0-name": "", "contacts-0-phone": "", "contacts-1-name": ""}),
    )
    assert response.status_code == 200
    assert response.context["contacts"].non_form_errors()
    assert not Campaign.objects.filter(year=2014).exists()


def test_a_phone_without_a_name_is_refused_next_to_the_row(client, head_office, campaign):
    client.force_login(head_office)
    response = client.post("/campaigns/new/", form_data(**{"contacts-2-phone": "010-1234"}))
    assert "name" in response.context["contacts"].forms[2].errors
    assert not Campaign.objects.filter(year=2014).exists()


def test_more_than_four_contacts_are_refused(client, head_office, campaign):
    client.force_login(head_office)
    data = form_data(**{"contacts-TOTAL_FORMS": "5"})
    data |= {f"contacts-{i}-name": f"联系人{i}" for i in range(5)}
    response = client.post("/campaigns/new/", data)
    assert response.context["contacts"].non_form_errors()
    assert not Campaign.objects.filter(year=2014).exists()


@pytest.mark.parametrize("persona", ["bureau_a", "company_x", "association", "hotline"])
def test_only_head_office_creates_campaigns(client, as_persona, campaign, persona):
    as_persona(persona)
    assert client.get("/campaigns/new/").status_code == 403
    response = client.post("/campaigns/new/", form_data(copy_table_from=str(campaign.pk)))
    assert response.status_code == 403
    assert not Campaign.objects.filter(year=2014).exists()


def test_anonymous_is_sent_to_log_in(client, campaign):
    response = client.post("/campaigns/new/", form_data())
    assert response["Location"].startswith("/accounts/login/")
    assert not Campaign.objects.filter(year=2014).exists()


def test_the_campaign_list_links_to_the_form_for_head_office_only(
    client, head_office, bureau_a, campaign
):
    client.force_login(head_office)
    assert 'href="/campaigns/new/"' in client.get("/campaigns/").content.decode()
    client.force_login(bureau_a)
    assert 'href="/campaigns/new/"' not in client.get("/campaigns/").content.decode()


def test_indicator_codes_stay_the_same_in_the_copy(head_office, campaign):
    new = create_2014(head_office, campaign)
    assert set(new.indicators.values_list("code", flat=True)) == set(
        Indicator.objects.filter(campaign=campaign).values_list("code", flat=True)
    )
