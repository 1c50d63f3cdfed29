"""The migration that keeps the alert on its submission fills in the past submissions from
the values stored with them."""

import importlib
from decimal import Decimal
from pathlib import Path

from django.apps import apps

import campaign.migrations
from campaign.models import ReportTransition
from campaign.services import statistics as service

from ..factories import statistics_report, valid_values


def migration():
    """Found by name, not number: migrations are renumbered when branches merge."""
    [path] = Path(campaign.migrations.__file__).parent.glob("*_transition_alert_due.py")
    return importlib.import_module(f"campaign.migrations.{path.stem}")


def submit(report, actor, values, notes=None):
    report.refresh_from_db()
    service.save_report(
        actor=actor, report=report, values=values, notes=notes, expected_version=report.version
    )
    service.submit_report(actor=actor, report=report)


def test_past_submissions_with_an_incident_owe_an_alert_and_the_others_do_not(
    campaign, bureau_a, head_office
):
    report = statistics_report(campaign, "beijing")
    submit(report, bureau_a, valid_values(report))
    service.return_report(actor=head_office, report=report, comment="请核实")
    submit(report, bureau_a, valid_values(report) | {"E11": Decimal(2)}, {"E11-ALERT": "已化解"})
    ReportTransition.objects.update(alert_due=False)  # as the rows stood before the migration

    migration().alert_due_from_stored_values(apps, schema_editor=None)

    due = list(ReportTransition.objects.filter(report=report).values_list("action", "alert_due"))
    assert due == [("submit", False), ("return", False), ("submit", True)]
