"""The migration that corrects the 2013 table against the notice (issue 7, items 11–17): a
database whose 2013 campaign has the table as first shipped, with values entered, ends up
with the table of campaign/table_2013.py, and every value stays on its code."""

import datetime
import importlib
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

import campaign.migrations
from campaign import table_2013
from campaign.models import Campaign, Indicator, IndicatorValue, ValidationRule
from campaign.services.tables import TABLE_ORDER

# Migrates the database back and forth; the reference data the migrations loaded is
# restored afterwards.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# The table as first shipped, told as the differences from today's definition.
ADDED = {"D05", "E13", "E14", "E15"}
ADDED_RULES = {"D02-LIMIT", "D03-LIMIT"}
FIRST_NAMES = {"E06": ("12378热线接听", "12378 hotline calls answered")}
FIRST_RIGHT = {"E01-SUM": "E02,E03,E04,E05"}
# Values a bureau entered in 2013, by code.
ENTERED = {"A01": "120", "A02": "12.50", "D02": "10", "E01": "40", "E05": "10", "E06": "320"}


def migration():
    """Found by name, not number: migrations are renumbered when branches merge."""
    [path] = Path(campaign.migrations.__file__).parent.glob("*_table_2013_corrections.py")
    return importlib.import_module(f"campaign.migrations.{path.stem}")


def migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)
    return executor.loader.project_state(target).apps


def first_shipped_table(apps):
    """The 2013 campaign of a database before the migration, as install_default_table then
    set it up, and Beijing's report with ENTERED."""
    model = apps.get_model
    campaign = model("campaign", "Campaign").objects.create(
        year=2013,
        theme="诚信保险 优质服务",
        notice_reference="保监厅发〔2013〕11号",
        period_start=datetime.date(2013, 3, 1),
        period_end=datetime.date(2013, 3, 31),
        deadline=datetime.date(2013, 4, 10),
        status="closed",
    )
    sections = {
        code: model("campaign", "Section").objects.create(
            campaign=campaign, code=code, name_zh=name_zh, name_en=name_en, position=position
        )
        for position, (code, name_zh, name_en) in enumerate(table_2013.SECTIONS)
    }
    lines = [line for line in table_2013.INDICATORS if line[0] not in ADDED]
    for position, (code, name_zh, name_en, unit_zh, unit_en, kinds) in enumerate(lines):
        name_zh, name_en = FIRST_NAMES.get(code, (name_zh, name_en))
        model("campaign", "Indicator").objects.create(
            campaign=campaign,
            section=sections[code[0]],
            code=code,
            name_zh=name_zh,
            name_en=name_en,
            unit_zh=unit_zh,
            unit_en=unit_en,
            value_type="money" if code in table_2013.MONEY else "integer",
            for_bureau="R" in kinds,
            for_insurer="C" in kinds,
            for_association="A" in kinds,
            position=position,
        )
    rules = [rule for rule in table_2013.RULES if rule[0] not in ADDED_RULES]
    for position, (code, severity, operator, left, right, factor, alerts, _kinds) in enumerate(
        rules
    ):
        model("campaign", "ValidationRule").objects.create(
            campaign=campaign,
            code=code,
            severity=severity,
            operator=operator,
            left=left,
            right=FIRST_RIGHT.get(code, right),
            factor=Decimal(factor) if factor else None,
            alerts_head_office=alerts,
            position=position,
        )
    beijing = model("campaign", "Organisation").objects.get(code="beijing")
    report = model("campaign", "StatisticsReport").objects.create(
        campaign=campaign, organisation=beijing, status="approved"
    )
    for code, value in ENTERED.items():
        model("campaign", "IndicatorValue").objects.create(
            report=report,
            indicator=model("campaign", "Indicator").objects.get(campaign=campaign, code=code),
            value=Decimal(value),
        )


def shipped_indicators():
    return [
        (
            code,
            name_zh,
            name_en,
            unit_zh,
            unit_en,
            "R" in kinds,
            "C" in kinds,
            "A" in kinds,
            "money" if code in table_2013.MONEY else "integer",
        )
        for code, name_zh, name_en, unit_zh, unit_en, kinds in table_2013.INDICATORS
    ]


