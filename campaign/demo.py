"""Fictitious data for trying the portal out: insurers, users and the 2013 campaign.

Reference data (bureaus, head office, the association) comes from migrations; this
module only adds what is made up, and can run any number of times.
"""

import datetime
import random
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import transaction

from .models import Campaign, CampaignContact, Organisation, StatisticsReport, User
from .selectors.reports import indicators_for
from .services import statistics
from .services.tables import install_default_table

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

CAMPAIGN_2013 = {
    "theme": "诚信保险 优质服务",
    "notice_reference": "保监厅发〔2013〕11号",
    "notice_title": "关于开展“3·15”保险消费者权益保护系列活动的通知",
    "period_start": datetime.date(2013, 3, 1),
    "period_end": datetime.date(2013, 3, 31),
    "deadline": datetime.date(2013, 4, 10),
    "status": Campaign.Status.OPEN,
}
# The notice names two contacts; its phone number is lost in the source text, so
# head office fills it in on the admin page.
CAMPAIGN_2013_CONTACTS = ["张永蓉", "寇江华"]

HOTLINE_USERNAME = "hotline"


def _role_for(organisation):
    return User.Role.REVIEWER if organisation.is_head_office else User.Role.STAFF


def _ensure_user(username, organisation, role, password_hash):
    return User.objects.get_or_create(
        username=username,
        defaults={"organisation": organisation, "role": role, "password": password_hash},
    )


@transaction.atomic
def seed_demo(*, password):
    """Create what is missing; returns [(username, organisation, role, created)]."""
    for code, name_zh, name_en in DEMO_INSURERS:
        Organisation.objects.get_or_create(
            code=code,
            defaults={"kind": Organisation.Kind.INSURER, "name_zh": name_zh, "name_en": name_en},
        )
    campaign, created = Campaign.objects.get_or_create(year=2013, defaults=CAMPAIGN_2013)
    if created:
        for position, name in enumerate(CAMPAIGN_2013_CONTACTS):
            CampaignContact.objects.create(campaign=campaign, name=name, position=position)
    install_default_table(campaign)

    # One hash for all demo accounts: hashing is deliberately slow, and they share a password.
    password_hash = make_password(password)
    accounts = []
    for organisation in Organisation.objects.filter(is_active=True).order_by("kind", "code"):
        role = _role_for(organisation)
        user, created = _ensure_user(organisation.code, organisation, role, password_hash)
        accounts.append((user, created))
    head_office = Organisation.objects.get(kind=Organisation.Kind.HEAD_OFFICE)
    accounts.append(_ensure_user(HOTLINE_USERNAME, head_office, User.Role.HOTLINE, password_hash))
    _seed_sample_reports(campaign)
    return accounts


# Units that have already done something, so head office's review table has content.
# Beijing is left untouched: it is the unit a newcomer tries the form with.
SAMPLE_REPORTS = {
    "shanghai": "submit",
    "jiangsu": "approve",
    "guangdong": "return",
    "zhejiang": "draft",
    "demo-pc": "submit",
    "iac": "submit",
}


def sample_values(indicators, seed):
    """Plausible values that pass every rule of the 2013 table, different for each unit."""
    rng = random.Random(seed)  # noqa: S311 - demo figures, not security
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
    channels = ["E02", "E03", "E04", "E05"]
    values["E01"] = sum(values[code] for code in channels)
    values["E07"] = values["E01"] - rng.randint(0, 2)
    values["E08"] = min(values["E08"], values["E01"])
    for code in ("E10", "E11", "E12"):
        values[code] = Decimal(0)
    if "A02" in values:
        values["A02"] = Decimal(rng.randint(500, 9000)) / 100
    if "F03" in values:
        values["F03"] = values["F02"] * rng.randint(5, 20)
    return values


def _seed_sample_reports(campaign):
    reviewer = User.objects.get(username="hq")
    for code, stage in SAMPLE_REPORTS.items():
        organisation = Organisation.objects.get(code=code)
        report, created = StatisticsReport.objects.get_or_create(
            campaign=campaign, organisation=organisation
        )
        if not created:
            continue
        actor = User.objects.get(username=code)
        indicators = indicators_for(report)
        values = sample_values(indicators, code)
        if stage == "draft":
            values = dict(list(values.items())[: len(values) // 2])
        statistics.save_report(
            actor=actor,
            report=report,
            values=values,
            summary=f"<p>{organisation.name_zh}2013年“3·15”系列活动总结（示例）。</p>",
            expected_version=0,
        )
        if stage == "draft":
            continue
        statistics.submit_report(actor=actor, report=report)
        if stage == "approve":
            statistics.approve_report(actor=reviewer, report=report)
        elif stage == "return":
            statistics.return_report(
                actor=reviewer,
                report=report,
                comment="进学校受众人数与活动场次不相称，请核实后重新报送。",
                indicator_comments={"B02": "请核实"},
            )
