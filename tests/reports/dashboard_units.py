"""Reports put straight into the database for the dashboards' tests: many units, chosen
states, values and submission times, without going through the form one unit at a time.
The tests compute what the dashboards should show from the same dictionaries."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from campaign.models import (
    Campaign,
    ExpectedUnit,
    Indicator,
    IndicatorValue,
    Organisation,
    ReportTransition,
    StatisticsReport,
)
from campaign.services.tables import install_default_table

from ..factories import CampaignFactory, organisation

BEIJING = ZoneInfo("Asia/Shanghai")
Status = StatisticsReport.Status
COUNTED = {Status.SUBMITTED, Status.RESUBMITTED, Status.APPROVED}


def beijing_time(*args):
    return datetime.datetime(*args, tzinfo=BEIJING)


def previous_campaign():
    """The 2012 campaign, closed, with the same table (made before any test insurer, so it
    expects the reference units only unless a test adds more)."""
    campaign = CampaignFactory(
        year=2012,
        status=Campaign.Status.CLOSED,
        period_start=datetime.date(2012, 3, 1),
        period_end=datetime.date(2012, 3, 31),
        deadline=datetime.date(2012, 4, 10),
    )
    install_default_table(campaign)
    return campaign


def insurers(campaigns, count, *, prefix="ins"):
    """``count`` insurers, expected by each of ``campaigns``."""
    created = Organisation.objects.bulk_create(
        Organisation(
            code=f"{prefix}-{n:03}",
            kind=Organisation.Kind.INSURER,
            name_zh=f"仪表保险{prefix}{n:03}号股份有限公司",
            name_en=f"Dashboard Insurance {prefix} {n:03}",
            position=n,
        )
        for n in range(count)
    )
    for campaign in campaigns:
        ExpectedUnit.objects.bulk_create(
            ExpectedUnit(campaign=campaign, organisation=insurer) for insurer in created
        )
    return created


def values_for(campaign, kind, seed):
    """A value for every indicator ``kind`` fills: different per unit (``seed``), amounts
    with decimals, incidents (E10–E12) zero."""
    indicators = Indicator.objects.filter(campaign=campaign).filter(Indicator.filter_for_kind(kind))
    values = {}
    for position, indicator in enumerate(indicators.order_by("section__position", "position")):
        if indicator.code in ("E10", "E11", "E12"):
            values[indicator.code] = Decimal(0)
        elif indicator.is_money:
            values[indicator.code] = Decimal(seed * 3 + position) + Decimal("0.25")
        else:
            values[indicator.code] = Decimal(seed * 7 + position * 3 + 1)
    return values


def put_report(
    campaign,
    unit,
    *,
    status,
    values,
    actor,
    submitted=None,
    resubmitted=None,
    is_late=False,
    warning_count=0,
    has_alert=False,
):
    """``unit``'s report in ``status`` with ``values``; a report that was ever submitted has
    its first submission at ``submitted`` (and another at ``resubmitted``)."""
    if isinstance(unit, str):
        unit = organisation(unit)
    report = StatisticsReport.objects.create(
        campaign=campaign,
        organisation=unit,
        status=status,
        submitted_at=resubmitted or submitted,
        is_late=is_late,
        warning_count=warning_count,
        has_alert=has_alert,
        filled_by="王伟",
        contact_phone="010-55550101",
    )
    by_code = dict(Indicator.objects.filter(campaign=campaign).values_list("code", "pk"))
    IndicatorValue.objects.bulk_create(
        IndicatorValue(report=report, indicator_id=by_code[code], value=value)
        for code, value in values.items()
    )
    steps = [at for at in (submitted, resubmitted) if at is not None]
    ReportTransition.objects.bulk_create(
        ReportTransition(
            report=report,
            action=ReportTransition.Action.SUBMIT,
            from_status=Status.DRAFT,
            to_status=Status.SUBMITTED,
            actor=actor,
            at=at,
        )
        for at in steps
    )
    return report


def sums(reports, kind):
    """code → the sum of the values of the counted reports of ``kind``: what the national
    totals should say, computed here rather than by the code under test."""
    totals = {}
    for unit_kind, status, values in reports:
        if unit_kind != kind or status not in COUNTED:
            continue
        for code, value in values.items():
            totals[code] = totals.get(code, Decimal(0)) + value
    return totals


def counted(reports, kind):
    return sum(
        1 for unit_kind, status, _values in reports if unit_kind == kind and status in COUNTED
    )


BUREAU, INSURER, ASSOCIATION = (
    Organisation.Kind.BUREAU,
    Organisation.Kind.INSURER,
    Organisation.Kind.ASSOCIATION,
)


def national_scenario(campaign, actor):
    """The 2013 campaign with bureaus, insurers and the association in every state, and the
    2012 campaign before it. Returns (this year's, last year's) reports as (kind, status,
    values) for ``sums``, and the test insurers."""
    previous = previous_campaign()
    companies = insurers([campaign, previous], 4)
    this_year = [
        # (unit, kind, status, first submitted, resubmitted, late, warnings, alert)
        (
            "beijing",
            BUREAU,
            Status.SUBMITTED,
            beijing_time(2013, 3, 5, 23, 30),
            None,
            False,
            0,
            False,
        ),
        ("shanghai", BUREAU, Status.APPROVED, beijing_time(2013, 4, 11, 9), None, True, 2, False),
        ("tianjin", BUREAU, Status.DRAFT, None, None, False, 0, False),
        ("hebei", BUREAU, Status.RETURNED, beijing_time(2013, 3, 6, 0, 30), None, False, 0, False),
        (
            "shanxi",
            BUREAU,
            Status.RESUBMITTED,
            beijing_time(2013, 3, 6, 10),
            beijing_time(2013, 3, 20, 10),
            False,
            1,
            True,
        ),
        (
            companies[0],
            INSURER,
            Status.SUBMITTED,
            beijing_time(2013, 4, 1, 8),
            None,
            False,
            0,
            False,
        ),
        (companies[1], INSURER, Status.APPROVED, beijing_time(2013, 4, 2, 8), None, False, 0, True),
        (companies[2], INSURER, Status.DRAFT, None, None, False, 0, False),
        ("iac", ASSOCIATION, Status.SUBMITTED, beijing_time(2013, 4, 9, 8), None, False, 1, False),
    ]
    reports = []
    for seed, (unit, kind, status, submitted, resubmitted, late, warnings, alert) in enumerate(
        this_year, start=1
    ):
        values = values_for(campaign, kind, seed)
        if unit is companies[1]:
            values["E10"] = Decimal(2)  # an incident, which the dashboard lists
        put_report(
            campaign,
            unit,
            status=status,
            values=values,
            actor=actor,
            submitted=submitted,
            resubmitted=resubmitted,
            is_late=late,
            warning_count=warnings,
            has_alert=alert,
        )
        reports.append((kind, status, values))
    last_year = []
    for seed, (unit, kind) in enumerate(
        [("beijing", BUREAU), ("tianjin", BUREAU), (companies[0], INSURER), ("iac", ASSOCIATION)],
        start=20,
    ):
        values = values_for(previous, kind, seed)
        if kind == BUREAU:
            values["B16"] = Decimal(0)  # zero last year: the change has no percentage
        put_report(
            previous,
            unit,
            status=Status.APPROVED,
            values=values,
            actor=actor,
            submitted=beijing_time(2012, 4, 1, 9),
        )
        last_year.append((kind, Status.APPROVED, values))
    return reports, last_year, companies