def shipped_rules():
    return [
        (
            code,
            severity,
            operator,
            left,
            right,
            Decimal(factor) if factor else None,
            alerts,
            "R" in kinds,
            "C" in kinds,
            "A" in kinds,
        )
        for code, severity, operator, left, right, factor, alerts, kinds in table_2013.RULES
    ]


@pytest.fixture
def before_the_migration():
    """The database as it stood before the migration, with no 2013 campaign (the test
    database's own migrations made none); afterwards, every migration applied again."""
    before = migration().Migration.dependencies
    apps = migrate(before)
    yield apps
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_the_2013_table_becomes_the_shipped_definition_and_values_stay(before_the_migration):
    first_shipped_table(before_the_migration)
    ids_before = dict(Indicator.objects.values_list("code", "pk"))

    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    campaign = Campaign.objects.get(year=2013)
    sections = list(campaign.sections.order_by("position").values_list("code", "name_zh"))
    assert sections == [(code, name_zh) for code, name_zh, _en in table_2013.SECTIONS]
    indicators = campaign.indicators.order_by("position")
    assert list(indicators.order_by(*TABLE_ORDER).values_list("pk", flat=True)) == list(
        indicators.values_list("pk", flat=True)
    )
    assert list(indicators.values_list("position", flat=True)) == list(range(48))
    assert [
        (i.code, i.name_zh, i.name_en, i.unit_zh, i.unit_en, i.for_bureau, i.for_insurer)
        + (i.for_association, i.value_type)
        for i in indicators
    ] == shipped_indicators()
    assert [i.section.code for i in indicators] == [i[0][0] for i in shipped_indicators()]
    rules = ValidationRule.objects.filter(campaign=campaign).order_by("position")
    assert [
        (r.code, r.severity, r.operator, r.left, r.right, r.factor, r.alerts_head_office)
        + (r.for_bureau, r.for_insurer, r.for_association)
        for r in rules
    ] == shipped_rules()

    stored = {
        value.indicator.code: (value.indicator_id, value.value)
        for value in IndicatorValue.objects.select_related("indicator")
    }
    assert stored == {code: (ids_before[code], Decimal(value)) for code, value in ENTERED.items()}
    e06 = campaign.indicators.get(code="E06")
    assert e06.history.first().history_change_reason == "2013 table corrected against the notice"


def test_without_a_2013_campaign_nothing_is_added(before_the_migration):
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    assert not Indicator.objects.exists()
    assert not ValidationRule.objects.exists()


def test_a_code_head_office_already_gave_a_line_keeps_that_line(before_the_migration):
    first_shipped_table(before_the_migration)
    Model = before_the_migration.get_model("campaign", "Indicator")
    Model.objects.create(
        campaign_id=Campaign.objects.get(year=2013).pk,
        section_id=Model.objects.get(code="G02").section_id,
        code="E13",
        name_zh="自定义指标",
        unit_zh="个",
        position=99,
    )

    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    e13 = Indicator.objects.get(code="E13")
    assert (e13.name_zh, e13.section.code) == ("自定义指标", "G")
    assert Indicator.objects.filter(code__in=["D05", "E14", "E15"]).count() == 3
    assert ValidationRule.objects.get(code="E01-SUM").right == "E02,E03,E04,E05"


def test_unapplying_it_is_refused_while_a_new_line_holds_a_value_then_gives_back_the_first_table(
    before_the_migration,
):
    first_shipped_table(before_the_migration)
    first = list(Indicator.objects.order_by("position").values_list("code", "name_zh"))
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    value = IndicatorValue.objects.create(
        report=IndicatorValue.objects.first().report,
        indicator=Indicator.objects.get(code="E13"),
        value=Decimal(3),
    )

    with pytest.raises(RuntimeError, match="E13"):
        migrate(migration().Migration.dependencies)
    assert IndicatorValue.objects.filter(indicator__code="E13").exists()

    value.delete()
    migrate(migration().Migration.dependencies)

    assert list(Indicator.objects.order_by("position").values_list("code", "name_zh")) == first
    rules = dict(ValidationRule.objects.values_list("code", "right"))
    assert rules["E01-SUM"] == "E02,E03,E04,E05"
    assert ADDED_RULES.isdisjoint(rules)
