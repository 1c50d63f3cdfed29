"""A campaign's statistics table: putting one on a campaign (the shipped 2013 table, or a
copy of an earlier campaign's) and head office's edits to it.

The edits keep one promise: a value already entered is never lost or re-labelled. So an
indicator is retired, never deleted; once a value exists for it only its English name may
change; its code never changes; and a closed campaign's table is not edited at all.
Positions are kept unique across the whole table (0, 1, 2 … in section order), so ordering
by position alone gives table order too.
"""

import logging
import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from portal import audit

from .. import table_2013
from ..models import Campaign, Indicator, IndicatorValue, Section, ValidationRule

logger = logging.getLogger(__name__)

# An indicator code as the notice writes them: capital letters then digits (E01, H12).
INDICATOR_CODE = re.compile(r"^[A-Z]{1,3}[0-9]{1,4}$")

# What head office may change on an indicator, and the part of it that stays open once a
# value has been entered: the stored value keeps the meaning it was entered with.
EDITABLE_FIELDS = (
    "section",
    "name_zh",
    "name_en",
    "unit_zh",
    "unit_en",
    "value_type",
    "for_bureau",
    "for_insurer",
    "for_association",
)
EDITABLE_ONCE_FILLED = ("name_en",)

# Table order: by section, then by position within it.
TABLE_ORDER = ("section__position", "section__code", "position", "code")


class TableError(ValidationError):
    """The edit does not apply to the table as it stands. Raised with {field: message} when a
    rule is about one field of the indicator, so a form shows it next to that field
    (``form.add_error(None, error)``); ``str()`` is the user's message either way."""

    def __str__(self):
        return " ".join(self.messages)


@transaction.atomic
def install_default_table(campaign, *, actor=None):
    """Give ``campaign`` the 2013 table (SPEC §2.1) unless it already has indicators. The
    history names ``actor``, else the user at work (request or command), else the system."""
    if campaign.indicators.exists():
        return False
    actor = audit.actor_or_default(actor)
    sections = {
        code: Section.objects.create(
            campaign=campaign, code=code, name_zh=name_zh, name_en=name_en, position=position
        )
        for position, (code, name_zh, name_en) in enumerate(table_2013.SECTIONS)
    }
    bulk_create_with_history(
        [
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
        ],
        Indicator,
        default_user=actor,
    )
    bulk_create_with_history(
        [
            ValidationRule(
                campaign=campaign,
                code=code,
                severity=severity,
                operator=operator,
                left=left,
                right=right,
                factor=Decimal(factor) if factor else None,
                alerts_head_office=alerts,
                for_bureau="R" in kinds,
                for_insurer="C" in kinds,
                for_association="A" in kinds,
                position=position,
            )
            for position, (
                code,
                severity,
                operator,
                left,
                right,
                factor,
                alerts,
                kinds,
            ) in enumerate(table_2013.RULES)
        ],
        ValidationRule,
        default_user=actor,
    )
    return True


@transaction.atomic
def copy_table(*, source, target, actor=None):
    """Give ``target`` a copy of ``source``'s table: sections, the indicators not retired (same
    codes, names, units, types, kinds and order) and the validation rules (with the kinds
    they are checked for).

    New rows, never links: editing the copy cannot touch ``source`` or its values.
    Returns the number of indicators copied. The history names ``actor`` (else as
    install_default_table).
    """
    actor = audit.actor_or_default(actor)
    if target.indicators.exists():
        raise TableError(
            _("The %(year)s campaign already has a statistics table.") % {"year": target.year}
        )
    sections = {
        section.pk: Section.objects.create(
            campaign=target,
            code=section.code,
            name_zh=section.name_zh,
            name_en=section.name_en,
            position=section.position,
        )
        for section in source.sections.order_by("position", "code")
    }
    indicators = bulk_create_with_history(
        [
            Indicator(
                campaign=target,
                section=sections[indicator.section_id],
                code=indicator.code,
                name_zh=indicator.name_zh,
                name_en=indicator.name_en,
                unit_zh=indicator.unit_zh,
                unit_en=indicator.unit_en,
                value_type=indicator.value_type,
                for_bureau=indicator.for_bureau,
                for_insurer=indicator.for_insurer,
                for_association=indicator.for_association,
                position=position,
            )
            for position, indicator in enumerate(
                source.indicators.filter(is_retired=False).order_by(*TABLE_ORDER)
            )
        ],
        Indicator,
        default_user=actor,
    )
    bulk_create_with_history(
        [
            ValidationRule(
                campaign=target,
                code=rule.code,
                severity=rule.severity,
                operator=rule.operator,
                left=rule.left,
                right=rule.right,
                factor=rule.factor,
                alerts_head_office=rule.alerts_head_office,
                for_bureau=rule.for_bureau,
                for_insurer=rule.for_insurer,
                for_association=rule.for_association,
                position=rule.position,
            )
            for rule in source.rules.order_by("position", "code")
        ],
        ValidationRule,
        default_user=actor,
    )
    return len(indicators)


