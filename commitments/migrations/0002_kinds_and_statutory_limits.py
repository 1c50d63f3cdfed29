"""Reference data: the kinds of commitment the notice (保监厅发〔2013〕11号, 集中公开服务承诺)
names for each stage, and the limits of the Insurance Law (2009) that a claims commitment may
not fall below. Head office adds kinds in the admin."""

import datetime

from django.db import migrations

# (code, stage, Chinese, English, limit, units)
KINDS = [
    ("call_hours", "sales", "电话销售呼叫时间", "Telemarketing call hours", "time_window", []),
    ("call_frequency", "sales", "电话销售呼叫频次", "How often a customer is called", "none", []),
    ("information_security", "sales", "客户信息安全", "Customer information security", "none", []),
    (
        "number_blocking",
        "sales",
        "电话号码屏蔽",
        "Blocking the numbers of people who refuse calls",
        "duration",
        ["hours", "days", "working_days"],
    ),
    (
        "return_visit",
        "after_sales",
        "成交客户回访",
        "Return visit to new customers",
        "duration",
        ["days", "working_days"],
    ),
    (
        "complaint_acceptance",
        "after_sales",
        "客户投诉立案受理",
        "Registering and accepting a complaint",
        "duration",
        ["hours", "days", "working_days"],
    ),
    (
        "arrival_on_scene",
        "claims",
        "报案后到达现场",
        "Arrival on the scene after a claim is reported",
        "duration",
        ["minutes", "hours"],
    ),
    (
        "document_notice",
        "claims",
        "一次性告知索赔材料",
        "One-time notice of every claim document needed",
        "duration",
        ["hours", "days", "working_days"],
    ),
    (
        "liability_decision",
        "claims",
        "保险责任核定",
        "Decision on liability",
        "duration",
        ["hours", "days", "working_days"],
    ),
    (
        "claim_payment",
        "claims",
        "赔款支付",
        "Payment after agreement",
        "duration",
        ["hours", "days", "working_days"],
    ),
    (
        "advance_payment",
        "claims",
        "先予支付",
        "Advance payment of the amount already determined",
        "duration",
        ["days", "working_days"],
    ),
]

INSURANCE_LAW_2009 = datetime.date(2009, 10, 1)
# (kind, value, unit, source, provision)
STATUTORY_LIMITS = [
    (
        "liability_decision",
        30,
        "days",
        "《中华人民共和国保险法》第二十三条",
        "保险人收到被保险人或者受益人的赔偿或者给付保险金的请求后，应当及时作出核定；情形复杂的，"
        "应当在三十日内作出核定，但合同另有约定的除外。",
    ),
    (
        "claim_payment",
        10,
        "days",
        "《中华人民共和国保险法》第二十三条",
        "对属于保险责任的，在与被保险人或者受益人达成赔偿或者给付保险金的协议后十日内，"
        "履行赔偿或者给付保险金义务。",
    ),
    (
        "advance_payment",
        60,
        "days",
        "《中华人民共和国保险法》第二十五条",
        "保险人自收到赔偿或者给付保险金的请求和有关证明、资料之日起六十日内，对其赔偿或者给付"
        "保险金的数额不能确定的，应当根据已有证明和资料可以确定的数额先予支付。",
    ),
]


def add_reference_data(apps, schema_editor):
    CommitmentKind = apps.get_model("commitments", "CommitmentKind")
    StatutoryLimit = apps.get_model("commitments", "StatutoryLimit")
    kinds = {}
    for position, (code, stage, zh, en, limit, units) in enumerate(KINDS):
        kinds[code] = CommitmentKind.objects.create(
            code=code,
            stage=stage,
            name_zh=zh,
            name_en=en,
            limit=limit,
            units=units,
            position=position,
        )
    for kind, value, unit, source, provision in STATUTORY_LIMITS:
        StatutoryLimit.objects.create(
            kind=kinds[kind],
            value=value,
            unit=unit,
            source=source,
            provision=provision,
            effective_from=INSURANCE_LAW_2009,
        )


def remove_reference_data(apps, schema_editor):
    apps.get_model("commitments", "StatutoryLimit").objects.all().delete()
    apps.get_model("commitments", "CommitmentKind").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("commitments", "0001_commitments")]

    operations = [migrations.RunPython(add_reference_data, remove_reference_data)]
