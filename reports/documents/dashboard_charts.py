"""The dashboards' charts, from what reports.selectors.dashboards returns: each is drawn by
Chart.js in the page and has its figures in a table beside it."""

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .charts import Chart, Series


def completeness_chart(kinds):
    """Per kind of unit: expected, on time, late, missing, awaiting review, approved."""
    return Chart(
        key="completeness",
        title=_("Completeness and timeliness by kind of unit"),
        labels=[kind.label for kind in kinds],
        series=[
            Series(_("Expected"), [kind.expected for kind in kinds]),
            Series(_("On time"), [kind.on_time for kind in kinds]),
            Series(_("Late"), [kind.late for kind in kinds]),
            Series(_("Missing"), [kind.missing for kind in kinds]),
            Series(_("Awaiting review"), [kind.awaiting for kind in kinds]),
            Series(_("Approved"), [kind.approved for kind in kinds]),
        ],
    )


def progress_chart(progress):
    """The units that had submitted by each day, against the number expected."""
    return Chart(
        key="progress",
        title=_("Units that have submitted, day by day"),
        labels=[date_format(day, "MONTH_DAY_FORMAT") for day in progress.days],
        series=[
            Series(_("Units that have submitted"), progress.submitted),
            Series(_("Units expected"), [progress.expected] * len(progress.days)),
        ],
        kind="line",
    )


def unit_key_chart(dashboard):
    """A few key indicators: the unit's own value beside the national average of its kind."""
    return Chart(
        key="key-indicators",
        title=_("Key indicators: ours and the national average"),
        labels=[row["indicator"].name for row in dashboard.key_rows],
        series=[
            Series(_("Our unit"), [_plain(row["own"]) for row in dashboard.key_rows]),
            Series(
                _("National average (%(kind)s)") % {"kind": dashboard.kind.label},
                [_rounded(row["average"]) for row in dashboard.key_rows],
            ),
        ],
    )


def _plain(value):
    """A stored value as a whole number when it is one (12, not 12.00)."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else value


def _rounded(value):
    return None if value is None else _plain(round(value, 1))
