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
import io
import itertools
import random
from decimal import Decimal
from unittest import mock
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from PIL import Image

from .models import Activity, Article, Campaign, Exemplar, Organisation, Region, User
from .selectors.reports import indicators_for, previous_values
from .services import activities as activity_services
from .services import articles as article_services
from .services import campaigns as campaign_services
from .services import exemplars, statistics
from .services.media_reports import record_media_report
from .services.photos import check_photo

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
    current = _seed_current(campaign_2013, current_campaign_year(timezone.localdate()))
    if current.is_open:
        users = _users_by_code()
        _seed_exemplars(current, users, EXEMPLAR_REGIONS_CURRENT)
        _seed_media_reports(current, users, MEDIA_REPORT_UNITS, timezone.localdate())
    _seed_articles()

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

    with dated(_at(datetime.date(2013, 3, 25), 10)):
        _seed_exemplars(campaign, users, EXEMPLAR_REGIONS_2013)
        _seed_media_reports(campaign, users, MEDIA_REPORT_UNITS, datetime.date(2013, 3, 20))
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


# 双十佳 (issue 11 item 2): 2013's lists are (nearly) full in a few regions; the current
# campaign's Beijing lists hold one published person and one counter, so a reviewer can add
# nine more persons and see the eleventh refused.
EXEMPLAR_REGIONS_2013 = {"beijing": (10, 10), "shanghai": (10, 8), "guangdong": (9, 10)}
EXEMPLAR_REGIONS_CURRENT = {"beijing": (1, 1), "jiangsu": (3, 2), "shenzhen": (2, 2)}
POSTS = ["理赔查勘员", "柜面服务专员", "客服热线坐席", "续期服务专员", "理赔服务组长"]
PERSON_DEEDS = [
    "坚持“首问负责”，全年受理客户咨询一千余次，零投诉；主动上门为行动不便的老年客户办理理赔。",
    "雨季连续出险时昼夜值守查勘现场，平均到达时间缩短至二十分钟，获客户书面表扬多次。",
    "耐心讲解条款，一次性告知理赔材料，帮助客户避免多次往返，被评为公司服务明星。",
]
COUNTER_DEEDS = [
    "推行“一站式”服务，理赔材料一次性告知，小额案件当日结案；设置老年人绿色通道。",
    "公开服务承诺并上墙公示，设立投诉登记台，做到投诉当日登记、限时办结。",
]
DISTRICTS = ["朝阳区建国路", "海淀区中关村大街", "黄浦区南京东路", "天河区天河路", "南山区科技园"]


def _demo_portrait(index):
    """A plain coloured picture standing in for a person's photo (never a real face)."""
    picture = Image.new("RGB", (240, 300), (40 + index * 17 % 160, 90, 150))
    out = io.BytesIO()
    picture.save(out, "JPEG")
    return check_photo(SimpleUploadedFile(f"photo-{index}.jpg", out.getvalue()))


def _seed_exemplars(campaign, users, lists):
    """Published 双十佳 entries of ``campaign``, by each bureau, ``lists`` {code: (persons,
    counters)}; nothing when the campaign has entries already."""
    if campaign.exemplars.exists():
        return
    companies = list(Organisation.objects.filter(code__in=[c for c, _n, _e in DEMO_INSURERS]))
    index = 0
    for code, (persons, counters) in lists.items():
        actor = users[code]
        region = Region.objects.filter(bureaus=actor.organisation).first()
        for kind, count in ((Exemplar.Kind.PERSON, persons), (Exemplar.Kind.COUNTER, counters)):
            for number in range(count):
                index += 1
                company = companies[index % len(companies)]
                if kind == Exemplar.Kind.PERSON:
                    words = {
                        "name": demo_person_name(index + 40),
                        "post": POSTS[index % len(POSTS)],
                        "deeds": PERSON_DEEDS[index % len(PERSON_DEEDS)],
                        "photo": _demo_portrait(index) if number % 2 == 0 else None,
                    }
                else:
                    words = {
                        "name": f"{region.name_zh.rstrip('市省')}第{number + 1}营业部（示例）",
                        "address": f"{DISTRICTS[index % len(DISTRICTS)]}{index}号（示例地址）",
                        "deeds": COUNTER_DEEDS[index % len(COUNTER_DEEDS)],
                    }
                entry = exemplars.draft_exemplar(
                    actor=actor,
                    campaign=campaign,
                    region=region,
                    kind=kind,
                    company=company,
                    branch=f"{region.name_zh}分公司",
                    **words,
                )
                exemplars.publish_exemplar(actor=actor, exemplar=entry)