def table_is_editable(campaign):
    """A closed campaign's table is final; draft and open campaigns' tables may change."""
    return campaign.status != Campaign.Status.CLOSED


def closed_message(campaign):
    return _(
        "The %(year)s campaign is closed: its statistics table can no longer be changed. "
        "Reopen the campaign first."
    ) % {"year": campaign.year}


def _editable_campaign(campaign):
    """Lock the campaign (table edits are serialised per campaign) and refuse a closed one."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if not table_is_editable(campaign):
        raise TableError(closed_message(campaign))
    return campaign


def _locked_indicator(indicator):
    _editable_campaign(indicator.campaign)
    return Indicator.objects.select_for_update().select_related("section").get(pk=indicator.pk)


def is_locked(indicator):
    """Whether only EDITABLE_ONCE_FILLED may still change on ``indicator``: a unit has entered
    a value for it (even one cleared since)."""
    return IndicatorValue.objects.filter(indicator=indicator).exists()


def _table(campaign):
    return list(campaign.indicators.select_related("section").order_by(*TABLE_ORDER))


def _save_order(indicators, *, actor):
    """Number ``indicators`` (the whole table, in its new order) 0, 1, 2 …"""
    moved = []
    for position, indicator in enumerate(indicators):
        if indicator.position != position:
            indicator.position = position
            moved.append(indicator)
    bulk_update_with_history(moved, Indicator, ["position"], default_user=actor)


def _place_last_in_section(indicator, *, actor):
    table = [row for row in _table(indicator.campaign) if row.pk != indicator.pk]

    def section_key(row):
        return (row.section.position, row.section.code)

    index = sum(1 for row in table if section_key(row) <= section_key(indicator))
    table.insert(index, indicator)
    _save_order(table, actor=actor)


def check_new_code(campaign, code):
    """``code`` as it is stored (" e13" → "E13"); TableError unless it is capital letters then
    digits and new to ``campaign``'s table."""
    code = code.strip().upper()
    if not INDICATOR_CODE.match(code):
        raise TableError(
            {"code": _("A code is one to three capital letters and then digits, e.g. E13.")}
        )
    if campaign.indicators.filter(code=code).exists():
        raise TableError({"code": _("%(code)s is already used in this table.") % {"code": code}})
    return code


def check_indicator(campaign, fields):
    """TableError unless an indicator with ``fields`` (its EDITABLE_FIELDS) fits ``campaign``'s
    table: a section of that table, and at least one kind of unit that fills it."""
    section = fields.get("section")
    if section is not None and section.campaign_id != campaign.pk:
        raise TableError({"section": _("The section belongs to another campaign's table.")})
    if not any(fields.get(name) for name in Indicator.KIND_FIELDS.values()):
        raise TableError(
            {"for_bureau": _("Choose at least one kind of unit that fills the indicator.")}
        )


def check_changes(indicator, changed):
    """TableError if ``changed`` (names of EDITABLE_FIELDS) includes a field that may no longer
    change because ``indicator`` is locked; the error sits on the first such field."""
    locked = [name for name in changed if name not in EDITABLE_ONCE_FILLED]
    if locked and is_locked(indicator):
        raise TableError(
            {
                locked[0]: _(
                    "Values have already been entered for %(code)s: only its English name can "
                    "still change."
                )
                % {"code": indicator.code}
            }
        )


