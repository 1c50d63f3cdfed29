"""The migration that gives every existing campaign its list of expected units: the active
reporting units, and any unit that has a report in it."""

import importlib
from pathlib import Path

from django.apps import apps

import campaign.migrations
from campaign.models import ExpectedUnit, Organisation, StatisticsReport

from ..factories import CampaignFactory, InsurerFactory


def migration():
    """Found by name, not number: migrations are renumbered when branches merge."""
    [path] = Path(campaign.migrations.__file__).parent.glob("*_campaign_expected_units.py")
    return importlib.import_module(f"campaign.migrations.{path.stem}")


def test_every_campaign_expects_the_active_units_and_those_that_reported(db):
    the_2013 = CampaignFactory(expected=False)
    the_2014 = CampaignFactory(year=2014, expected=False)
    InsurerFactory(code="demo-life", expected=False)
    InsurerFactory(code="gone-early", is_active=False)
    gone_late = InsurerFactory(code="gone-late", is_active=False)
    StatisticsReport.objects.create(campaign=the_2013, organisation=gone_late)
    assert not ExpectedUnit.objects.exists()  # as the tables stood before the migration

    migration().expect_active_units(apps, schema_editor=None)

    the_2013_units = set(the_2013.expected_units.values_list("code", flat=True))
    bureaus = Organisation.objects.filter(kind=Organisation.Kind.BUREAU)
    assert bureaus.count() == 36
    assert set(bureaus.values_list("code", flat=True)) <= the_2013_units
    assert {"xizang", "iac", "demo-life", "gone-late"} <= the_2013_units
    assert not {"hq", "gone-early"} & the_2013_units
    assert set(the_2014.expected_units.values_list("code", flat=True)) == the_2013_units - {
        "gone-late"
    }
