"""Reference data the complaint handling rules need, shipped with the product (migrations):
categories and the time limits (product lines and the holiday calendar are campaign's, shared
with commitments). Head office adds rows in the admin (a changed limit from its effective
date)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from campaign.models.bilingual import BilingualName


class Category(BilingualName):
    """What a complaint is about (销售纠纷, 理赔纠纷, …); ``code`` is the API's word for it."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("complaint category")
        verbose_name_plural = _("complaint categories")


class TimeLimit(models.Model):
    """How long one step of complaint handling may take, from the day it comes into force.

    The limit that applies to a step is the one in force on the day the step's clock starts.
    """

    class Step(models.TextChoices):
        SUPPLEMENT_REQUEST = "supplement_request", _("Ask the complainant for missing material")
        ACCEPTANCE = "acceptance", _("Accept or refuse a complaint")
        REFERRAL = "referral", _("Pass on a complaint outside the bureau's remit")
        COMPANY_DECISION_SIMPLE = "company_decision_simple", _("Company decision, simple case")
        COMPANY_DECISION = "company_decision", _("Company decision, other cases")
        COMPANY_EXTENSION = "company_extension", _("Extension of a company decision (at most)")
        COMPANY_NOTICE = "company_notice", _("Company tells the complainant its decision")
        BUREAU_DECISION = "bureau_decision", _("Bureau decision on a complaint it handles")
        BUREAU_EXTENSION = "bureau_extension", _("Extension of a bureau decision (at most)")
        REVIEW_REQUEST = "review_request", _("Complainant asks for review")
        REVIEW_DECISION = "review_decision", _("Review (mediation) decided")

    class Unit(models.TextChoices):
        WORKING_DAYS = "working_days", _("working days")
        DAYS = "days", _("days")

    step = models.CharField(_("step"), max_length=30, choices=Step.choices)
    amount = models.PositiveSmallIntegerField(_("limit"))
    unit = models.CharField(_("unit"), max_length=15, choices=Unit.choices)
    effective_from = models.DateField(_("in force from"))
    source = models.CharField(
        _("source"), max_length=200, help_text=_("The rule that sets the limit.")
    )

    class Meta:
        ordering = ["step", "-effective_from"]
        verbose_name = _("time limit")
        verbose_name_plural = _("time limits")
        constraints = [
            models.UniqueConstraint(
                fields=["step", "effective_from"], name="time_limit_one_per_step_and_day"
            ),
        ]

    def __str__(self):
        return f"{self.get_step_display()}: {self.amount} {self.get_unit_display()}"
