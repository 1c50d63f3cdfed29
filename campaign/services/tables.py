"""Putting a statistics table on a campaign: the shipped 2013 table, or a copy of an earlier one."""

from decimal import Decimal

from django.db import transaction

from .. import table_2013
from ..models import Indicator, Section, ValidationRule


@transaction.atomic
def install_default_table(campaign):
    """Give ``campaign`` the 2013 table (SPEC §2.1) unless it already has indicators."""
    if campaign.indicators.exists():
        return False
    sections = {
        code: Section.objects.create(
            campaign=campaign, code=code, name_zh=name_zh, name_en=name_en, position=position
        )
        for position, (code, name_zh, name_en) in enumerate(table_2013.SECTIONS)
    }
    Indicator.objects.bulk_create(
        Indicator(
            campaign=campaign,
            section=sections[code[0]],
            code=code,
            name_zh=name_zh,
            name_en=name_en,
            unit_zh=unit_zh,
            unit_en=unit_en,
            value_type=(
                Indicator.ValueType.MONEY
                if code in table_2013.MONEY
                else Indicator.ValueType.INTEGER
            ),
            for_bureau="R" in kinds,
            for_insurer="C" in kinds,
            for_association="A" in kinds,
            position=position,
        )
        for position, (code, name_zh, name_en, unit_zh, unit_en, kinds) in enumerate(
            table_2013.INDICATORS
        )
    )
    ValidationRule.objects.bulk_create(
        ValidationRule(
            campaign=campaign,
            code=code,
            severity=severity,
            operator=operator,
            left=left,
            right=right,
            factor=Decimal(factor) if factor else None,
            alerts_head_office=alerts,
            position=position,
        )
        for position, (code, severity, operator, left, right, factor, alerts) in enumerate(
            table_2013.RULES
        )
    )
    return True
