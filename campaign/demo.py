"""Fictitious data for trying the portal out: insurers, users and two campaigns.

- **2013**, as the notice set it up (保监厅发〔2013〕11号): closed, every reporting unit
  reported and was approved (a few late, two after a return), dated in 2013.
- **The current campaign**, the year whose 10 April is the next one on or after today: open,
  its table and its list of units copied from 2013, about a third of the units under way,
  `beijing` left empty, Shanghai and one insurer reporting an incident (E10–E12). One demo
  insurer, licensed "this year", is not on its list yet: head office adds it on the
  campaign's page of units expected to report.
- **Activity logs** of a few units in both campaigns (ACTIVITIES_2013, ACTIVITIES_NOW).

Reference data (bureaus, head office, the association) comes from migrations; this module
only adds what is made up, and can run any number of times: what exists is left as it is.
Every step goes through the services, so the history and the transitions are real ones.
"""

import contextlib
import datetime
import itertools
import random
from decimal import Decimal
from unittest import mock
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from .models import Activity, Campaign, Organisation, User
from .selectors.reports import indicators_for, previous_values
from .services import activities as activity_services
from .services import campaigns as campaign_services
from .services import statistics

# Never real company names: demo complaints will name these.
DEMO_INSURERS = [
    ("demo-life", "示例人寿保险股份有限公司", "Demo Life Insurance Co., Ltd."),
    ("demo-pc", "示例财产保险股份有限公司", "Demo Property & Casualty Insurance Co., Ltd."),
    ("demo-health", "样板健康保险股份有限公司", "Sample Health Insurance Co., Ltd."),
    ("demo-pension", "样板养老保险股份有限公司", "Sample Pension Insurance Co., Ltd."),
    ("demo-auto", "演示汽车保险股份有限公司", "Showcase Motor Insurance Co., Ltd."),
    ("demo-agri", "演示农业保险股份有限公司", "Showcase Agricultural Insurance Co., Ltd."),
    ("demo-mutual", "模拟相互人寿保险社", "Mock Mutual Life Insurance Society"),
    ("demo-marine", "模拟航运财产保险股份有限公司", "Mock Marine Property Insurance Co., Ltd."),
]
# Licensed this year: created after the campaigns, so no campaign expects it until head
# office adds it to the current one.
NEWLY_LICENSED = ("demo-new", "示例新设人寿保险股份有限公司", "Demo Newly Licensed Life Co., Ltd.")

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

HOTLINE_USERNAME = "hotline"
REVIEWER_USERNAME = "hq"
# The unit a newcomer tries the form with: never given a report in the current campaign.
NEWCOMER = "beijing"

BEIJING = ZoneInfo(settings.TIME_ZONE)
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

