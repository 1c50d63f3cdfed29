from crispy_forms.helper import FormHelper
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .. import validation
from ..models import Campaign, Indicator
from ..services import campaigns as campaign_services
from ..services import tables as table_services
from ..services.tables import EDITABLE_FIELDS, EDITABLE_ONCE_FILLED


class CampaignForm(forms.ModelForm):
    """Head office's form for a new year's campaign, and the table it starts from."""

    copy_table_from = forms.ModelChoiceField(
        label=_("Copy the statistics table from"),
        queryset=Campaign.objects.none(),
        required=False,
        empty_label=_("None: start from the shipped 2013 table"),
        help_text=_(
            "Indicators, sections and validation rules are copied; retired indicators are "
            "left out. The copy can then be edited without touching the earlier campaign."
        ),
    )

    class Meta:
        model = Campaign
        fields = [
            "year",
            "theme",
            "notice_reference",
            "notice_title",
            "period_start",
            "period_end",
            "deadline",
        ]
        widgets = {
            name: forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
            for name in ("period_start", "period_end", "deadline")
        }

    def __init__(self, *args, campaigns, **kwargs):
        super().__init__(*args, **kwargs)
        campaigns = campaigns.order_by("-year")
        self.fields["year"].widget.attrs.update(min=2000, max=2100)
        for name in ("theme", "notice_reference", "notice_title"):
            self.fields[name].validators.append(validation.validate_one_line)
        self.fields["copy_table_from"].queryset = campaigns
        latest = campaigns.first()
        if latest is not None and not self.is_bound:
            self.fields["year"].initial = latest.year + 1
            self.fields["copy_table_from"].initial = latest.pk

    def clean(self):
        cleaned = super().clean()
        try:
            campaign_services.check_campaign(
                year=cleaned.get("year"),
                period_start=cleaned.get("period_start"),
                period_end=cleaned.get("period_end"),
                deadline=cleaned.get("deadline"),
            )
        except ValidationError as refusal:
            self.add_error(None, refusal)
        return cleaned


class ContactForm(forms.Form):
    # The rows are shown as a table under one header, so each input carries its own label.
    name = forms.CharField(
        label=_("Contact name"),
        max_length=100,
        required=False,
        validators=[validation.validate_one_line],
        widget=forms.TextInput(attrs={"aria-label": _("Contact name")}),
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=40,
        required=False,
        validators=[validation.validate_one_line],
        widget=forms.TextInput(attrs={"aria-label": _("Phone"), "inputmode": "tel"}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("phone") and not cleaned.get("name"):
            self.add_error("name", _("Whose number is this? Enter the contact's name."))
        return cleaned


class BaseContactFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        if not self.contacts:
            raise forms.ValidationError(_("Name at least one contact at head office."))

    @property
    def contacts(self):
        """(name, phone) of the rows filled in, in order."""
        return [
            (form.cleaned_data["name"].strip(), form.cleaned_data.get("phone", "").strip())
            for form in self.forms
            if form.cleaned_data.get("name", "").strip()
        ]


ContactFormSet = forms.formset_factory(
    ContactForm, formset=BaseContactFormSet, extra=3, min_num=0, max_num=4, validate_max=True
)
ContactFormSet.helper = FormHelper()
ContactFormSet.helper.form_tag = False
ContactFormSet.helper.disable_csrf = True
ContactFormSet.helper.template = "bootstrap5/table_inline_formset.html"


class IndicatorForm(forms.ModelForm):
    """An indicator of a campaign's table. Once values exist for it (``locked``, the table
    service's answer), every field but the English name is shown disabled, and a disabled
    field ignores what is posted. The table service's rules are checked in ``clean``."""

    class Meta:
        model = Indicator
        fields = ["code", *EDITABLE_FIELDS]
        labels = {"section": _("Section")}

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.campaign = campaign
        self.locked = bool(self.instance.pk) and table_services.is_locked(self.instance)
        self.fields["section"].queryset = campaign.sections.order_by("position", "code")
        self.fields["section"].empty_label = None
        self.fields["section"].label_from_instance = lambda section: f"{section.code} {section}"
        for name in ("name_zh", "name_en", "unit_zh", "unit_en"):
            self.fields[name].validators.append(validation.validate_one_line)
        self.fields["code"].help_text = _(
            "Capital letters then digits, e.g. E13. A code never changes once the indicator exists."
        )
        if self.instance.pk:
            self.fields["code"].disabled = True
            self.fields["code"].help_text = _("A code never changes.")
        if self.locked:
            for name, field in self.fields.items():
                if name not in EDITABLE_ONCE_FILLED:
                    field.disabled = True

    def clean_code(self):
        if self.instance.pk:
            return self.instance.code
        try:
            return table_services.check_new_code(self.campaign, self.cleaned_data["code"])
        except table_services.TableError as refusal:
            raise forms.ValidationError(str(refusal)) from None

    def clean(self):
        cleaned = super().clean()
        fields = {name: cleaned.get(name) for name in EDITABLE_FIELDS}
        try:
            if self.instance.pk:
                table_services.check_changes(self.instance, self.changed_data)
            table_services.check_indicator(self.campaign, fields)
        except table_services.TableError as refusal:
            self.add_error(None, refusal)
        return cleaned

    def validate_unique(self):
        # The code is checked above against the campaign; the form has no campaign field.
        pass

    @property
    def changes(self):
        """The editable fields as cleaned, for the service."""
        return {name: self.cleaned_data[name] for name in EDITABLE_FIELDS}