@transaction.atomic
def add_indicator(
    *,
    actor,
    campaign,
    section,
    code,
    name_zh,
    unit_zh,
    name_en="",
    unit_en="",
    value_type=Indicator.ValueType.INTEGER,
    for_bureau=True,
    for_insurer=True,
    for_association=True,
):
    """Add an indicator at the end of its section. ``code`` (E13) must be new to the table."""
    campaign = _editable_campaign(campaign)
    code = check_new_code(campaign, code)
    fields = {
        "section": section,
        "name_zh": name_zh,
        "name_en": name_en,
        "unit_zh": unit_zh,
        "unit_en": unit_en,
        "value_type": value_type,
        "for_bureau": for_bureau,
        "for_insurer": for_insurer,
        "for_association": for_association,
    }
    check_indicator(campaign, fields)
    indicator = Indicator(campaign=campaign, code=code, **fields)
    indicator._history_user = actor
    indicator.save()
    _place_last_in_section(indicator, actor=actor)
    logger.info("indicator %s added to %s by %s", code, campaign.year, actor.username)
    return indicator


@transaction.atomic
def update_indicator(*, actor, indicator, **fields):
    """Change the given fields of ``indicator`` (any of EDITABLE_FIELDS; never its code).

    Once a value has been entered for it, only its English name may change: anything else
    raises TableError and nothing is saved. Moving it to another section puts it last there.
    Returns the names of the fields that changed.
    """
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"update_indicator() cannot change {', '.join(sorted(unknown))}")
    indicator = _locked_indicator(indicator)
    changed = [name for name in fields if getattr(indicator, name) != fields[name]]
    if not changed:
        return []
    check_changes(indicator, changed)
    check_indicator(
        indicator.campaign, {name: getattr(indicator, name) for name in EDITABLE_FIELDS} | fields
    )
    for name in changed:
        setattr(indicator, name, fields[name])
    indicator._history_user = actor
    indicator.save(update_fields=changed)
    if "section" in changed:
        _place_last_in_section(indicator, actor=actor)
    logger.info(
        "indicator %s of %s changed by %s: %s",
        indicator.code,
        indicator.campaign.year,
        actor.username,
        changed,
    )
    return changed


def _set_retired(indicator, retired, *, actor):
    indicator = _locked_indicator(indicator)
    if indicator.is_retired == retired:
        return False
    indicator.is_retired = retired
    indicator._history_user = actor
    indicator.save(update_fields=["is_retired"])
    logger.info(
        "indicator %s of %s %s by %s",
        indicator.code,
        indicator.campaign.year,
        "retired" if retired else "restored",
        actor.username,
    )
    return True


@transaction.atomic
def retire_indicator(*, actor, indicator):
    """Stop asking for ``indicator``; values already entered for it stay stored.
    Returns False when it was already retired."""
    return _set_retired(indicator, True, actor=actor)


@transaction.atomic
def restore_indicator(*, actor, indicator):
    """Ask for a retired indicator again. Returns False when it was not retired."""
    return _set_retired(indicator, False, actor=actor)


MOVES = {"up": -1, "down": 1}


@transaction.atomic
def move_indicator(*, actor, indicator, direction):
    """Swap ``indicator`` with its neighbour in its section (``direction`` "up" or "down").
    Returns False when it is already first (or last) in its section."""
    if direction not in MOVES:
        raise TableError(_("Say whether to move the indicator up or down."))
    indicator = _locked_indicator(indicator)
    table = _table(indicator.campaign)
    index = next(i for i, row in enumerate(table) if row.pk == indicator.pk)
    other = index + MOVES[direction]
    if not 0 <= other < len(table) or table[other].section_id != indicator.section_id:
        return False
    table[index], table[other] = table[other], table[index]
    _save_order(table, actor=actor)
    logger.info(
        "indicator %s of %s moved %s by %s",
        indicator.code,
        indicator.campaign.year,
        direction,
        actor.username,
    )
    return True