Kind = Activity.Kind
# Events units logged: (unit, day, kind, place, people reached, brochures, display boards,
# description). The 2013 ones are dated in March 2013; the current campaign's ``day`` is how
# many days before today (kept within the campaign's season). Beijing's current log has no
# school event and no reception day: a reviewer logs those and sees them counted in B01.
ACTIVITIES_2013 = [
    (
        "beijing",
        datetime.date(2013, 3, 8),
        Kind.SCHOOL,
        "北京市第十一中学",
        420,
        500,
        4,
        "为高一年级学生讲解意外伤害保险和学生平安保险的投保要点。",
    ),
    (
        "beijing",
        datetime.date(2013, 3, 15),
        Kind.DESK,
        "西单文化广场",
        1200,
        3000,
        12,
        "“3·15”当天设置保险咨询台，现场解答群众疑问、受理咨询投诉。",
    ),
    (
        "beijing",
        datetime.date(2013, 3, 15),
        Kind.RECEPTION_DAY,
        "北京保监局信访接待室",
        18,
        40,
        0,
        "局长接待日，当面听取消费者对理赔服务的意见。",
    ),
    (
        "shanghai",
        datetime.date(2013, 3, 12),
        Kind.COMMUNITY,
        "徐汇区田林街道社区服务中心",
        260,
        800,
        6,
        "保险知识进社区，讲解识别销售误导的方法。",
    ),
    (
        "shanghai",
        datetime.date(2013, 3, 20),
        Kind.SUPERVISOR_FORUM,
        "上海保监局会议室",
        25,
        0,
        0,
        "召开社会监督员座谈会，听取对车险理赔时效的意见建议。",
    ),
    (
        "demo-life",
        datetime.date(2013, 3, 14),
        Kind.ENTERPRISE,
        "北京经济技术开发区某制造企业",
        150,
        300,
        2,
        "为企业职工讲解团体保险和养老保险常识。",
    ),
    (
        "iac",
        datetime.date(2013, 3, 28),
        Kind.COMMENDATION,
        "中国保险行业协会",
        200,
        0,
        3,
        "表彰优秀服务标兵和优质服务窗口。",
    ),
]
ACTIVITIES_NOW = [
    (
        "beijing",
        12,
        Kind.COMMUNITY,
        "朝阳区望京街道社区活动中心",
        180,
        600,
        4,
        "保险知识进社区，发放宣传手册，讲解常见险种投保要点。",
    ),
    (
        "beijing",
        5,
        Kind.DESK,
        "王府井步行街",
        650,
        1500,
        8,
        "设置保险咨询台，安排专人解答消费者咨询。",
    ),
    ("shanghai", 20, Kind.SCHOOL, "上海市某中学", 380, 400, 3, "保险知识进校园。"),
    ("shanghai", 9, Kind.RECEPTION_DAY, "上海保监局信访接待室", 12, 30, 0, "局长接待日。"),
    (
        "guangdong",
        15,
        Kind.COUNTRYSIDE,
        "清远市某镇农村综合服务站",
        220,
        700,
        5,
        "保险进农村，讲解农业保险和农村小额人身保险。",
    ),
    ("demo-pc", 7, Kind.GOVERNMENT, "某区政务服务中心", 90, 200, 2, "为机关干部讲解车险理赔流程。"),
    ("iac", 3, Kind.DEEDS_TALK, "中国保险行业协会报告厅", 160, 0, 2, "优秀服务标兵事迹宣讲。"),
]

RETURN_COMMENTS = [
    ("进学校受众人数与活动场次不相称，请核实后重新报送。", {"B02": "请核实"}),
    ("咨询投诉办结数与受理数不一致，请补充说明后重新报送。", {"E07": "请核实"}),
    ("书面总结过于简略，请按通知要求补充系列活动开展情况后重新报送。", {}),
]


def current_campaign_year(today):
    """The year whose 10 April (the notice's deadline) is the next one on or after ``today``."""
    return today.year if today <= datetime.date(today.year, 4, 10) else today.year + 1


def _role_for(organisation):
    return User.Role.REVIEWER if organisation.is_head_office else User.Role.STAFF


