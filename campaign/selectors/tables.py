"""Head office's editor of a campaign's statistics table."""

from django.db.models import Count
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _


def campaign_table(campaign):
    """The campaign's statistics table for head office's editor, in three queries.

    Returns (sections, rules): each section with ``indicator_list`` in table order, each
    indicator with ``value_count`` (values entered for it, retired or not); each rule with
    ``check``, the rule as a formula ("E01 = E02 + E03 + E04 + E05"), and ``description``,
    what it checks in words: its code (E01-SUM) is the table's identifier, not the reader's.
    """
    sections = list(campaign.sections.order_by("position", "code"))
    by_pk = {section.pk: section for section in sections}
    for section in sections:
        section.indicator_list = []
    indicators = campaign.indicators.annotate(value_count=Count("values")).order_by(
        "section__position", "section__code", "position", "code"
    )
    for indicator in indicators:
        by_pk[indicator.section_id].indicator_list.append(indicator)
    rules = list(campaign.rules.order_by("position", "code"))
    for rule in rules:
        rule.check = rule_in_words(rule)
        rule.description = rule_description(rule)
    return sections, rules


def rule_in_words(rule):
    operator = rule.Operator
    right = " + ".join(rule.right_codes)
    if rule.operator == operator.EQUALS_SUM:
        return f"{rule.left} = {right}"
    if rule.operator == operator.AT_MOST:
        return f"{rule.left} ≤ {right}"
    if rule.operator == operator.AT_LEAST:
        return f"{rule.left} ≥ {right}"
    if rule.operator == operator.ZERO_EXPECTED:
        return f"{rule.left} = 0"
    if rule.operator == operator.AT_MOST_NUMBER and rule.factor is not None:
        return f"{rule.left} ≤ {rule.factor.normalize():f}"
    if rule.operator == operator.OUTLIER:
        return _("%(codes)s ≤ %(factor)s × the same unit's value last campaign") % {
            "codes": rule.left or _("every indicator"),
            "factor": f"{rule.factor.normalize():f}" if rule.factor is not None else "",
        }
    return rule.get_operator_display()


def rule_description(rule):
    """What ``rule`` checks, in the reader's language."""
    operator = rule.Operator
    texts = {
        operator.EQUALS_SUM: _("%(left)s equals the sum of %(right)s"),
        operator.AT_MOST: _("%(left)s is not more than %(right)s"),
        operator.AT_LEAST: _("%(left)s is not less than %(right)s"),
        operator.ZERO_EXPECTED: _("%(left)s is expected to be zero"),
        operator.OUTLIER: _(
            "%(left)s: more than %(factor)s times the unit's value last campaign is unusual"
        ),
    }
    if rule.operator not in texts:
        return rule.get_operator_display()
    return texts[rule.operator] % {
        "left": rule.left or _("every indicator"),
        "right": " + ".join(rule.right_codes),
        "factor": f"{rule.factor.normalize():f}" if rule.factor is not None else "",
    }


def indicator_for_editing(campaign, code):
    """The indicator ``code`` of the campaign's table with its ``value_count``, or 404."""
    return get_object_or_404(
        campaign.indicators.select_related("section").annotate(value_count=Count("values")),
        code=code,
    )
