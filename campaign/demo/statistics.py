"""The two campaigns and their statistics reports: 2013 closed with every unit approved, the
current one open with about a third of the units under way."""

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from ..models import Campaign
from ..selectors.reports import indicators_for, previous_values
from ..services import activities as activity_services
from ..services import campaigns as campaign_services
from ..services import statistics
from .activities import (
    ACTIVITIES_2013,
    ACTIVITIES_NOW,
    EXEMPLAR_REGIONS_2013,
    MEDIA_REPORT_UNITS,
    seed_activities,
    seed_exemplars,
    seed_media_reports,
)
from .clock import at, dated
from .units import REVIEWER_USERNAME, demo_person_name, users_by_code

NOTICE_TITLE = "关于开展“3·15”保险消费者权益保护系列活动的通知"


THEME = "诚信保险 优质服务"


CAMPAIGN_2013 = {
    "year": 2013,
    "theme": THEME,
    "notice_reference": "保监厅发〔2013〕11号",
    "notice_title": NOTICE_TITLE,
    "period_start": datetime.date(2013, 3, 1),
    "period_end": datetime.date(2013, 3, 31),
    "deadline": datetime.date(2013, 4, 10),
}


# The two contacts printed in the public 2013 notice (its phone number is lost in the source
# text; head office fills it in on the admin page). Every later campaign's contacts are made up.
CAMPAIGN_2013_CONTACTS = [("张永蓉", ""), ("寇江华", "")]


CURRENT_CONTACTS = [("张三（示例）", "010-00000000"), ("李四（示例）", "010-00000001")]


# The unit a newcomer tries the form with: never given a report in the current campaign.
NEWCOMER = "beijing"


# Fixed seeds: the same figures and the same late units on every machine and every run.
SEED_2013 = 2013


SEED_CURRENT = 315


# The current campaign: units that have already done something, so head office's review
# table has content, and about a third of the units in all have submitted.
SAMPLE_STAGES = {
    "shanghai": "submit",
    "jiangsu": "approve",
    "guangdong": "return",
    "zhejiang": "draft",
    "demo-pc": "submit",
    "iac": "submit",
}


MORE_STAGES = ["submit"] * 6 + ["approve"] * 2 + ["return"] * 2 + ["draft"] * 2


# Units of the current campaign that report incidents (E10–E12), with the note their
# warnings need: head office's summary and dashboards then have incidents to show.
INCIDENTS = {
    "shanghai": (
        {"E10": Decimal(1)},
        "3月12日某寿险公司营销员离职引发群访1起，已于当日报告并会同公司妥善处置。",
    ),
    "demo-pc": (
        {"E12": Decimal(1)},
        "3月20日因车险理赔集中投诉启动重大投诉应急预案1次，已按预案处置完毕。",
    ),
}


# What a unit's written summary says it did: a sentence head office's summary can quote.
HIGHLIGHTS = [
    "围绕“诚信保险 优质服务”主题，组织保险知识进社区、进农村宣传活动，设置咨询台现场解答群众疑问，"
    "受到群众普遍欢迎。",
    "联合教育部门开展“保险知识进校园”活动，编印通俗易懂的宣传手册，帮助学生和家长了解常见险种的投保要点。",
    "召开社会监督员座谈会，听取消费者对理赔服务的意见建议，并逐条落实整改措施。",
    "集中公开销售、售后和理赔环节服务承诺，明确理赔时效，在营业网点和公司网站同步公示。",
    "表彰优秀服务标兵和优质服务窗口，组织先进事迹宣讲，在系统内营造争当服务典型的氛围。",
    "安排专人接听消费者咨询投诉电话，“3·15”期间投诉做到当日登记、限时办结。",
]


RETURN_COMMENTS = [
    ("进学校受众人数与活动场次不相称，请核实后重新报送。", {"B02": "请核实"}),
    ("咨询投诉办结数与受理数不一致，请补充说明后重新报送。", {"E07": "请核实"}),
    ("书面总结过于简略，请按通知要求补充系列活动开展情况后重新报送。", {}),
]


def current_campaign_year(today):
    """The year whose 10 April (the notice's deadline) is the next one on or after ``today``."""
    return today.year if today <= datetime.date(today.year, 4, 10) else today.year + 1


def _expected_units(campaign):
    return list(campaign.expected_units.order_by("kind", "position", "code"))


