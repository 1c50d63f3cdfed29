"""Reference data: complaint categories, product lines, the 2013 holiday calendar
(国办发明电〔2012〕33号) and the time limits of 保险消费投诉处理管理办法 (保监会令2013年第8号).

Kept here (not in a fixture) so the rows are what this migration's models expect. Head
office adds later years' holidays and changed limits in the admin.
"""

import datetime

from django.db import migrations

CATEGORIES = [
    ("sales", "销售纠纷", "Sales disputes"),
    ("claims", "理赔纠纷", "Claims disputes"),
    ("surrender", "退保纠纷", "Surrender disputes"),
    ("policy_service", "保全纠纷", "Policy service disputes"),
    ("telemarketing", "电话营销扰民", "Nuisance telemarketing"),
    ("privacy", "客户信息安全", "Customer information security"),
    ("service_quality", "服务质量", "Service quality"),
    ("other", "其他", "Other"),
]

PRODUCT_LINES = [
    ("auto", "property", "机动车辆保险", "Motor vehicle insurance"),
    ("enterprise_property", "property", "企业财产保险", "Commercial property insurance"),
    ("home_property", "property", "家庭财产保险", "Home insurance"),
    ("liability", "property", "责任保险", "Liability insurance"),
    ("agriculture", "property", "农业保险", "Agricultural insurance"),
    ("property_other", "property", "其他财产保险", "Other property insurance"),
    ("life", "life", "人寿保险", "Life insurance"),
    ("health", "life", "健康保险", "Health insurance"),
    ("accident", "life", "意外伤害保险", "Accident insurance"),
    ("annuity", "life", "年金保险", "Annuities"),
    ("life_other", "life", "其他人身保险", "Other life and health insurance"),
]


def _days(first, last):
    day = first
    while day <= last:
        yield day
        day += datetime.timedelta(days=1)


D = datetime.date
HOLIDAYS_2013 = [
    ("元旦", D(2013, 1, 1), D(2013, 1, 3)),
    ("春节", D(2013, 2, 9), D(2013, 2, 15)),
    ("清明节", D(2013, 4, 4), D(2013, 4, 6)),
    ("劳动节", D(2013, 4, 29), D(2013, 5, 1)),
    ("端午节", D(2013, 6, 10), D(2013, 6, 12)),
    ("中秋节", D(2013, 9, 19), D(2013, 9, 21)),
    ("国庆节", D(2013, 10, 1), D(2013, 10, 7)),
]
# Weekend days worked in exchange (调休), with the holiday they make up for.
WORKED_WEEKEND_DAYS_2013 = [
    ("元旦调休", D(2013, 1, 5)),
    ("元旦调休", D(2013, 1, 6)),
    ("春节调休", D(2013, 2, 16)),
    ("春节调休", D(2013, 2, 17)),
    ("清明节调休", D(2013, 4, 7)),
    ("劳动节调休", D(2013, 4, 27)),
    ("劳动节调休", D(2013, 4, 28)),
    ("端午节调休", D(2013, 6, 8)),
    ("端午节调休", D(2013, 6, 9)),
    ("中秋节调休", D(2013, 9, 22)),
    ("国庆节调休", D(2013, 9, 29)),
    ("国庆节调休", D(2013, 10, 12)),
]

SOURCE = "保险消费投诉处理管理办法（保监会令2013年第8号）"
# In force from 1 November 2013; the portal applies it from the 2013 campaign's start.
EFFECTIVE_FROM = D(2013, 1, 1)
TIME_LIMITS = [
    ("supplement_request", 5, "working_days"),
    ("acceptance", 7, "working_days"),
    ("referral", 5, "working_days"),
    ("company_decision_simple", 10, "working_days"),
    ("company_decision", 30, "days"),
    ("company_extension", 30, "days"),
    ("company_notice", 5, "working_days"),
    ("bureau_decision", 60, "days"),
    ("bureau_extension", 30, "days"),
    ("review_request", 30, "days"),
    ("review_decision", 30, "days"),
]


def add_reference_data(apps, schema_editor):
    Category = apps.get_model("complaints", "Category")
    ProductLine = apps.get_model("complaints", "ProductLine")
    CalendarDay = apps.get_model("complaints", "CalendarDay")
    TimeLimit = apps.get_model("complaints", "TimeLimit")
    Category.objects.bulk_create(
        Category(code=code, name_zh=zh, name_en=en, position=position)
        for position, (code, zh, en) in enumerate(CATEGORIES, start=1)
    )
    ProductLine.objects.bulk_create(
        ProductLine(code=code, branch=branch, name_zh=zh, name_en=en, position=position)
        for position, (code, branch, zh, en) in enumerate(PRODUCT_LINES, start=1)
    )
    CalendarDay.objects.bulk_create(
        [
            CalendarDay(date=day, is_working_day=False, name=name)
            for name, first, last in HOLIDAYS_2013
            for day in _days(first, last)
        ]
        + [
            CalendarDay(date=day, is_working_day=True, name=name)
            for name, day in WORKED_WEEKEND_DAYS_2013
        ]
    )
    TimeLimit.objects.bulk_create(
        TimeLimit(
            step=step, amount=amount, unit=unit, effective_from=EFFECTIVE_FROM, source=SOURCE
        )
        for step, amount, unit in TIME_LIMITS
    )


def remove_reference_data(apps, schema_editor):
    for name in ("TimeLimit", "CalendarDay", "ProductLine", "Category"):
        apps.get_model("complaints", name).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("complaints", "0001_complaints")]

    operations = [migrations.RunPython(add_reference_data, remove_reference_data)]
