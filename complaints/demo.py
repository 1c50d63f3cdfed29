"""Fictitious complaints for trying the portal out (``seed_demo``), so that every list and
dashboard shows something on first run: a few hundred over the last twelve months and some
in 2013, from every bureau's region (大连, 宁波, 厦门, 青岛 and 深圳 included), by every channel
(the hotline most), about the demo insurers, in every state — some overdue, a few possible
duplicates and one incident (a 6-person group complaint: head office is alerted). Companies
accept (受理) what is forwarded to them, most within a day or two, some late; the claims
complaints (理赔纠纷) have their claim's dates recorded — decisions and payments within the
common limits, some late, some not made yet — so the service commitments' "promises kept"
have shares to show on first run.

Every complaint is registered with ``register_complaint`` and every step taken with the
workflow's functions, each run as if it were the day it happened (``campaign.demo.dated``),
so the history, the clock and the due dates are the services' own. The notifications of
steps older than a day count as e-mailed then (they would have been): only the recent ones
are e-mailed now. Names are made up and phones are 170-numbers (a virtual operators' range);
running it again adds nothing.
"""

import datetime
import itertools
import random
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from campaign.demo import DEMO_INSURERS, HOTLINE_USERNAME, dated
from campaign.models import Organisation, ProductLine, Region, User
from portal.models import Notification

from .models import Category, Complaint
from .personal_data import phone_hash
from .routing import route
from .services import claims, workflow
from .services.intake import register_complaint

BEIJING = ZoneInfo(settings.TIME_ZONE)
SEED = 12378
RECENT = 300  # received over the last twelve months
IN_2013 = 30
CHANNELS = ["phone"] * 6 + ["web"] * 2 + ["letter", "visit"]

# The steps to each end state (in TRANSITIONS' words) and how many days each takes at most.
PATHS = [
    ("registered", ()),
    ("awaiting_material", ("request_material",)),
    ("material_received", ("request_material", "receive_material")),
    ("not_accepted", ("refuse",)),
    ("accepted", ("accept",)),
    ("forwarded", ("accept", "forward")),
    ("extended", ("accept", "forward", "extend")),
    ("answered", ("accept", "forward", "answer")),
    ("mediation", ("accept", "forward", "answer", "mediate")),
    ("closed_by_bureau", ("accept", "close")),
    ("closed", ("accept", "forward", "answer", "close")),
    ("closed_after_mediation", ("accept", "forward", "answer", "mediate", "close")),
    ("reopened", ("accept", "forward", "answer", "close", "reopen")),
]
# How often each path ends a recent complaint (an old one is mostly closed).
RECENT_WEIGHTS = [8, 4, 2, 6, 5, 14, 2, 8, 4, 4, 30, 6, 2]
OLD_WEIGHTS = [0, 0, 0, 12, 0, 0, 0, 0, 0, 10, 60, 15, 3]
STEP_DAYS = {
    "request_material": (0, 3),
    "receive_material": (1, 6),
    "refuse": (1, 6),
    "accept": (0, 5),
    "forward": (0, 2),
    "extend": (3, 8),
    "answer": (3, 25),
    "mediate": (1, 10),
    "close": (1, 20),
    "reopen": (2, 20),
}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = ["一", "二", "三", "四", "五", "六", "七", "八", "九"]
STORIES = {
    "claims": "车辆出险后按要求提交了理赔材料，公司一个多月未给出理赔结论。",
    "sales": "在银行网点被推荐购买“理财产品”，事后才知道是分红型寿险，销售时未说明。",
    "surrender": "申请退保时被告知现金价值远低于已交保费，投保时无人提示退保损失。",
    "policy_service": "申请变更保单受益人已提交材料三周，至今没有办理。",
    "telemarketing": "一周内多次接到保险公司电话推销，已明确拒绝仍继续拨打。",
    "privacy": "陌生来电能准确说出本人保单号和家庭住址，怀疑个人信息被泄露。",
    "service_quality": "柜面服务人员态度生硬，咨询问题时不予解释。",
    "other": "对保险公司的回访方式有意见，要求说明情况。",
}
# How long a company takes to accept a forwarded complaint (hours), and a claim's decision
# after its complete documents and its payment after the agreement (days), taken in turn:
# most within the demo insurers' promises (acceptance in 2 working days or 3 days, decision
# in 7 to 10 days, payment in 3 to 5) and the law (30 and 10 days), some late, some not done
# yet (None). Any few in a row have all three, so even 2013's handful of claims shows them.
ACCEPTANCE_HOURS = [3, 20, 80, 6, 30, 130, 10, 45]
DECISION_DAYS = [6, 40, 9, None, 4, 34, 2, None]
PAYMENT_DAYS = [2, 14, None, 1, 12, None, 2, 20, None]
REQUESTS = ["按合同约定赔付", "全额退还保费", "停止电话骚扰", "尽快办理", "书面说明理由"]
NOTES = {
    "request_material": "请补充保单复印件和相关票据（示例）。",
    "refuse": "所述事项属于合同纠纷，已告知可通过诉讼或仲裁解决（示例）。",
    "extend": "案情复杂，需调取理赔档案（示例）。",
    "answer": "公司已核实情况并作出处理决定，已电话告知投诉人（示例）。",
    "mediate": "投诉人对公司处理结果不满意，申请调解（示例）。",
    "reopen": "投诉人补充了新的证据，重新处理（示例）。",
}


