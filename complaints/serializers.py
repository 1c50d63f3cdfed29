"""The hotline API's JSON: what a client sends to register a complaint (its shape only; the
rules are register_complaint's) and how a complaint reads, with personal data masked."""

import datetime
import re

from django.core.exceptions import ObjectDoesNotExist
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from campaign.models import Organisation, ProductLine

from .models import Category, Complaint
from .personal_data import mask_name, mask_phone

# The model's lengths, so that a value too long is a 400 here and never a database error.
_LENGTHS = {field.name: field.max_length for field in Complaint._meta.fields if field.max_length}


class CodeChoiceField(serializers.ChoiceField):
    """A code from a fixed list; an unknown one is refused naming the codes allowed."""

    default_error_messages = {"unknown": _("Unknown code “{value}”: use one of {allowed}.")}

    def to_internal_value(self, data):
        if str(data) not in self.choice_strings_to_values:
            self.fail("unknown", value=data, allowed=", ".join(self.choice_strings_to_values))
        return self.choice_strings_to_values[str(data)]


@extend_schema_field(OpenApiTypes.STR)
class CodeField(serializers.SlugRelatedField):
    """A row of reference data named by its ``code``; an unknown one is refused naming the
    codes the table holds."""

    default_error_messages = {"unknown": CodeChoiceField.default_error_messages["unknown"]}

    def __init__(self, **kwargs):
        super().__init__(slug_field="code", **kwargs)

    def to_internal_value(self, data):
        queryset = self.get_queryset()
        try:
            return queryset.get(code=str(data))
        except ObjectDoesNotExist:
            allowed = ", ".join(queryset.values_list("code", flat=True))
            self.fail("unknown", value=data, allowed=allowed)


@extend_schema_field(OpenApiTypes.STR)
class CompanyField(serializers.SlugRelatedField):
    """An organisation named by its code; whether it is an active insurer is the service's
    rule (register_complaint), answered on this field too."""

    default_error_messages = {"unknown": _("No insurance company has the code “{value}”.")}

    def __init__(self, **kwargs):
        super().__init__(slug_field="code", queryset=Organisation.objects.all(), **kwargs)

    def to_internal_value(self, data):
        try:
            return self.get_queryset().get(code=str(data))
        except ObjectDoesNotExist:
            self.fail("unknown", value=data)


class ComplaintInputSerializer(serializers.Serializer):
    """A complaint as the call-centre system sends it to POST /api/v1/complaints/."""

    channel = CodeChoiceField(choices=Complaint.Channel.choices)
    received_at = serializers.DateTimeField(
        help_text="When the complaint came in (ISO 8601; without an offset, Beijing time)."
    )
    complainant_name = serializers.CharField(max_length=_LENGTHS["complainant_name"])
    complainant_phone = serializers.CharField(max_length=_LENGTHS["complainant_phone"])
    complainant_id_number = serializers.CharField(
        max_length=_LENGTHS["complainant_id_number"], required=False, allow_blank=True
    )
    complainant_address = serializers.CharField(
        max_length=_LENGTHS["complainant_address"], required=False, allow_blank=True
    )
    province = serializers.CharField(
        max_length=50,
        help_text="In Chinese, with or without 省/市/自治区: 辽宁, 辽宁省, 广西壮族自治区.",
    )
    city = serializers.CharField(
        max_length=50,
        required=False,
        allow_blank=True,
        help_text="In Chinese: 大连, 宁波, 厦门, 青岛 and 深圳 have bureaus of their own.",
    )
    company = CompanyField(help_text="The insurance company's organisation code.")
    company_branch = serializers.CharField(
        max_length=_LENGTHS["company_branch"], required=False, allow_blank=True
    )
    category = CodeField(
        queryset=Category.objects.all(),
        help_text="sales, claims, surrender, policy_service, telemarketing, privacy, "
        "service_quality or other.",
    )
    product_line = CodeField(
        queryset=ProductLine.objects.all(),
        help_text="auto, enterprise_property, home_property, liability, agriculture, "
        "property_other, life, health, accident, annuity or life_other.",
    )
    description = serializers.CharField()
    amount_in_dispute = serializers.DecimalField(
        max_digits=14, decimal_places=2, min_value=0, required=False, allow_null=True
    )
    request = serializers.CharField(required=False, allow_blank=True)
    complainant_count = serializers.IntegerField(min_value=1, default=1)
    group_visit = serializers.BooleanField(default=False)
    petition_risk = serializers.BooleanField(default=False)
    major_matter = serializers.BooleanField(default=False)


class ChangesQuerySerializer(serializers.Serializer):
    """The query of GET /api/v1/complaints/."""

    changed_since = serializers.DateTimeField(required=False)

    def to_internal_value(self, data):
        if "changed_since" not in data:
            return super().to_internal_value({})
        # Passed on as a plain dict: read from the query string, an empty value would count
        # as no value, and a client whose time went missing would get every complaint.
        # An offset's "+" sent unencoded arrives as a space: 10:00:00 08:00.
        value = re.sub(r" (\d{2}:?\d{2})$", r"+\1", data["changed_since"])
        return super().to_internal_value({"changed_since": value})


class PublicReplySerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    action = serializers.CharField(help_text="The step: request_material, answer, close, …")
    note = serializers.CharField()


class ComplaintSerializer(serializers.Serializer):
    """A complaint as the API reads it: the complainant's name and phone masked, the hotline
    needs no more to answer a caller."""

    reference = serializers.CharField()
    channel = serializers.ChoiceField(choices=Complaint.Channel.choices)
    status = serializers.ChoiceField(choices=Complaint.Status.choices)
    status_label_zh = serializers.SerializerMethodField()
    status_label_en = serializers.SerializerMethodField()
    region = serializers.CharField(
        source="bureau.code", help_text="The code of the bureau that handles it: dalian."
    )
    company = serializers.CharField(source="company.code")
    category = serializers.CharField(source="category.code")
    product_line = serializers.CharField(source="product_line.code")
    complainant_name = serializers.SerializerMethodField(help_text="Masked: 王**.")
    complainant_phone = serializers.SerializerMethodField(help_text="Masked: 138****1234.")
    complainant_count = serializers.IntegerField()
    received_at = serializers.DateTimeField()
    due_on = serializers.DateField(
        allow_null=True,
        help_text="The last day of the current step; empty while the clock is paused and "
        "once the complaint is finished.",
    )
    acceptance_due_on = serializers.SerializerMethodField(
        help_text="The last day the bureau may accept or refuse the complaint, while it has "
        "yet to decide and the clock runs."
    )
    clock_paused = serializers.BooleanField(source="clock_is_paused")
    paused_reason = serializers.CharField(help_text="Why the clock is paused, while it is.")
    public_replies = PublicReplySerializer(many=True, source="public_steps")
    updated_at = serializers.DateTimeField()

    def get_status_label_zh(self, complaint) -> str:
        with translation.override("zh-hans"):
            return str(complaint.get_status_display())

    def get_status_label_en(self, complaint) -> str:
        with translation.override("en"):
            return str(complaint.get_status_display())

    def get_complainant_name(self, complaint) -> str:
        return mask_name(complaint.complainant_name)

    def get_complainant_phone(self, complaint) -> str:
        return mask_phone(complaint.complainant_phone)

    def get_acceptance_due_on(self, complaint) -> datetime.date | None:
        # Registered is the one state whose clock is the acceptance limit.
        if complaint.status == Complaint.Status.REGISTERED:
            return complaint.due_on
        return None
