import datetime

import factory

from campaign.models import Campaign, ExpectedUnit, Organisation, User

PASSWORD = "correct horse 12378"


class InsurerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ["code"]
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"insurer-{n}")
    kind = Organisation.Kind.INSURER
    name_zh = factory.Sequence(lambda n: f"测试保险股份有限公司{n}")
    name_en = factory.Sequence(lambda n: f"Test Insurance {n}")

    @factory.post_generation
    def expected(insurer, create, extracted, **kwargs):
        """An active test insurer is on the list of every campaign that exists, as if head
        office had added it; ``expected=False`` leaves it off (a newly licensed insurer)."""
        if create and insurer.is_active and extracted is not False:
            for campaign in Campaign.objects.all():
                ExpectedUnit.objects.get_or_create(campaign=campaign, organisation=insurer)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    role = User.Role.STAFF
    password = factory.django.Password(PASSWORD)


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign
        django_get_or_create = ["year"]
        skip_postgeneration_save = True

    year = 2013
    theme = "诚信保险 优质服务"
    notice_reference = "保监厅发〔2013〕11号"
    period_start = datetime.date(2013, 3, 1)
    period_end = datetime.date(2013, 3, 31)
    deadline = datetime.date(2013, 4, 10)
    status = Campaign.Status.OPEN

    @factory.post_generation
    def expected(campaign, create, extracted, **kwargs):
        """The campaign expects every active reporting unit, as a first campaign does;
        ``expected=False`` gives it an empty list."""
        if create and extracted is not False and not campaign.expectations.exists():
            units = Organisation.objects.filter(
                kind__in=Organisation.REPORTING_KINDS, is_active=True
            )
            ExpectedUnit.objects.bulk_create(
                ExpectedUnit(campaign=campaign, organisation=unit) for unit in units
            )


def organisation(code):
    """A reference organisation loaded by the migrations (bureaus, hq, iac)."""
    return Organisation.objects.get(code=code)


# Who is responsible for a report, as a unit fills it in before submitting.
RESPONSIBLE = {
    "filled_by": "王伟",
    "contact_phone": "010-55550101",
    "unit_head": "李明",
    "no_sales_confirmed": True,
}


# The same, as save_report takes it and as the statistics form posts it.
RESPONSIBLE_SAVED = {
    "contacts": {name: RESPONSIBLE[name] for name in ("filled_by", "contact_phone", "unit_head")},
    "no_sales_confirmed": True,
}
RESPONSIBLE_POSTED = RESPONSIBLE | {"no_sales_confirmed": "on"}


def statistics_report(campaign, code, **fields):
    """The (empty, draft) report of reference unit ``code`` in ``campaign``, naming who is
    responsible (RESPONSIBLE, or ``fields``) so that it can be submitted once filled in."""
    from campaign.models import StatisticsReport

    return StatisticsReport.objects.get_or_create(
        campaign=campaign, organisation=organisation(code), defaults=RESPONSIBLE | fields
    )[0]


def valid_values(report):
    """A complete set of values that passes every error rule and raises no warning."""
    from decimal import Decimal

    from campaign.selectors.reports import indicators_for

    values = {indicator.code: Decimal(10) for indicator in indicators_for(report)}
    channels = [code for code in ("E02", "E03", "E04", "E05", "E13") if code in values]
    values.update({"E10": Decimal(0), "E11": Decimal(0), "E12": Decimal(0)})
    values["E01"] = sum(values[code] for code in channels)
    if "A02" in values:
        values["A02"] = Decimal("12.50")
    return values


def complaint(*, actor=None, company=None, province="北京市", city="", **fields):
    """A complaint registered as the service registers them (routed, clocked, escalated),
    about ``company`` (an insurer; by default 示例财产保险, code demo-pc) from ``province``."""
    from django.utils import timezone

    from campaign.models import ProductLine
    from complaints.models import Category
    from complaints.services.intake import register_complaint

    if company is None:
        company = InsurerFactory(code="demo-pc", name_zh="示例财产保险股份有限公司")
    values = {
        "channel": "phone",
        "received_at": timezone.now(),
        "complainant_name": "张三",
        "complainant_phone": "13812341234",
        "category": Category.objects.get(code="claims"),
        "product_line": ProductLine.objects.get(code="auto"),
        "description": "车险理赔拖延两个月，多次催办无果。",
    }
    return register_complaint(
        actor=actor, company=company, province=province, city=city, **values | fields
    )


def article(actor, *, published=True, **fields):
    """A knowledge article of ``actor``'s organisation, drafted (and published unless
    ``published=False``) through the services."""
    from campaign.services import articles as article_services

    values = {
        "topic": "law",
        "title": "《保险法》第二十三条：理赔时限",
        "summary": "保险公司应当及时核定，情形复杂的在三十日内作出核定。",
        "body": "<p>达成协议后十日内支付保险金。</p>",
    }
    draft = article_services.draft_article(
        actor=actor, organisation=actor.organisation, **values | fields
    )
    if not published:
        return draft
    return article_services.publish_article(actor=actor, article=draft)


def activity(actor, campaign, **fields):
    """An event ``actor``'s unit logged in ``campaign``: a school talk on 8 March of the
    campaign's year unless ``fields`` say otherwise."""
    from campaign.models import Activity
    from campaign.services.activities import record_activity

    values = {
        "held_on": datetime.date(campaign.year, 3, 8),
        "kind": Activity.Kind.SCHOOL,
        "place": "北京市第十一中学",
        "people_reached": 300,
        "brochures": 500,
        "display_boards": 2,
        "description": "讲解学生平安保险。",
        "no_insurance_sold": True,
    } | fields
    return record_activity(actor=actor, campaign=campaign, **values)