def seed_2013():
    campaign = Campaign.objects.filter(year=2013).first()
    if campaign is not None and campaign.status == Campaign.Status.CLOSED:
        return campaign
    users = users_by_code()
    reviewer = users[REVIEWER_USERNAME]
    if campaign is None:
        with dated(at(datetime.date(2013, 2, 25), 9)):
            campaign = campaign_services.create_campaign(
                actor=reviewer, contacts=CAMPAIGN_2013_CONTACTS, **CAMPAIGN_2013
            )
        with dated(at(datetime.date(2013, 2, 26), 9)):
            campaign = campaign_services.open_campaign(actor=reviewer, campaign=campaign)

    rng = random.Random(SEED_2013)  # noqa: S311 - demo figures, not security
    reported = set(campaign.reports.values_list("organisation_id", flat=True))
    units = [unit for unit in _expected_units(campaign) if unit.pk not in reported]
    codes = [u.code for u in units]
    late = set(rng.sample(codes, min(4, len(codes))))
    on_time = [code for code in codes if code not in late]
    returned = set(rng.sample(on_time, min(2, len(on_time))))
    for organisation in units:
        if organisation.code in late:
            submitted = datetime.date(2013, 4, 11) + datetime.timedelta(days=rng.randint(0, 4))
        elif organisation.code in returned:
            submitted = datetime.date(2013, 3, 25) + datetime.timedelta(days=rng.randint(0, 5))
        else:
            submitted = datetime.date(2013, 3, 25) + datetime.timedelta(days=rng.randint(0, 16))
        was_returned = organisation.code in returned
        _report_in_2013(campaign, organisation, users, rng, submitted, was_returned)

    with dated(at(datetime.date(2013, 3, 25), 10)):
        seed_exemplars(campaign, users, EXEMPLAR_REGIONS_2013)
        seed_media_reports(campaign, users, MEDIA_REPORT_UNITS, datetime.date(2013, 3, 20))
    seed_activities(campaign, users, ACTIVITIES_2013)
    with dated(at(datetime.date(2013, 4, 30), 17)):
        return campaign_services.close_campaign(actor=reviewer, campaign=campaign)


def _report_in_2013(campaign, organisation, users, rng, submitted, returned):
    actor, reviewer = users[organisation.code], users[REVIEWER_USERNAME]
    hour = rng.randint(9, 16)
    with dated(at(submitted, hour)):
        report = statistics.start_report(campaign=campaign, organisation=organisation)
        values = sample_values(indicators_for(report), f"2013-{organisation.code}")
        _fill(report, actor, values, campaign.year)
    with dated(at(submitted, hour, 30)):
        statistics.submit_report(actor=actor, report=report)
    reviewed = submitted + datetime.timedelta(days=rng.randint(1, 4))
    if returned:
        comment, pinned = RETURN_COMMENTS[rng.randrange(len(RETURN_COMMENTS))]
        with dated(at(submitted + datetime.timedelta(days=1), 10)):
            statistics.return_report(
                actor=reviewer, report=report, comment=comment, indicator_comments=pinned
            )
        with dated(at(submitted + datetime.timedelta(days=2), 15)):
            statistics.submit_report(actor=actor, report=report)
        reviewed = submitted + datetime.timedelta(days=3)
    with dated(at(reviewed, 11)):
        statistics.approve_report(actor=reviewer, report=report)


def _fill(report, actor, values, year):
    unit = report.organisation
    statistics.save_report(
        actor=actor,
        report=report,
        values=values,
        summary=(
            f"<p>{HIGHLIGHTS[unit.pk % len(HIGHLIGHTS)]}</p>"
            f"<p>（{unit.name_zh}{year}年“3·15”系列活动总结，示例内容。）</p>"
        ),
        expected_version=report.version,
        # Fictitious people; 010-5555 numbers stand for made-up Beijing lines.
        contacts={
            "filled_by": actor.full_name,
            "contact_phone": f"010-5555{unit.pk % 10000:04d}",
            "unit_head": demo_person_name(unit.pk + 7),
        },
        no_sales_confirmed=True,
    )


