"""How the national figures read in a page: ``{{ value|figure:indicator }}`` (12,345 or
1,234.50 for amounts), ``|average:indicator`` (one more decimal), ``|change:indicator``
(signed) and ``|percent`` (+12.5%); an absent figure is a dash. Thousands are grouped with
commas in both languages, as in the workbook; rounding is half up, as Excel rounds."""

from decimal import ROUND_HALF_UP, Decimal

from django import template

from campaign.models import StatisticsReport

register = template.Library()

DASH = "—"


def _decimals(indicator):
    return 2 if indicator.is_money else 0


def _format(value, decimals):
    rounded = Decimal(value).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return f"{rounded:,.{decimals}f}"


@register.filter
def figure(value, indicator):
    return DASH if value is None else _format(value, _decimals(indicator))


@register.filter
def average(value, indicator):
    return DASH if value is None else _format(value, max(_decimals(indicator), 1))


@register.filter
def change(value, indicator):
    if value is None:
        return DASH
    text = _format(abs(value), _decimals(indicator))
    return f"+{text}" if value > 0 else f"-{text}" if value < 0 else text


@register.filter
def percent(value):
    if value is None:
        return DASH
    text = _format(abs(value), 1)
    return f"+{text}%" if value > 0 else f"-{text}%" if value < 0 else f"{text}%"


@register.filter
def report_status(value):
    """A report status slug's label (a Unit's ``status``); none for a unit not started."""
    return StatisticsReport.Status(value).label if value else ""
