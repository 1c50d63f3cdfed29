"""Fictitious service commitments for trying the portal out (``seed_demo``): the demo
insurers' promises of 2013 and of the current campaign, so that the year-over-year page
shows, on first run, promises tightened, unchanged, loosened (with the reason published
beside them, one of them only on some days: working days against days), new and dropped.

The demo's campaigns are 2013 (closed) and the current year's, so the current year's
commitments are set beside 2013's, the latest earlier campaign's, as every year's are. Two
insurers have not published for the current campaign yet (one has a draft), so head office's
dashboard has companies to chase.

Every commitment is drafted and published through the services, the 2013 ones as if it were
March 2013 (``campaign.demo.dated``), one of them amended that June; all are within the
law. Running it again adds nothing.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from campaign.demo import BEIJING, DEMO_INSURERS, current_campaign_year, dated
from campaign.models import Campaign, Organisation, User

from .models import CommitmentKind, ServiceCommitment
from .services.commitments import (
    amend_commitment,
    draft_commitment,
    publish_commitment,
    update_draft,
)

IN_2013 = datetime.datetime(2013, 3, 14, 10, tzinfo=BEIJING)
AMENDED_IN_2013 = datetime.datetime(2013, 6, 18, 15, tzinfo=BEIJING)
AMENDED = "demo-life"
# Not published for the current campaign yet; the first has a draft.
NOT_YET = ("demo-agri", "demo-marine")

# (kind, 2013's limit, this year's limit, this year's reason when it is weaker): a limit is
# (value, unit), (start hour, end hour) for call hours, or None for a kind without one; a
# promise missing from a year is None there (new or dropped). Tightened, unchanged, loosened
# (the complaint acceptance on some days only: 2 working days take 2 to 4 days against 3),
# new and dropped, in the notice's order.
PLAN = [
    ("call_hours", (9, 20), (9, 18), ""),
    ("information_security", None, None, ""),
    ("number_blocking", (3, "days"), (24, "hours"), ""),
    ("call_frequency", None, False, ""),
    ("return_visit", (15, "days"), (15, "days"), ""),
    (
        "complaint_acceptance",
        (3, "days"),
        (2, "working_days"),
        "投诉统一由总公司客服中心立案，节假日顺延至工作日受理；工作日内受理时限由3日缩短为2个工作日。",
    ),
    ("arrival_on_scene", False, (30, "minutes"), ""),
    ("liability_decision", (10, "days"), (7, "days"), ""),
    (
        "claim_payment",
        (3, "days"),
        (5, "days"),
        "异地出险案件增多，赔款需经总公司集中支付，支付时限由3日调整为5日，仍短于法定的10日。",
    ),
]
# For every other insurer the claims go the other way: 5 days tightened to 3.
OTHER_CLAIM_PAYMENT = ("claim_payment", (5, "days"), (3, "days"), "")
TEXTS = {
    "call_hours": "电话销售仅在{start}:00至{end}:00之间呼叫，法定节假日不呼叫。",
    "information_security": "严格保护客户信息，不向第三方泄露、出售客户信息。",
    "number_blocking": "客户明确拒绝后{limit}内将其号码列入屏蔽名单，不再呼叫。",
    "call_frequency": "同一客户每月电话销售呼叫不超过2次。",
    "return_visit": "新单签收后{limit}内完成回访。",
    "complaint_acceptance": "收到客户投诉后{limit}内立案受理。",
    "arrival_on_scene": "城区报案后{limit}内到达现场。",
    "liability_decision": "收到完整索赔材料后{limit}内作出核定。",
    "claim_payment": "达成赔偿协议后{limit}内支付赔款。",
}
UNITS = {"minutes": "分钟", "hours": "小时", "days": "日", "working_days": "个工作日"}


def seed_commitments():
    """Add the demo commitments unless there are some; returns how many were added."""
    codes = [code for code, _zh, _en in DEMO_INSURERS]
    if ServiceCommitment.objects.filter(company__code__in=codes).exists():
        return 0
    current_year = current_campaign_year(timezone.localdate())
    campaigns = {c.year: c for c in Campaign.objects.filter(year__in=[2013, current_year])}
    kinds = {kind.code: kind for kind in CommitmentKind.objects.all()}
    users = {user.username: user for user in User.objects.filter(username__in=codes)}
    added = 0
    with transaction.atomic():
        companies = Organisation.objects.filter(code__in=codes).order_by("code")
        for index, company in enumerate(companies):
            actor = users[company.code]
            plan = PLAN if index % 2 == 0 else [*PLAN[:-1], OTHER_CLAIM_PAYMENT]
            with dated(IN_2013):
                made = [
                    _promise(actor, campaigns[2013], kinds[k], before) for k, before, *_ in plan
                ]
            added += len([c for c in made if c])
            if company.code == AMENDED:
                added += _amend_in_2013(actor, made)
            current = campaigns.get(current_year)
            if current is None or company.code == NOT_YET[1]:
                continue
            publish = company.code not in NOT_YET
            for code, _before, after, reason in plan:
                added += bool(_promise(actor, current, kinds[code], after, reason, publish))
    return added


def _promise(actor, campaign, kind, limit, reason="", publish=True):
    """Draft and publish ``actor``'s commitment; None where the plan has none that year."""
    if limit is False:
        return None
    commitment = draft_commitment(
        actor=actor,
        company=actor.organisation,
        campaign=campaign,
        kind=kind,
        loosening_reason=reason,
        **promise_fields(kind.code, limit),
    )
    return publish_commitment(actor=actor, commitment=commitment) if publish else commitment


def promise_fields(code, limit):
    """A commitment's words and limit fields from a PLAN entry's ``limit`` (not False)."""
    fields = {}
    words = {}
    if limit and isinstance(limit[1], str):
        fields = {"limit_value": limit[0], "limit_unit": limit[1]}
        words = {"limit": f"{limit[0]}{UNITS[limit[1]]}"}
    elif limit:
        fields = {"window_start": datetime.time(limit[0]), "window_end": datetime.time(limit[1])}
        words = {"start": limit[0], "end": limit[1]}
    return {"text": TEXTS[code].format(**words), **fields}


def _amend_in_2013(actor, commitments):
    """demo-life shortened its 2013 liability decision in June: two versions."""
    [decision] = [c for c in commitments if c and c.kind.code == "liability_decision"]
    with dated(AMENDED_IN_2013):
        draft = amend_commitment(actor=actor, commitment=decision)
        update_draft(
            actor=actor,
            commitment=draft,
            limit_value=8,
            text=TEXTS["liability_decision"].format(limit="8日"),
        )
        publish_commitment(actor=actor, commitment=draft)
    return 1