# Fictitious people: a common surname and given name, picked by the account's place in the
# list, so every run names the same account the same way.
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN_NAMES = ["伟", "芳", "娜", "敏", "静", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明"]


def demo_person_name(index):
    return SURNAMES[index % len(SURNAMES)] + GIVEN_NAMES[index * 5 % len(GIVEN_NAMES)]


def _ensure_user(username, organisation, role, password_hash, index):
    return User.objects.get_or_create(
        username=username,
        defaults={
            "organisation": organisation,
            "role": role,
            "password": password_hash,
            "full_name": demo_person_name(index),
            # A reserved domain: the demo's e-mails are printed, never delivered.
            "email": f"{username}@demo.example",
        },
    )


@transaction.atomic
def seed_demo(*, password):
    """Create what is missing; returns [(user, created)]."""
    for code, name_zh, name_en in DEMO_INSURERS:
        Organisation.objects.get_or_create(
            code=code,
            defaults={"kind": Organisation.Kind.INSURER, "name_zh": name_zh, "name_en": name_en},
        )
    # One hash for all demo accounts: hashing is deliberately slow, and they share a password.
    password_hash = make_password(password)
    accounts = []
    organisations = (
        Organisation.objects.filter(is_active=True)
        .exclude(code=NEWLY_LICENSED[0])
        .order_by("kind", "code")
    )
    for index, organisation in enumerate(organisations):
        role = _role_for(organisation)
        accounts.append(_ensure_user(organisation.code, organisation, role, password_hash, index))
    head_office = Organisation.objects.get(kind=Organisation.Kind.HEAD_OFFICE)
    accounts.append(
        _ensure_user(HOTLINE_USERNAME, head_office, User.Role.HOTLINE, password_hash, len(accounts))
    )

    campaign_2013 = _seed_2013()
    _seed_current(campaign_2013, current_campaign_year(timezone.localdate()))

    code, name_zh, name_en = NEWLY_LICENSED
    newcomer, _created = Organisation.objects.get_or_create(
        code=code,
        defaults={"kind": Organisation.Kind.INSURER, "name_zh": name_zh, "name_en": name_en},
    )
    role = _role_for(newcomer)
    accounts.append(_ensure_user(code, newcomer, role, password_hash, len(accounts)))
    return accounts


def _at(date, hour, minute=0):
    return datetime.datetime.combine(date, datetime.time(hour, minute), BEIJING)


@contextlib.contextmanager
def dated(moment):
    """Run services as if it were ``moment`` (Beijing time): the 2013 steps get 2013 dates in
    their transitions, history and lateness, as if they had happened then. Each reading of
    the clock moves it on by a millisecond, so the steps keep their order."""
    ticks = itertools.count()
    with mock.patch.object(
        timezone, "now", lambda: moment + datetime.timedelta(milliseconds=next(ticks))
    ):
        yield


def _expected_units(campaign):
    return list(campaign.expected_units.order_by("kind", "position", "code"))


def _users_by_code():
    return {user.username: user for user in User.objects.select_related("organisation")}


def _seed_2013():
    campaign = Campaign.objects.filter(year=2013).first()
    if campaign is not None and campaign.status == Campaign.Status.CLOSED:
        return campaign
    users = _users_by_code()
    reviewer = users[REVIEWER_USERNAME]
    if campaign is None:
        with dated(_at(datetime.date(2013, 2, 25), 9)):
            campaign = campaign_services.create_campaign(
                actor=reviewer, contacts=CAMPAIGN_2013_CONTACTS, **CAMPAIGN_2013
            )
        with dated(_at(datetime.date(2013, 2, 26), 9)):
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

    _seed_activities(campaign, users, ACTIVITIES_2013)
    with dated(_at(datetime.date(2013, 4, 30), 17)):
        return campaign_services.close_campaign(actor=reviewer, campaign=campaign)


def _report_in_2013(campaign, organisation, users, rng, submitted, returned):
    actor, reviewer = users[organisation.code], users[REVIEWER_USERNAME]
    hour = rng.randint(9, 16)
    with dated(_at(submitted, hour)):
        report = statistics.start_report(campaign=campaign, organisation=organisation)
        values = sample_values(indicators_for(report), f"2013-{organisation.code}")
        _fill(report, actor, values, campaign.year)
    with dated(_at(submitted, hour, 30)):
        statistics.submit_report(actor=actor, report=report)
    reviewed = submitted + datetime.timedelta(days=rng.randint(1, 4))
    if returned:
        comment, pinned = RETURN_COMMENTS[rng.randrange(len(RETURN_COMMENTS))]
        with dated(_at(submitted + datetime.timedelta(days=1), 10)):
            statistics.return_report(
                actor=reviewer, report=report, comment=comment, indicator_comments=pinned
            )
        with dated(_at(submitted + datetime.timedelta(days=2), 15)):
            statistics.submit_report(actor=actor, report=report)
        reviewed = submitted + datetime.timedelta(days=3)
    with dated(_at(reviewed, 11)):
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


def _seed_current(campaign_2013, year):
    campaign = Campaign.objects.filter(year=year).first()
    users = _users_by_code()
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
        _seed_activities(
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


def _seed_activities(campaign, users, events):
    """Log ``events`` in ``campaign`` unless its log has any (already seeded), each as if
    logged on its day."""
    if campaign.activities.exists():
        return
    units = {u.code: u for u in Organisation.objects.filter(code__in={e[0] for e in events})}
    for code, day, kind, place, people, brochures, boards, description in events:
        if code not in units:
            continue
        with dated(min(_at(day, 17), timezone.now())):
            activity_services.record_activity(
                actor=users[code],
                campaign=campaign,
                organisation=units[code],
                held_on=day,
                kind=kind,
                place=place,
                people_reached=people,
                brochures=brochures,
                display_boards=boards,
                description=description,
                no_insurance_sold=True,
            )


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
