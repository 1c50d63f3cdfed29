"""Every change is kept with who made it (issue 6 item 5): each service, the management
commands and the bulk writes of table copies and reordering leave history rows, and no
history row lacks a user, also when no request is in progress (seed_demo's history is
checked in test_seed_demo.py, on the demo data seeded once there)."""

import datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from simple_history.models import registered_models

from campaign.models import (
    Indicator,
    IndicatorValue,
    Organisation,
    StatisticsReport,
    ValidationRule,
)
from campaign.services import attachments as attachment_services
from campaign.services import campaigns as campaign_services
from campaign.services import organisations as organisation_services
from campaign.services import statistics as statistics_services
from campaign.services import tables as table_services
from portal import audit

from ..factories import RESPONSIBLE, RESPONSIBLE_SAVED, valid_values
from . import workbooks

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _table_journey(head_office, campaign):
    new = campaign_services.create_campaign(
        actor=head_office,
        year=2014,
        theme="t",
        notice_reference="n",
        period_start=datetime.date(2014, 3, 1),
        period_end=datetime.date(2014, 3, 31),
        deadline=datetime.date(2014, 4, 10),
        copy_table_from=campaign,
    )
    campaign_services.open_campaign(actor=head_office, campaign=new)
    added = table_services.add_indicator(
        actor=head_office,
        campaign=new,
        section=new.sections.get(code="A"),
        code="A09",
        name_zh="志愿者人数",
        unit_zh="人",
    )
    table_services.update_indicator(actor=head_office, indicator=added, name_en="Volunteers")
    table_services.move_indicator(actor=head_office, indicator=added, direction="up")
    table_services.retire_indicator(actor=head_office, indicator=added)
    return new


def _report_journey(head_office, bureau_a, campaign, django_capture_on_commit_callbacks):
    report = statistics_services.start_report(
        actor=bureau_a, campaign=campaign, organisation=bureau_a.organisation
    )
    values = valid_values(report) | {"B02": Decimal(1)}  # fewer people than events: a warning
    statistics_services.save_report(
        actor=bureau_a, report=report, values=values, expected_version=0, **RESPONSIBLE_SAVED
    )
    warning = statistics_services.SubmissionRefused
    with pytest.raises(warning) as refused:
        statistics_services.submit_report(actor=bureau_a, report=report)
    notes = {finding.key: "场次少" for finding in refused.value.unacknowledged}
    statistics_services.save_report(
        actor=bureau_a, report=report, values={}, notes=notes, expected_version=report.version
    )
    with django_capture_on_commit_callbacks(execute=True):
        attachment = attachment_services.add_attachment(
            actor=bureau_a, report=report, upload=SimpleUploadedFile("总结.pdf", PDF)
        )
        attachment_services.remove_attachment(actor=bureau_a, attachment=attachment)
    statistics_services.submit_report(actor=bureau_a, report=report)
    statistics_services.return_report(
        actor=head_office, report=report, comment="请核实", indicator_comments={"B02": "偏少"}
    )
    statistics_services.save_report(
        actor=bureau_a, report=report, values={"B02": Decimal(500)}, notes={}, expected_version=None
    )
    statistics_services.submit_report(actor=bureau_a, report=report)
    statistics_services.approve_report(actor=head_office, report=report)
    statistics_services.reopen_report(actor=head_office, report=report, comment="补充")
    return report


def test_no_history_row_is_written_without_a_user(
    head_office, bureau_a, campaign, tmp_path, django_capture_on_commit_callbacks
):
    start = timezone.now()
    insurer = organisation_services.create_organisation(
        actor=head_office, code="audit-ins", kind=Organisation.Kind.INSURER, name_zh="审计保险"
    )
    organisation_services.update_organisation(
        actor=head_office, organisation=insurer, name_zh="审计保险股份有限公司"
    )
    new = _table_journey(head_office, campaign)
    report = _report_journey(head_office, bureau_a, campaign, django_capture_on_commit_callbacks)
    tianjin = statistics_services.start_report(
        actor=head_office, campaign=campaign, organisation=Organisation.objects.get(code="tianjin")
    )
    # As Tianjin gave them on its form page (not in the Excel form); no history row needed.
    StatisticsReport.objects.filter(pk=tianjin.pk).update(**RESPONSIBLE)
    path = tmp_path / "tianjin.xlsx"
    path.write_bytes(
        workbooks.fill(
            workbooks.template(tianjin), workbooks.as_stored_values(valid_values(tianjin))
        )
    )
    call_command(
        "import_statistics", "--campaign", "2013", "--unit", "tianjin", "--submit", str(path),
        stdout=StringIO(),
    )  # fmt: skip

    for model in set(registered_models.values()):
        written = model.history.filter(history_date__gte=start)
        assert written.exists() or model not in JOURNEY_MODELS, model.__name__
        assert not written.filter(history_user__isnull=True).exists(), model.__name__

    # The bulk writes left one row per indicator and rule copied, and one per move.
    copied = Indicator.history.filter(campaign_id=new.pk, history_type="+")
    assert copied.count() == new.indicators.count()
    assert set(copied.values_list("history_user__username", flat=True)) == {"hq"}
    rules = ValidationRule.history.filter(campaign_id=new.pk, history_type="+")
    assert rules.count() == new.rules.count() > 0
    # Moving A09 up moved its neighbour down: a bulk update, recorded too.
    moved = Indicator.history.filter(campaign_id=new.pk, history_type="~").exclude(code="A09")
    assert moved.filter(history_user=head_office).exists()
    # Each change names the person who made it.
    assert set(
        report.history.filter(history_date__gte=start).values_list(
            "history_user__username", flat=True
        )
    ) == {"beijing", "hq"}
    imported = IndicatorValue.history.filter(report__organisation__code="tianjin")
    assert set(imported.values_list("history_user__username", flat=True)) == {"hq"}


# The models every journey above writes to; a model another feature adds may not be.
JOURNEY_MODELS = {Indicator, ValidationRule, IndicatorValue, Organisation, StatisticsReport}


def test_the_system_account_cannot_log_in_and_is_nobodys_colleague(db):
    system = audit.system_account()
    assert system.is_active is False
    assert system.has_usable_password() is False
    assert system.organisation is None
    assert audit.system_account() == system
