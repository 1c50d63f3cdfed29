"""The units' campaign work: logged events, the 双十佳 lists and media reports."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from ..models import Activity, Exemplar, Organisation, Region
from ..services import activities as activity_services
from ..services import exemplars
from ..services.media_reports import record_media_report
from ..services.photos import check_photo
from .clock import at, dated
from .units import DEMO_INSURERS, demo_person_name

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


def seed_activities(campaign, users, events):
    """Log ``events`` in ``campaign`` unless its log has any (already seeded), each as if
    logged on its day."""
    if campaign.activities.exists():
        return
    units = {u.code: u for u in Organisation.objects.filter(code__in={e[0] for e in events})}
    for code, day, kind, place, people, brochures, boards, description in events:
        if code not in units:
            continue
        with dated(min(at(day, 17), timezone.now())):
            activity_services.record_activity(
                actor=users[code],
                campaign=campaign,
                held_on=day,
                kind=kind,
                place=place,
                people_reached=people,
                brochures=brochures,
                display_boards=boards,
                description=description,
                no_insurance_sold=True,
            )


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


def seed_exemplars(campaign, users, lists):
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


def seed_media_reports(campaign, users, codes, last_day):
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