def demo_phone(number):
    """A made-up mobile number in the 170 range, the same for the same number."""
    return f"170{(number * 7919) % 10**8:08d}"


def seed_complaints(*, now=None):
    """Add the demo complaints unless they are there; returns how many were added."""
    now = now or timezone.now()
    if Complaint.objects.filter(phone_hash=phone_hash(demo_phone(0))).exists():
        return 0
    with transaction.atomic():
        before = Notification.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        added = _Seeder(now).run()
        # The demo's past steps would have been e-mailed when they happened.
        Notification.objects.filter(
            pk__gt=before, created_at__lt=now - datetime.timedelta(days=1), emailed_at__isnull=True
        ).update(emailed_at=F("created_at"))
    return added


class _Seeder:
    def __init__(self, now):
        self.now = now
        self.rng = random.Random(SEED)  # noqa: S311 - demo data, not security
        # Its own, so that the complaints and their steps stay those drawn without it.
        self.timing = random.Random(SEED + 315)  # noqa: S311
        self.acceptances, self.claims, self.payments = (itertools.count() for _ in range(3))
        self.users = {user.username: user for user in User.objects.select_related("organisation")}
        codes = [code for code, _zh, _en in DEMO_INSURERS]
        self.companies = list(Organisation.objects.filter(code__in=codes).order_by("code"))
        self.categories = list(Category.objects.all())
        self.product_lines = list(ProductLine.objects.all())
        self.places = [
            (region.parent.name_zh, region.name_zh) if region.parent else (region.name_zh, "")
            for region in Region.objects.select_related("parent").filter(bureaus__is_active=True)
        ]
        self.numbers = itertools.count()

    def run(self):
        rng, added = self.rng, 0
        year_ago = self.now - datetime.timedelta(days=365)
        for index in range(RECENT + IN_2013):
            if index < RECENT:
                received_at = year_ago + datetime.timedelta(seconds=rng.randrange(365 * 86400))
            else:
                received_at = datetime.datetime(2013, 1, 4, tzinfo=BEIJING) + datetime.timedelta(
                    seconds=rng.randrange(350 * 86400)
                )
            old = self.now - received_at > datetime.timedelta(days=120)
            weights = OLD_WEIGHTS if old else RECENT_WEIGHTS
            # The first ones take every path and every place once, so each is there.
            if index < len(PATHS):
                path = PATHS[index]
                received_at = year_ago + datetime.timedelta(days=200 + index * 5)
            else:
                path = rng.choices(PATHS, weights)[0]
            self._file(index, self._office_hours(received_at), path[1])
            added += 1
        added += self._duplicates() + self._recent_hotline_calls() + self._incident()
        return added

    def _office_hours(self, moment):
        moment = moment.astimezone(BEIJING)
        moment = moment.replace(hour=self.rng.randint(8, 19), minute=self.rng.randrange(60))
        return min(moment, self.now - datetime.timedelta(minutes=30))

    def _file(self, index, received_at, steps, *, phone=None, company=None, channel=None, **extra):
        rng = self.rng
        province, city = self.places[index % len(self.places)]
        if index >= len(self.places):
            province, city = rng.choice(self.places)
        category = self.categories[index % len(self.categories)]
        channel = channel or CHANNELS[index % len(CHANNELS)]
        company = company or self.companies[index % len(self.companies)]
        with dated(received_at + datetime.timedelta(minutes=rng.randint(2, 15))):
            complaint = register_complaint(
                actor=self._registrar(channel, province, city),
                channel=channel,
                received_at=received_at,
                complainant_name=SURNAMES[index % len(SURNAMES)] + "示例" + GIVEN[index % 9],
                complainant_phone=phone or demo_phone(next(self.numbers)),
                complainant_address=f"{province}{city}示例路{index + 1}号" if index % 3 else "",
                province=province,
                city=city,
                company=company,
                category=category,
                product_line=self.product_lines[index % len(self.product_lines)],
                description=STORIES.get(category.code, STORIES["other"]),
                amount_in_dispute=rng.randint(5, 2000) * 100 if index % 2 else None,
                request=REQUESTS[index % len(REQUESTS)],
                **extra,
            )
        bureau_user = self.users[complaint.bureau.code]
        company_user = self.users[complaint.company.code]
        at = complaint.status_changed_at
        accepts_at = None  # when the company accepts what was forwarded to it
        for action in steps:
            fewest, most = STEP_DAYS[action]
            day = timezone.localdate(at) + datetime.timedelta(days=rng.randint(fewest, most))
            step_at = datetime.datetime.combine(
                day, datetime.time(rng.randint(9, 17), rng.randrange(60)), BEIJING
            )
            step_at = max(step_at, at + datetime.timedelta(minutes=30))
            if step_at > self.now:
                break  # not got that far yet
            complaint = self._company_accepts(complaint, company_user, accepts_at, step_at)
            at = step_at
            actor = company_user if action in ("extend", "answer") else bureau_user
            with dated(at):
                complaint = self._take(action, actor, complaint)
            if action == "forward":
                hours = ACCEPTANCE_HOURS[next(self.acceptances) % len(ACCEPTANCE_HOURS)]
                accepts_at = at + datetime.timedelta(hours=hours, minutes=self.timing.randrange(60))
        complaint = self._company_accepts(complaint, company_user, accepts_at, self.now)
        if category.code == "claims":
            self._claim_timeline(complaint, company_user, bureau_user)
        return complaint

    def _company_accepts(self, complaint, company_user, accepts_at, before):
        """The company accepts at ``accepts_at`` if that comes before ``before`` (its next step,
        or now) and it has not yet (an answer counts as accepting)."""
        if (
            accepts_at is None
            or accepts_at >= before
            or complaint.status != Complaint.Status.FORWARDED
            or complaint.company_accepted_at is not None
        ):
            return complaint
        with dated(accepts_at):
            return workflow.accept_by_company(actor=company_user, complaint=complaint)

    def _claim_timeline(self, complaint, company_user, bureau_user):
        """The claim's dates around the complaint: documents complete weeks before it came
        in, then the decision, the agreement and the payment as far as they have happened;
        recorded by the company once the complaint reached it, by the bureau before."""
        timing, number = self.timing, next(self.claims)
        moments = {}
        moment = complaint.received_at - datetime.timedelta(
            days=timing.randint(10, 40), hours=timing.randint(0, 6)
        )
        moments["documents_complete_at"] = moment
        for field in ("decided_at", "agreed_at", "paid_at"):
            if field == "decided_at":
                days = DECISION_DAYS[number % len(DECISION_DAYS)]
            elif field == "agreed_at":
                days = timing.randint(1, 4)
            else:
                days = PAYMENT_DAYS[next(self.payments) % len(PAYMENT_DAYS)]
            if days is None:
                break
            moment += datetime.timedelta(days=days, hours=timing.randint(1, 6))
            if moment > self.now - datetime.timedelta(hours=1):
                break
            moments[field] = moment
        recorded_at = min(
            max(*moments.values(), complaint.received_at) + datetime.timedelta(hours=2),
            self.now - datetime.timedelta(minutes=30),
        )
        forwarded = complaint.forwarded_at is not None and complaint.forwarded_at <= recorded_at
        with dated(recorded_at):
            claims.record_claim_timeline(
                actor=company_user if forwarded else bureau_user,
                complaint=complaint,
                **dict.fromkeys(claims.MOMENTS) | moments,
            )

    def _registrar(self, channel, province, city):
        """Who registers a complaint: the hotline takes calls, bureaus letters and visits,
        and a web complaint is the complainant's own."""
        if channel == "phone":
            return self.users[HOTLINE_USERNAME]
        if channel == "web":
            return None
        return self.users[route(province, city).bureau.code]

    def _take(self, action, actor, complaint):
        rng, note = self.rng, NOTES.get(action, "")
        if action == "request_material":
            return workflow.request_material(actor=actor, complaint=complaint, note=note)
        if action == "receive_material":
            return workflow.receive_material(actor=actor, complaint=complaint)
        if action == "refuse":
            return workflow.refuse_complaint(actor=actor, complaint=complaint, note=note)
        if action == "accept":
            return workflow.accept_complaint(actor=actor, complaint=complaint)
        if action == "forward":
            complexity = rng.choice(Complaint.Complexity.values)
            return workflow.forward_complaint(
                actor=actor, complaint=complaint, complexity=complexity
            )
        if action == "extend":
            return workflow.extend_deadline(
                actor=actor, complaint=complaint, days=rng.randint(10, 30), note=note
            )
        if action == "answer":
            return workflow.answer_complaint(actor=actor, complaint=complaint, note=note)
        if action == "mediate":
            return workflow.start_mediation(actor=actor, complaint=complaint, note=note)
        if action == "close":
            resolved = rng.random() < 0.75
            return workflow.close_complaint(
                actor=actor,
                complaint=complaint,
                resolved=resolved,
                consumer_satisfied=resolved and rng.random() < 0.8,
            )
        return workflow.reopen_complaint(actor=actor, complaint=complaint, note=note)

    def _duplicates(self):
        """The same caller about the same company again within days: flagged as possible
        duplicates for the bureau to merge."""
        added = 0
        for n in range(4):
            first_at = self._office_hours(self.now - datetime.timedelta(days=20 + n * 30))
            phone, company = demo_phone(10_000 + n), self.companies[n]
            self._file(n, first_at, ("accept",), phone=phone, company=company)
            again_at = first_at + datetime.timedelta(days=3 + n, hours=2)
            # Registered after ``first``, it names it as its possible duplicate.
            self._file(n, again_at, (), phone=phone, company=company, channel="web")
            added += 2
        return added

    def _recent_hotline_calls(self):
        """The hotline seat's own entries of the last hours, on its home page."""
        for n in range(3):
            received_at = self.now - datetime.timedelta(hours=2 + n * 5)
            self._file(n + 7, received_at, (), channel="phone")
        return 3

    def _incident(self):
        """Six policyholders of one agent's sales come together to 大连: an incident."""
        received_at = self.now - datetime.timedelta(hours=3)
        dalian = next(n for n, (_province, city) in enumerate(self.places) if "大连" in city)
        self._file(
            dalian,
            received_at,
            ("accept",),
            channel="visit",
            company=self.companies[0],
            complainant_count=6,
            group_visit=True,
        )
        return 1