MEDIA_REPORT_UNITS = ["beijing", "shanghai", "zhejiang", "demo-life", "iac"]
MEDIA_REPORTS = [
    ("news", "“3·15”保险消费者权益保护宣传周启动", "示例日报"),
    ("column", "保险知识大讲堂", "示例广播电台"),
    ("news", "保险服务进社区 咨询台前人气旺", "示例晚报"),
    ("news", "监管部门公开服务承诺 理赔时效再提速", "示例网"),
]


def _seed_media_reports(campaign, users, codes, last_day):
    """A few media reports of each unit in ``codes``, dated up to ``last_day``; nothing when
    the campaign has some already."""
    if campaign.media_reports.exists():
        return
    for position, code in enumerate(codes):
        for number, (kind, title, outlet) in enumerate(MEDIA_REPORTS[: 2 + position % 3]):
            record_media_report(
                actor=users[code],
                campaign=campaign,
                kind=kind,
                title=f"{users[code].organisation.name_zh}：{title}",
                outlet=outlet,
                published_on=last_day - datetime.timedelta(days=number * 3 + position),
                # A reserved domain: the demo's links lead nowhere real.
                url=f"https://news.example.com/{campaign.year}/{code}/{number + 1}.html",
            )


# 保险知识大讲堂: (publisher's code, topic, title, summary, body, published on); a None date
# leaves the article a draft, so the association's list has one to finish.
ARTICLES = [
    (
        "hq",
        "buying_guide",
        "投保人身保险要注意犹豫期",
        "一年期以上的人身保险合同设有犹豫期，犹豫期内解除合同，可以拿回几乎全部保险费。",
        "<p>购买一年期以上的人寿保险、健康保险等人身保险产品，合同中一般约定有<strong>犹豫期</strong>，"
        "通常不少于10日，从投保人签收保险合同之日起计算，具体天数以合同约定为准。</p>"
        "<h2>犹豫期内可以做什么</h2>"
        "<ul><li>仔细阅读保险条款，特别是保险责任、责任免除和退保规定；</li>"
        "<li>核对保险单上的投保人、被保险人、受益人和保险金额是否正确；</li>"
        "<li>发现产品不适合自己，可以书面提出解除合同。</li></ul>"
        "<p>犹豫期内解除合同，保险公司除扣除合同约定的少量工本费外，应当退还已交的保险费。"
        "犹豫期过后再退保，一般只能领回保单的现金价值，可能有较大损失。</p>"
        "<p>签收保险合同时请亲自签字，并记住签收日期。</p>",
        datetime.date(2013, 3, 4),
    ),
    (
        "iac",
        "claims_guide",
        "车险理赔需要准备哪些材料",
        "出险后及时报案、保护现场，按保险公司一次性告知的清单准备材料，可以少跑路、快赔付。",
        "<h2>出险后先做三件事</h2>"
        "<ol><li>确保人身安全，有人员受伤的先救人并拨打急救电话；</li>"
        "<li>发生交通事故依法报警，并及时向保险公司报案；</li>"
        "<li>在安全的前提下拍照保护现场，不要自行离开或处理受损财产。</li></ol>"
        "<h2>常用的索赔材料</h2>"
        "<ul><li>保险单或保单号，被保险人身份证明；</li>"
        "<li>机动车行驶证和驾驶人驾驶证；</li>"
        "<li>交通管理部门出具的事故认定书，或依法自行协商处理的协议书；</li>"
        "<li>车辆修理发票和维修清单；</li>"
        "<li>涉及人员伤亡的，还需医疗费用票据、诊断证明等；</li>"
        "<li>领取赔款的银行账户信息。</li></ul>"
        "<p>根据《保险法》第二十二条，保险公司认为证明和资料不完整的，应当及时<strong>一次性</strong>"
        "通知补充提供。所需材料以保险公司的告知为准。</p>",
        datetime.date(2013, 3, 6),
    ),
    (
        "hq",
        "law",
        "《保险法》第二十三条：理赔时限",
        "保险公司收到索赔请求后应当及时核定，情形复杂的应在三十日内核定；达成协议后十日内支付。",
        "<p>《中华人民共和国保险法》第二十三条对理赔时限作了规定：</p>"
        "<ul><li>保险人收到被保险人或者受益人的赔偿或者给付保险金的请求后，应当及时作出核定；"
        "情形复杂的，应当在<strong>三十日</strong>内作出核定，但合同另有约定的除外；</li>"
        "<li>对属于保险责任的，在与被保险人或者受益人达成赔偿或者给付保险金的协议后"
        "<strong>十日</strong>内，履行赔偿或者给付保险金义务；合同对期限有约定的，按照约定履行；</li>"
        "<li>保险人未及时履行上述义务的，除支付保险金外，应当赔偿被保险人或者受益人因此受到的损失。</li></ul>"
        "<h2>相关条款</h2>"
        "<p>第二十四条：不属于保险责任的，保险人应当自作出核定之日起三日内发出拒绝赔偿或者拒绝给付"
        "保险金通知书，并说明理由。</p>"
        "<p>第二十五条：自收到请求和有关证明、资料之日起六十日内，对赔偿或者给付保险金的数额不能确定的，"
        "应当根据已有证明和资料可以确定的数额先予支付。</p>",
        datetime.date(2013, 3, 8),
    ),
    (
        "iac",
        "buying_guide",
        "如何识别销售误导",
        "把保险说成存款、承诺固定高收益、回避退保损失，都是销售误导的常见信号。",
        "<p>保险是管理风险的工具。购买时遇到下列说法，请多留个心眼：</p>"
        "<ul><li>把保险说成“存款”“理财产品”，或称“和存银行一样，还多拿利息”；</li>"
        "<li>承诺分红或收益“保证”“固定”——分红险的红利是不确定的；</li>"
        "<li>只讲保障多好，不讲责任免除、等待期和提前退保的损失；</li>"
        "<li>让您不看条款就签字，或由他人代签名、代抄录风险提示语句。</li></ul>"
        "<h2>保护自己的办法</h2>"
        "<ul><li>仔细阅读条款，亲自签名并抄录风险提示语句；</li>"
        "<li>接到保险公司的回访电话时如实回答，有疑问当场提出；</li>"
        "<li>利用犹豫期重新考虑；</li>"
        "<li>发现被误导，可以向保险公司投诉，也可以拨打12378保险消费者投诉维权热线。</li></ul>",
        datetime.date(2013, 3, 11),
    ),
    (
        "hq",
        "law",
        "投保时要如实告知",
        "保险公司询问的情况，投保人应当如实回答；故意或者因重大过失不如实告知，可能得不到赔偿。",
        "<p>《保险法》第十六条规定，订立保险合同，保险人就保险标的或者被保险人的有关情况提出询问的，"
        "投保人应当如实告知。</p>"
        "<ul><li>投保人故意或者因重大过失未履行如实告知义务，足以影响保险人决定是否同意承保或者提高"
        "保险费率的，保险人有权解除合同；</li>"
        "<li>故意不如实告知的，保险人对合同解除前发生的保险事故不承担赔偿或者给付责任，并不退还保险费；</li>"
        "<li>因重大过失未如实告知，对保险事故的发生有严重影响的，保险人不承担赔偿或者给付责任，"
        "但应当退还保险费。</li></ul>"
        "<p>同时，保险人的解除权自知道有解除事由之日起超过三十日不行使而消灭；自合同成立之日起超过二年的，"
        "保险人不得解除合同，发生保险事故的，应当承担赔偿或者给付保险金的责任。</p>"
        "<p>填写投保单时，请对健康状况、职业等询问事项逐项如实填写，不要由他人代填。</p>",
        datetime.date(2013, 3, 13),
    ),
    (
        "iac",
        "risk",
        "家庭财产风险的防范",
        "防火、防水、防盗是家庭财产安全的三道关；投保家庭财产保险时，保险金额要与财产价值相当。",
        "<h2>日常防范</h2>"
        "<ul><li>不私拉乱接电线，出门前关闭电器和燃气阀门；</li>"
        "<li>定期检查水管和阀门，长时间外出关闭总水阀；</li>"
        "<li>安装防盗门窗，贵重物品妥善保管。</li></ul>"
        "<h2>用保险转移风险</h2>"
        "<p>家庭财产保险可以为房屋、装修和室内财产因火灾、爆炸、暴雨等意外事故造成的损失提供保障。"
        "现金、金银首饰、有价证券等通常不在保障范围内，或需要特别约定，投保前请看清条款。</p>"
        "<p>注意保险金额不要明显低于财产的实际价值。根据《保险法》第五十五条，保险金额低于保险价值的，"
        "除合同另有约定外，保险人按照保险金额与保险价值的比例承担赔偿责任。</p>",
        datetime.date(2013, 3, 14),
    ),
    (
        "hq",
        "claims_guide",
        "医疗费用报销型保险理赔要留好哪些单据",
        "住院治疗后申请理赔，病历、诊断证明、费用发票和清单是最常用的材料，请妥善保存。",
        "<p>购买了医疗保险，治疗结束后申请理赔，一般需要以下材料：</p>"
        "<ul><li>理赔申请书和被保险人身份证明；</li>"
        "<li>门诊或住院病历、出院小结和诊断证明；</li>"
        "<li>医疗费用发票和费用明细清单；</li>"
        "<li>已从基本医疗保险或其他途径报销的，提供报销结算单据；</li>"
        "<li>领取保险金的银行账户信息。</li></ul>"
        "<p>请注意合同约定的等待期、免赔额和报销比例。材料是否齐全，以保险公司一次性告知的清单为准。</p>",
        datetime.date(2013, 3, 15),
    ),
    (
        "iac",
        "risk",
        "接到保险推销电话，您可以说“不”",
        "不想再接到推销电话，可以明确拒绝并要求保险公司不再致电。",
        "<p>接到保险电话推销时，如果不需要，可以直接明确拒绝，并要求对方不再拨打您的电话。</p>"
        "<p>各保险公司在公开的服务承诺中，对电话销售的呼叫时间和屏蔽拒绝来电号码的时限作了承诺，"
        "可以在本站“服务承诺”栏目查看。</p>"
        "<p>不要在电话中透露身份证号、银行卡号和验证码。</p>",
        None,
    ),
]


def _seed_articles():
    """The knowledge articles, published on their 2013 dates by head office or the
    association; an article whose title exists is left as it is."""
    authors = {
        code: User.objects.filter(organisation__code=code)
        .exclude(role=User.Role.HOTLINE)
        .order_by("id")
        .first()
        for code in ("hq", "iac")
    }
    existing = set(Article.objects.values_list("title", flat=True))
    for code, topic, title, summary, body, published_on in ARTICLES:
        if title in existing:
            continue
        actor = authors[code]
        moment = _at(published_on or datetime.date(2013, 3, 20), 10)
        with dated(moment):
            article = article_services.draft_article(
                actor=actor,
                organisation=actor.organisation,
                topic=topic,
                title=title,
                summary=summary,
                body=body,
            )
            if published_on is not None:
                article_services.publish_article(actor=actor, article=article)
