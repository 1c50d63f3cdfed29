"""A national picture to test the national figures and the workbook against: units of each
kind in every state a report can be in, values set through the services, and the sums a
reader would make by hand from those values (never from the code under test)."""

import datetime
from zoneinfo import ZoneInfo

from campaign.models import ExpectedUnit
from campaign.services import statistics as service
from campaign.services.tables import install_default_table

from ..factories import CampaignFactory, InsurerFactory, statistics_report, valid_values

BEIJING_TIME = ZoneInfo("Asia/Shanghai")
ON_TIME = datetime.datetime(2013, 4, 8, 9, 0, tzinfo=BEIJING_TIME)
LATE = datetime.datetime(2013, 4, 11, 10, 30, tzinfo=BEIJING_TIME)
LAST_YEAR = datetime.datetime(2012, 4, 9, 15, 0, tzinfo=BEIJING_TIME)
HOSTILE_NAME = '=HYPERLINK("http://evil.example","点此")'


def values_for(report, factor):
    """valid_values scaled: every unit's figures differ, and the table's sums still hold."""
    return {code: value * factor for code, value in valid_values(report).items()}


def fill(report, factor, actor):
    values = values_for(report, factor)
    service.save_report(actor=actor, report=report, values=values, expected_version=report.version)
    return values


def submit(report, factor, actor, time_machine, at):
    time_machine.move_to(at, tick=False)
    values = fill(report, factor, actor)
    # Scaled figures may raise warnings (outliers, the 双十佳 limit): a note lets them through.
    service.submit_report(actor=actor, report=report, note_for_warnings="已核实")
    report.refresh_from_db()
    return values


def previous_campaign():
    """The 2012 campaign with its table, to compare with (Scenario reports three units in it)."""
    campaign = CampaignFactory(
        year=2012,
        theme="保险服务 诚信为本",
        period_start=datetime.date(2012, 3, 1),
        period_end=datetime.date(2012, 3, 31),
        deadline=datetime.date(2012, 4, 10),
    )
    install_default_table(campaign)
    return campaign


class Scenario:
    """What was stored for the 2013 campaign (``counted``: unit code → the values of a
    report that counts), and for 2012 (``last_year``)."""

    def __init__(self, campaign, head_office, time_machine, *, with_previous=True):
        self.campaign = campaign
        self.head_office = head_office
        self.time_machine = time_machine
        self.counted = {}
        self.last_year = {}
        self.previous = None
        if with_previous:
            self.previous = previous_campaign()
        self.hostile = InsurerFactory(code="hostile", name_zh=HOSTILE_NAME, position=1)
        self.approved_insurer = InsurerFactory(
            code="approved-life", name_zh="甲乙人寿保险股份有限公司", position=2
        )
        self.idle_insurer = InsurerFactory(
            code="idle-pc", name_zh="丙丁财产保险股份有限公司", position=3
        )
        # Expected when it submitted, then taken off the campaign's list: it must not count.
        self.removed_insurer = InsurerFactory(
            code="removed-life", name_zh="戊己人寿保险股份有限公司", position=4
        )
        if self.previous:
            self.report_last_year()
        self.report_this_year()

    def submit(self, code, factor, at=ON_TIME, campaign=None, **fields):
        report = statistics_report(campaign or self.campaign, code, **fields)
        return report, submit(report, factor, self.head_office, self.time_machine, at)

    def report_last_year(self):
        for code, factor in (("beijing", 2), ("approved-life", 1), ("iac", 4)):
            _report, values = self.submit(code, factor, LAST_YEAR, campaign=self.previous)
            self.last_year[code] = values

    def report_this_year(self):
        hq = self.head_office
        report, self.counted["beijing"] = self.submit("beijing", 1)
        service.approve_report(actor=hq, report=report)
        # Late, awaiting review.
        _report, self.counted["shanghai"] = self.submit("shanghai", 3, LATE)
        # Returned: missing.
        report, _values = self.submit("tianjin", 5)
        service.return_report(actor=hq, report=report, comment="请核对受众人次")
        # Approved, then reopened for a correction: missing until resubmitted.
        report, _values = self.submit("chongqing", 11)
        service.approve_report(actor=hq, report=report)
        service.reopen_report(actor=hq, report=report, comment="更正")
        # A draft with values: missing.
        fill(statistics_report(self.campaign, "guangdong"), 7, hq)
        # Insurers: the hostile name, filled in by "=1+1"; one approved; one not started.
        _report, self.counted["hostile"] = self.submit(
            "hostile", 2, filled_by="=1+1", contact_phone="+86 10 5555"
        )
        report, self.counted["approved-life"] = self.submit("approved-life", 6)
        service.approve_report(actor=hq, report=report)
        self.submit("removed-life", 100)
        ExpectedUnit.objects.filter(
            campaign=self.campaign, organisation=self.removed_insurer
        ).delete()
        _report, self.counted["iac"] = self.submit("iac", 9)

    def total(self, codes, indicator, values=None):
        """The hand-made sum of ``indicator`` over the units ``codes`` (None: none had it)."""
        values = self.counted if values is None else values
        found = [values[code][indicator] for code in codes if indicator in values[code]]
        return sum(found) if found else None


BUREAUS = ("beijing", "shanghai")
INSURERS = ("hostile", "approved-life")
ASSOCIATION = ("iac",)
COUNTED_BY_KIND = {"bureau": BUREAUS, "insurer": INSURERS, "association": ASSOCIATION}
