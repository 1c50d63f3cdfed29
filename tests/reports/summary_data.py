"""Reports in the states the summary's tests need: counted on time or late, incidents,
written summaries, and a previous campaign to compare with."""

import datetime
from decimal import Decimal

import time_machine

from campaign.services import statistics as statistics_services
from campaign.services.tables import install_default_table
from reports.documents.charts import Chart
from reports.documents.summary import generate_summary_html, summary_charts
from reports.models import NationalReportRun
from reports.selectors.figures import national_figures
from reports.services.summaries import refresh_draft

from ..factories import CampaignFactory, UserFactory, organisation, statistics_report, valid_values


def unit_user(code):
    return UserFactory(username=f"{code}-staff", organisation=organisation(code))


def submit(campaign, code, *, values=None, summary="", late=False):
    """``code``'s report in ``campaign``, filled with valid values (and ``values``) and
    submitted before the deadline, or after it when ``late``."""
    actor = unit_user(code)
    report = statistics_report(campaign, code)
    deadline = campaign.deadline_at
    moment = (
        deadline + datetime.timedelta(hours=2) if late else deadline - datetime.timedelta(days=5)
    )
    with time_machine.travel(moment, tick=False):
        statistics_services.save_report(
            actor=actor,
            report=report,
            values=valid_values(report) | (values or {}),
            summary=summary,
            expected_version=report.version,
        )
        statistics_services.submit_report(actor=actor, report=report, note_for_warnings="已核实")
    report.refresh_from_db()
    return report


def previous_campaign(**fields):
    campaign = CampaignFactory(
        year=2012,
        period_start=datetime.date(2012, 3, 1),
        period_end=datetime.date(2012, 3, 31),
        deadline=datetime.date(2012, 4, 10),
        **fields,
    )
    install_default_table(campaign)
    return campaign


def succeeded_run(campaign, **fields):
    """A run as the runs' task leaves it, and the draft it gives."""
    figures = national_figures(campaign)
    run = NationalReportRun.objects.create(
        campaign=campaign,
        status=NationalReportRun.Status.SUCCEEDED,
        summary_html=generate_summary_html(figures),
        charts=[chart.data for chart in summary_charts(figures)],
        **fields,
    )
    refresh_draft(run)
    return run


def charts_of(run):
    return [Chart.from_data(data) for data in run.charts]


INCIDENT = {"E10": Decimal(2), "E12": Decimal(1)}