def seed_current(campaign_2013, year):
    campaign = Campaign.objects.filter(year=year).first()
    users = users_by_code()
    reviewer = users[REVIEWER_USERNAME]
    if campaign is None:
        campaign = campaign_services.create_campaign(
            actor=reviewer,
            year=year,
            theme=THEME,
            notice_reference=f"保监厅发〔{year}〕11号（示例）",
            notice_title=NOTICE_TITLE,
            period_start=datetime.date(year, 3, 1),
            period_end=datetime.date(year, 3, 31),
            deadline=datetime.date(year, 4, 10),
            contacts=CURRENT_CONTACTS,
            copy_table_from=campaign_2013,
        )
        campaign = campaign_services.open_campaign(actor=reviewer, campaign=campaign)
    if campaign.status == Campaign.Status.OPEN:
        today = timezone.localdate()
        first, _last = activity_services.season(campaign)
        seed_activities(
            campaign,
            users,
            [
                (code, max(first, today - datetime.timedelta(days=days_ago)), *rest)
                for code, days_ago, *rest in ACTIVITIES_NOW
            ],
        )
    if campaign.status != Campaign.Status.OPEN or campaign.reports.exists():
        return campaign  # head office's own, or already seeded: left as it is

    rng = random.Random(SEED_CURRENT)  # noqa: S311 - demo figures, not security
    units = {u.code: u for u in _expected_units(campaign)}
    others = [code for code in units if code not in SAMPLE_STAGES and code != NEWCOMER]
    stages = dict(SAMPLE_STAGES)
    stages.update(zip(rng.sample(others, len(MORE_STAGES)), MORE_STAGES, strict=True))
    for code, stage in stages.items():
        if code in units:
            _report_now(campaign, units[code], users, stage, rng)
    return campaign


def _report_now(campaign, organisation, users, stage, rng):
    actor, reviewer = users[organisation.code], users[REVIEWER_USERNAME]
    report = statistics.start_report(campaign=campaign, organisation=organisation)
    values = sample_values(
        indicators_for(report),
        f"{campaign.year}-{organisation.code}",
        previous=previous_values(report),
    )
    if stage == "draft":
        values = dict(list(values.items())[: len(values) // 2])
    incident, note = INCIDENTS.get(organisation.code, ({}, ""))
    _fill(report, actor, values | incident, campaign.year)
    if stage == "draft":
        return
    # An incident is a warning that needs a note before the report goes.
    statistics.submit_report(actor=actor, report=report, note_for_warnings=note)
    if stage == "approve":
        statistics.approve_report(actor=reviewer, report=report)
    elif stage == "return":
        comment, pinned = RETURN_COMMENTS[rng.randrange(len(RETURN_COMMENTS))]
        statistics.return_report(
            actor=reviewer, report=report, comment=comment, indicator_comments=pinned
        )


TEN_BEST = Decimal(10)


def sample_values(indicators, seed, previous=None):
    """Plausible values that pass every rule of the 2013 table, different for each unit.

    With ``previous`` (the unit's figures last campaign) each figure moves by -20 % to +40 %,
    as a unit's year-on-year figures do, so none trips the "more than 3× last year" warning.
    """
    rng = random.Random(seed)  # noqa: S311 - demo figures, not security
    if previous:
        values = {
            indicator.code: _near(previous.get(indicator.code), rng) for indicator in indicators
        }
    else:
        values = {indicator.code: Decimal(rng.randint(2, 40)) for indicator in indicators}
        for events, audience in [
            ("B01", "B02"),
            ("B03", "B04"),
            ("B05", "B06"),
            ("B07", "B08"),
            ("B09", "B10"),
        ]:
            if events in values:
                values[audience] = values[events] * rng.randint(30, 200)
        if "A02" in values:
            values["A02"] = Decimal(rng.randint(500, 9000)) / 100
        if "F03" in values:
            values["F03"] = values["F02"] * rng.randint(5, 20)
    if "E15" in values:
        values["E15"] = Decimal(rng.randint(0, 2))  # a unit has a plan or two, not dozens
    # The ten best (双十佳) of a region: a bureau honours at most ten of each.
    for code in ("D02", "D03"):
        if code in values:
            values[code] = min(values[code], TEN_BEST)
    channels = [code for code in ("E02", "E03", "E04", "E05", "E13") if code in values]
    values["E01"] = sum(values[code] for code in channels)
    values["E07"] = max(values["E01"] - rng.randint(0, 2), Decimal(0))
    values["E08"] = min(values["E08"], values["E01"])
    for code in ("E10", "E11", "E12"):
        values[code] = Decimal(0)
    if "F03" in values:
        values["F03"] = max(values["F03"], values["F02"])
    return values


def _near(before, rng):
    if not before:
        return Decimal(rng.randint(2, 40))
    step = Decimal("0.01") if before != before.to_integral_value() else Decimal(1)
    return max(step, (before * rng.randint(80, 140) / 100).quantize(step))
