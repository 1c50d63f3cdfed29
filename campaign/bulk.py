"""Made-up load for benchmarks and capacity tests (``manage.py generate_load``): insurers
created in bulk, and a statistics report of every unit a campaign expects, written with
bulk inserts rather than through the services (which would take minutes for hundreds of
units). What it writes is what the services would have left for a report submitted (or
submitted and approved) once: values that pass the table's rules (campaign.demo's
``sample_values``), the submission's transition and time, late after the deadline. No
history rows are written: nobody made these reports."""

import datetime
import itertools
import random

from django.db import transaction

from portal.audit import system_account

from .demo.clock import at
from .demo.statistics import sample_values
from .models import (
    ExpectedUnit,
    IndicatorValue,
    Organisation,
    ReportTransition,
    StatisticsReport,
)
from .selectors.reports import indicators_for

# The code of every insurer generate_load makes up: how a later run recognises its data.
LOAD_INSURER_PREFIX = "load-insurer-"
# Units that submit after the deadline, and those head office has not yet approved.
LATE_SHARE = 0.04
AWAITING_SHARE = 0.15


def add_missing_companies(count):
    """Made-up insurers until there are ``count`` active ones; returns how many were added."""
    active = Organisation.objects.filter(kind=Organisation.Kind.INSURER, is_active=True)
    taken = set(Organisation.objects.values_list("code", flat=True))
    codes = (f"{LOAD_INSURER_PREFIX}{n:03d}" for n in itertools.count(1))
    missing = list(
        itertools.islice(
            (code for code in codes if code not in taken), max(count - active.count(), 0)
        )
    )
    Organisation.objects.bulk_create(
        Organisation(
            code=code,
            kind=Organisation.Kind.INSURER,
            name_zh=f"示例保险股份有限公司{code.removeprefix(LOAD_INSURER_PREFIX)}号（压测）",
            name_en=f"Load-test Insurance Co. No. {code.removeprefix(LOAD_INSURER_PREFIX)}",
        )
        for code in missing
    )
    return len(missing)


def report_every_unit(campaign, *, seed=315):
    """Every active bureau, insurer and association expected in ``campaign`` and reported:
    submitted between the period's start and the deadline (a few late), most approved.
    Units that already have a report keep it. Returns how many reports were added."""
    units = list(
        Organisation.objects.filter(kind__in=Organisation.REPORTING_KINDS, is_active=True)
        .exclude(statistics_reports__campaign=campaign)
        .order_by("pk")
    )
    rng = random.Random(seed)  # noqa: S311 - made-up figures, not a secret
    actor = system_account()
    span = (campaign.deadline - campaign.period_start).days
    with transaction.atomic():
        ExpectedUnit.objects.bulk_create(
            [ExpectedUnit(campaign=campaign, organisation=unit) for unit in units],
            ignore_conflicts=True,
        )
        reports = []
        for unit in units:
            late = rng.random() < LATE_SHARE
            day = campaign.deadline + datetime.timedelta(
                days=rng.randint(1, 5) if late else -rng.randint(0, span)
            )
            approved = rng.random() >= AWAITING_SHARE
            reports.append(
                StatisticsReport(
                    campaign=campaign,
                    organisation=unit,
                    status=(
                        StatisticsReport.Status.APPROVED
                        if approved
                        else StatisticsReport.Status.SUBMITTED
                    ),
                    summary=f"<p>{unit.name_zh}开展“3·15”系列活动（压测示例）。</p>",
                    filled_by="张某（示例）",
                    contact_phone=f"010-5555{unit.pk % 10000:04d}",
                    unit_head="李某（示例）",
                    no_sales_confirmed=True,
                    version=1,
                    submitted_at=at(day, rng.randint(9, 17)),
                    is_late=late,
                    updated_by=actor,
                )
            )
        reports = StatisticsReport.objects.bulk_create(reports)
        ReportTransition.objects.bulk_create(_transitions(reports, actor, rng))
        indicators = {}  # by kind of unit
        IndicatorValue.objects.bulk_create(
            (
                IndicatorValue(report=report, indicator=indicator, value=value)
                for report in reports
                for indicator, value in _values(report, indicators, rng)
            ),
            batch_size=2000,
        )
    return len(reports)


def _transitions(reports, actor, rng):
    """Each report's submission, and its approval a few days later when approved."""
    Status = StatisticsReport.Status
    for report in reports:
        yield ReportTransition(
            report=report,
            action=ReportTransition.Action.SUBMIT,
            from_status=Status.DRAFT,
            to_status=Status.SUBMITTED,
            actor=actor,
            at=report.submitted_at,
            is_late=report.is_late,
        )
        if report.status == Status.APPROVED:
            yield ReportTransition(
                report=report,
                action=ReportTransition.Action.APPROVE,
                from_status=Status.SUBMITTED,
                to_status=Status.APPROVED,
                actor=actor,
                at=report.submitted_at + datetime.timedelta(days=rng.randint(1, 4)),
            )


def _values(report, indicators, rng):
    kind = report.organisation.kind
    if kind not in indicators:
        indicators[kind] = indicators_for(report)
    values = sample_values(indicators[kind], rng.random())
    return [(i, values[i.code]) for i in indicators[kind] if values.get(i.code) is not None]
