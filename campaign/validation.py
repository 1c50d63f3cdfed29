"""Checking a statistics report: one value at a time, then the table's rules across values.

The same functions serve the web form, the Excel upload and the import command, so a
value means the same thing and gets the same message wherever it was typed.
"""

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import ValidationRule

ERROR = ValidationRule.Severity.ERROR
WARNING = ValidationRule.Severity.WARNING
CENT = Decimal("0.01")
# Far above any real figure, and safely inside the database column (16 digits, 2 decimals).
LIMIT = 10**12
# What a figure typed as text may look like once full-width characters are folded: digits,
# commas only between groups of three (1,000,000), a decimal point. Nothing else: Decimal()
# and int() also take superscripts, circled and Arabic-Indic digits, "1_000" and "1e3", and
# NFKC turns "10²" into "102".
FIGURE = re.compile(r"(?:[0-9]+|[1-9][0-9]{0,2}(?:,[0-9]{3})+)?(?:\.[0-9]+)?")
FULL_WIDTH = str.maketrans("０１２３４５６７８９，．", "0123456789,.")


# Characters a one-line name must not hold: C0/C1 controls (NUL, line breaks, tabs), Unicode
# line separators and the bidirectional overrides that make text display other than it reads.
# A line break in an organisation's name breaks the alert e-mail's subject; controls make the
# Excel files invalid XML; PostgreSQL refuses NUL in text.
NOT_IN_A_NAME = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def validate_one_line(text):
    """Field validator for names and other one-line text typed into the portal."""
    if text and NOT_IN_A_NAME.search(text):
        raise ValidationError(
            gettext_lazy("Enter this on one line, without line breaks or control characters."),
            code="control_characters",
        )


def is_blank(text):
    """Whether ``text`` shows nothing: only spaces and invisible format characters (a
    zero-width space, joiners, a byte-order mark), which must not pass for a name."""
    return all(char.isspace() or unicodedata.category(char) == "Cf" for char in text)


# A telephone number as people write it: an optional +, digits grouped by spaces, hyphens or
# brackets ("010-66286688", "(010) 6628 6688", "+86 138 0013 8000"), then perhaps an extension
# ("转 123", "ext. 123", "x123"; "010-66286688-123" is already a number of digits and hyphens).
PHONE = re.compile(
    r"(?P<number>\+?[0-9()][0-9 ()-]*[0-9])"
    r"(?:\s*(?:转|分机|ext\.?|x|#)\s*[0-9]{1,6})?",
    re.IGNORECASE,
)
PHONE_WIDTH = str.maketrans("０１２３４５６７８９－（）＋　＃", "0123456789-()+ #")


def normalise_phone(text):
    """The phone number typed, full-width characters folded and spaces tidied; "" for none.
    Raises ValidationError unless it is a number of 7 to 15 digits, perhaps with an extension."""
    text = " ".join((text or "").translate(PHONE_WIDTH).split())
    if not text:
        return ""
    match = PHONE.fullmatch(text)
    if not match or not 7 <= sum(c.isdigit() for c in match["number"]) <= 15:
        raise ValidationError(
            gettext_lazy(
                "Enter a phone number in digits, e.g. 010-66286688 or 13800138000, "
                "with an extension after 转 if there is one."
            ),
            code="phone",
        )
    return text


class InvalidValue(ValueError):
    """The text or cell cannot be a value of the indicator; ``str()`` is the user's message."""


@dataclass(frozen=True)
class Finding:
    key: str  # stable identifier: an acknowledgement note is kept against it
    severity: str
    code: str  # the indicator the finding sits next to
    message: str

    @property
    def is_error(self):
        return self.severity == ERROR


def parse_value(indicator, raw):
    """Turn typed text or an Excel cell into a Decimal, or None for empty.

    Accepts what office software produces: numbers stored as text, 12.0 as a float,
    full-width digits and thousands separators in their places. Raises InvalidValue with
    the reason; a comma anywhere else is refused as a decimal comma, never dropped.
    """
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise InvalidValue(_expected(indicator))
    if isinstance(raw, int | float | Decimal):
        text = repr(raw) if isinstance(raw, float) else str(raw)
    else:
        text = str(raw).translate(FULL_WIDTH).strip()
        if not text:
            return None
        if not FIGURE.fullmatch(text) or not any(c.isdigit() for c in text):
            if "," in text:
                raise InvalidValue(
                    _(
                        "use a decimal point, not a comma (0.25, not 0,25); a comma may only "
                        "separate thousands (1,000)"
                    )
                )
            raise InvalidValue(_expected(indicator))
        text = text.replace(",", "")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise InvalidValue(_expected(indicator)) from None
    if not value.is_finite() or value < 0:
        raise InvalidValue(_expected(indicator))
    if value >= LIMIT:
        raise InvalidValue(_("is too large (at most %(limit)s)") % {"limit": f"{LIMIT - 1:,}"})
    if indicator.is_money:
        if value != value.quantize(CENT):
            raise InvalidValue(_expected(indicator))
        return value.quantize(CENT)
    if value != value.to_integral_value():
        raise InvalidValue(_expected(indicator))
    return value.quantize(Decimal(1))


