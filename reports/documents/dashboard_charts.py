"""The dashboards' charts, from what reports.selectors.dashboards returns: each is drawn by
Chart.js in the page and has its figures in a table beside it."""

import datetime

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from complaints.selectors.statistics import CHANNELS, MONTHS

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


def _month_labels(year):
    return [date_format(datetime.date(year, month, 1), "YEAR_MONTH_FORMAT") for month in MONTHS]


def complaints_by_channel_chart(panel):
    """The year's complaints month by month, a line per channel."""
    counts = panel.counts.by_month_channel
    return Chart(
        key="complaints-channel",
        title=_("Complaints by channel, month by month"),
        labels=_month_labels(panel.year),
        series=[
            Series(channel.label, [counts[month, channel.value] for month in MONTHS])
            for channel in CHANNELS
        ],
        kind="line",
    )


def complaints_by_category_chart(panel):
    """The year's complaints month by month, a line per category."""
    counts = panel.counts.by_month_category
    return Chart(
        key="complaints-category",
        title=_("Complaints by category, month by month"),
        labels=_month_labels(panel.year),
        series=[
            Series(category.name, [counts[month, category.pk] for month in MONTHS])
            for category in panel.statistics.categories
        ],
        kind="line",
    )


def complaints_by_region_chart(panel):
    """Per bureau (the region it covers): complaints received and those now overdue."""
    regions = panel.regions
    return Chart(
        key="complaints-region",
        title=_("Complaints by region"),
        labels=[bureau.name for bureau, _received, _overdue in regions],
        series=[
            Series(_("Received"), [received for _bureau, received, _overdue in regions]),
            Series(_("Overdue now"), [overdue for _bureau, _received, overdue in regions]),
        ],
    )


def complaints_charts(panel):
    """The complaints charts of a dashboard, once counted; the region chart for head office
    only."""
    if panel is None or panel.computed_at is None:
        return []
    charts = [complaints_by_channel_chart(panel), complaints_by_category_chart(panel)]
    if panel.show_regions:
        charts.append(complaints_by_region_chart(panel))
    return charts


def _plain(value):
    """A stored value as a whole number when it is one (12, not 12.00)."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else value


def _rounded(value):
    return None if value is None else _plain(round(value, 1))
