"""A new campaign expects the units the previous one expected, less those deactivated since;
a first campaign expects every active reporting unit."""

import datetime

from campaign.models import Campaign, ExpectedUnit, Organisation
from campaign.services import campaigns as campaign_services
from campaign.services import expected_units as service

from ..factories import InsurerFactory, organisation


def create(year, actor, *, copy_table_from=None):
    return campaign_services.create_campaign(
        actor=actor,
        year=year,
        theme="保险服务 你我同行",
        notice_reference=f"保监厅发〔{year}〕9号",
        period_start=datetime.date(year, 3, 1),
        period_end=datetime.date(year, 3, 31),
        deadline=datetime.date(year, 4, 10),
        contacts=[("张永蓉", "")],
        copy_table_from=copy_table_from,
    )


def codes(campaign):
    return set(campaign.expected_units.values_list("code", flat=True))


def test_it_copies_the_previous_list_less_the_units_deactivated_since(head_office, campaign):
    merged = InsurerFactory(code="merged-life")
    InsurerFactory(code="new-life", expected=False)  # licensed, never added to 2013
    service.remove_expected_unit(
        actor=head_office, campaign=campaign, organisation=organisation("xizang")
    )
    merged.is_active = False
    merged.save()

    new = create(2014, head_office, copy_table_from=campaign)

    assert codes(new) == codes(campaign) - {"merged-life"}
    assert "xizang" not in codes(new)
    assert "new-life" not in codes(new)


def test_the_previous_campaign_is_the_latest_earlier_year_whatever_table_is_copied(
    head_office, campaign
):
    the_2014 = create(2014, head_office, copy_table_from=campaign)
    service.remove_expected_unit(
        actor=head_office, campaign=the_2014, organisation=organisation("dalian")
    )
    the_2015 = create(2015, head_office, copy_table_from=campaign)
    assert "dalian" in codes(campaign)
    assert "dalian" not in codes(the_2015)


def test_a_first_campaign_expects_every_active_reporting_unit(head_office):
    InsurerFactory(code="demo-life")
    InsurerFactory(code="gone-life", is_active=False)
    first = create(2013, head_office)
    active = Organisation.objects.filter(kind__in=Organisation.REPORTING_KINDS, is_active=True)
    assert codes(first) == set(active.values_list("code", flat=True))
    assert {"xizang", "iac", "demo-life"} <= codes(first)
    assert "gone-life" not in codes(first)
    assert "hq" not in codes(first)


def test_the_set_up_is_recorded_but_not_shown_as_a_change(client, head_office, campaign):
    new = create(2014, head_office, copy_table_from=campaign)
    rows = ExpectedUnit.history.filter(campaign_id=new.pk)
    assert rows.count() == new.expected_units.count()
    assert {(row.history_user, row.history_change_reason) for row in rows} == {
        (head_office, ExpectedUnit.SET_UP)
    }
    client.force_login(head_office)
    assert client.get("/campaigns/2014/units/").context["changes"] == []


def test_changing_the_new_list_leaves_the_previous_one_alone(head_office, campaign):
    new = create(2014, head_office, copy_table_from=campaign)
    service.remove_expected_unit(
        actor=head_office, campaign=new, organisation=organisation("beijing")
    )
    assert "beijing" in codes(Campaign.objects.get(year=2013))
    assert "beijing" not in codes(new)