def _expected(indicator):
    if indicator.is_money:
        return _("must be a non-negative amount with at most 2 decimals")
    return _("must be a non-negative whole number")


def format_value(indicator, value):
    """The value as a clerk would type it: 12, 3.50; empty for None."""
    if value is None:
        return ""
    return f"{value:.2f}" if indicator.is_money else f"{value:.0f}"


def check_report(indicators, values, rules, *, previous=None, complete=False):
    """Findings for a whole report.

    ``indicators`` are the ones the unit fills, ``values`` maps code → Decimal or None,
    ``previous`` maps code → value in the unit's previous campaign. With ``complete``
    (submission) an empty value is an error; rules are checked where their values exist.
    """
    by_code = {indicator.code: indicator for indicator in indicators}
    findings = []
    if complete:
        findings += [
            Finding(f"required:{code}", ERROR, code, _("is required (enter 0 if there were none)"))
            for code in by_code
            if values.get(code) is None
        ]
    for rule in rules:
        findings += _check_rule(rule, by_code, values, previous or {})
    return findings


def _check_rule(rule, by_code, values, previous):
    operator = ValidationRule.Operator
    if rule.operator == operator.OUTLIER:
        return _check_outliers(rule, by_code, values, previous)
    if rule.operator == operator.AT_MOST_NUMBER:
        return _check_limit(rule, by_code, values)
    parts = rule.right_codes
    if rule.operator == operator.EQUALS_SUM:
        # A part the unit's kind does not fill counts for nothing: the unit has no such
        # channel. The sum is checked while the total and at least one part are asked for.
        parts = [code for code in parts if code in by_code]
        if not parts:
            return []
    codes = [rule.left, *parts]
    if any(code not in by_code for code in codes):
        return []  # the rule is about indicators this unit does not fill
    if any(values.get(code) is None for code in codes):
        return []
    left = values[rule.left]
    right = sum((values[code] for code in parts), Decimal(0))
    label = _label(by_code[rule.left])
    others = " + ".join(parts)
    if rule.operator == operator.EQUALS_SUM and left != right:
        message = _("%(left)s must equal %(right)s (%(a)s ≠ %(b)s)")
    elif rule.operator == operator.AT_MOST and left > right:
        message = _("%(left)s is more than %(right)s (%(a)s > %(b)s)")
    elif rule.operator == operator.AT_LEAST and left < right:
        message = _("%(left)s is less than %(right)s (%(a)s < %(b)s)")
    elif rule.operator == operator.ZERO_EXPECTED and left > 0:
        message = _("%(left)s is %(a)s: head office will be alerted")
    else:
        return []
    text = message % {
        "left": label,
        "right": others,
        "a": format_value(by_code[rule.left], left),
        "b": format_value(by_code[rule.left], right),
    }
    return [Finding(rule.code, rule.severity, rule.left, text)]


def _check_limit(rule, by_code, values):
    indicator = by_code.get(rule.left)
    value = values.get(rule.left)
    if indicator is None or value is None or rule.factor is None or value <= rule.factor:
        return []
    text = _("%(left)s is %(a)s, more than %(limit)s: please explain in a note") % {
        "left": _label(indicator),
        "a": format_value(indicator, value),
        "limit": f"{rule.factor.normalize():f}",
    }
    return [Finding(rule.code, rule.severity, rule.left, text)]


def _check_outliers(rule, by_code, values, previous):
    codes = [rule.left] if rule.left else list(by_code)
    findings = []
    for code in codes:
        value, before = values.get(code), previous.get(code)
        if code not in by_code or value is None or not before:
            continue
        if value > before * rule.factor:
            findings.append(
                Finding(
                    f"{rule.code}:{code}",
                    rule.severity,
                    code,
                    _("%(value)s is more than %(factor)s× last campaign's %(before)s")
                    % {
                        "value": format_value(by_code[code], value),
                        "factor": f"{rule.factor.normalize():f}",
                        "before": format_value(by_code[code], before),
                    },
                )
            )
    return findings


def _label(indicator):
    return f"{indicator.code} {indicator.name}"


def alerts(findings, rules):
    """True when a finding comes from a rule that alerts head office (E10–E12 > 0)."""
    alerting = {rule.code for rule in rules if rule.alerts_head_office}
    return any(finding.key in alerting for finding in findings)
