"""Staff entry of a complaint: the hotline's call form and a bureau's letter or visit form,
one class for both. Its fields follow the order in which a caller is asked; the rules
(routing, the phone, a received time in the future) are the intake service's, whose
errors the form shows next to their fields."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaign.models import Organisation, ProductLine, Region

from ..models import Category, Complaint

# What most calls are about (车险理赔): the operator changes it for the others.
DEFAULT_CATEGORY = "claims"
DEFAULT_PRODUCT_LINE = "auto"

# The datalists the text fields suggest from (their ids in the page).
COMPANY_LIST, PROVINCE_LIST, CITY_LIST = "intake-companies", "intake-provinces", "intake-cities"

# Each field's share of the page's 12 columns: the rows fill in the fields' order, so the
# Tab key goes along a row, then down to the next one.
WIDTHS = {
    "channel": "col-md-3",
    "received_at": "col-md-3",
    "complainant_name": "col-md-3",
    "complainant_phone": "col-md-3",
    "province": "col-md-3",
    "city": "col-md-3",
    "company": "col-md-4",
    "company_branch": "col-md-2",
    "product_line": "col-md-3",
    "category": "col-md-3",
    "description": "col-md-6",
    "request": "col-md-6",
    "amount_in_dispute": "col-md-2",
    "complainant_count": "col-md-2",
    "group_visit": "col-md-2 align-self-end",
    "petition_risk": "col-md-3 align-self-end",
    "major_matter": "col-md-3 align-self-end",
    "complainant_id_number": "col-md-3",
    "complainant_address": "col-md-6",
}


class ComplaintIntakeForm(forms.Form):
    """A complaint as staff enter it. ``channels``: the channels the page takes; with one
    (the hotline's phone) the form has no channel field and the time received comes last,
    defaulting to now; with several (letter, visit) the channel and the day the letter
    arrived come first, and the address follows the region."""

    channel = forms.ChoiceField(label=_("Channel"))
    received_at = forms.DateTimeField(
        label=_("Received at"),
        widget=forms.DateTimeInput(format="%Y-%m-%dT%H:%M", attrs={"type": "datetime-local"}),
    )
    complainant_name = forms.CharField(label=_("Complainant's name"), max_length=100)
    complainant_phone = forms.CharField(
        label=_("Phone"),
        max_length=30,
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel"}),
    )
    province = forms.CharField(
        label=_("Province"), max_length=20, widget=forms.TextInput(attrs={"list": PROVINCE_LIST})
    )
    city = forms.CharField(
        label=_("City"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"list": CITY_LIST}),
    )
    company = forms.CharField(
        label=_("Company complained about"),
        max_length=200,
        widget=forms.TextInput(attrs={"list": COMPANY_LIST}),
    )
    company_branch = forms.CharField(label=_("Branch"), max_length=200, required=False)
    product_line = forms.ModelChoiceField(
        label=_("Product line"),
        queryset=ProductLine.objects.all(),
        to_field_name="code",
        empty_label=None,
    )
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=Category.objects.all(), to_field_name="code", empty_label=None
    )
    description = forms.CharField(
        label=_("What happened"), widget=forms.Textarea(attrs={"rows": 2})
    )
    request = forms.CharField(
        label=_("What the complainant asks for"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    amount_in_dispute = forms.DecimalField(
        label=_("Amount in dispute (yuan)"),
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
    )
    complainant_count = forms.IntegerField(
        label=_("Number of complainants"), min_value=1, initial=1
    )
    group_visit = forms.BooleanField(label=_("Group visit or group complaint"), required=False)
    petition_risk = forms.BooleanField(label=_("Risk of petitioning"), required=False)
    major_matter = forms.BooleanField(label=_("Major matter"), required=False)
    complainant_id_number = forms.CharField(label=_("ID number"), max_length=30, required=False)
    complainant_address = forms.CharField(label=_("Address"), max_length=300, required=False)

    def __init__(self, *args, channels, **kwargs):
        super().__init__(*args, **kwargs)
        self.channels = list(channels)
        order = list(self.fields)
        order.remove("channel")
        order.remove("received_at")
        if len(self.channels) == 1:
            del self.fields["channel"]
            self.order_fields([*order, "received_at"])
            if not self.is_bound:
                # A call is received when the operator starts typing (complaint_intake.js).
                self.fields["received_at"].widget.attrs["data-intake-stamp"] = ""
        else:
            self.fields["channel"].choices = [
                (value, label) for value, label in Complaint.Channel.choices if value in channels
            ]
            # A letter gives its sender's address with their name: it goes where they live.
            order.remove("complainant_address")
            order.insert(order.index("city") + 1, "complainant_address")
            self.order_fields(["channel", "received_at", *order])
        next(iter(self.fields.values())).widget.attrs["autofocus"] = True
        for field in self.fields.values():
            if isinstance(field.widget, forms.TextInput) and "list" in field.widget.attrs:
                # The browser's own history would cover the list's suggestions.
                field.widget.attrs["autocomplete"] = "off"
        self.fields["received_at"].initial = timezone.localtime().replace(second=0, microsecond=0)
        self.fields["category"].initial = DEFAULT_CATEGORY
        self.fields["product_line"].initial = DEFAULT_PRODUCT_LINE
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Row(*[Column(name, css_class=WIDTHS[name]) for name in self.fields], css_class="g-2")
        )
        self.companies = Organisation.objects.filter(
            kind=Organisation.Kind.INSURER, is_active=True
        ).order_by("position", "name_zh")

    @property
    def provinces(self):
        """The datalist of province names (the service reads them in Chinese)."""
        return Region.objects.filter(parent__isnull=True).order_by("code")

    @property
    def cities(self):
        """The cities with a bureau of their own; any other city may be typed in."""
        return Region.objects.filter(parent__isnull=False).order_by("code")

    def clean_company(self):
        """The insurer named: its Chinese or English name or its code, or a part of the name
        that only one insurer's has (示例人寿)."""
        text = " ".join(self.cleaned_data["company"].split())
        exact = self.companies.filter(
            Q(name_zh=text) | Q(name_en__iexact=text) | Q(code__iexact=text)
        )
        matches = list(exact[:2]) or list(
            self.companies.filter(Q(name_zh__contains=text) | Q(name_en__icontains=text))[:2]
        )
        if not matches:
            raise ValidationError(
                _("No insurance company has this name: choose one from the list."),
                code="unknown_company",
            )
        if len(matches) > 1:
            raise ValidationError(
                _("Several companies match: type more of the name or choose from the list."),
                code="ambiguous_company",
            )
        return matches[0]

    def service_arguments(self):
        """The cleaned form as keyword arguments of services.intake.register_complaint."""
        data = dict(self.cleaned_data)
        data.setdefault("channel", self.channels[0])
        return data
