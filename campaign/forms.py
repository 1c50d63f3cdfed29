from crispy_forms.helper import FormHelper
from django import forms
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import validation
from .models import Campaign, Indicator, Organisation, Region, StatisticsReport, User
from .selectors.review import AWAITING_REVIEW, NOT_STARTED
from .services import campaigns as campaign_services
from .services import organisations as organisation_services
from .services import tables as table_services
from .services.tables import EDITABLE_FIELDS, EDITABLE_ONCE_FILLED


class OrganisationForm(forms.ModelForm):
    """Head office's form for the organisations that use the portal."""

    class Meta:
        model = Organisation
        fields = ["kind", "code", "name_zh", "name_en", "regions", "is_active"]
        widgets = {"regions": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Head office itself is reference data: no second one is created here.
        if not self.instance.is_head_office:
            self.fields["kind"].choices = [
                choice
                for choice in Organisation.Kind.choices
                if choice[0] != Organisation.Kind.HEAD_OFFICE
            ]
        self.fields["regions"].queryset = Region.objects.select_related("parent")
        for name in ("name_zh", "name_en"):
            self.fields[name].validators.append(validation.validate_one_line)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind"):
            try:
                organisation_services.check_regions(
                    kind=cleaned["kind"],
                    regions=cleaned.get("regions") or [],
                    is_active=cleaned.get("is_active", False),
                    organisation=self.instance if self.instance.pk else None,
                )
            except ValidationError as refusal:
                self.add_error(None, refusal)
        return cleaned


class OrganisationSearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *Organisation.Kind.choices]
    )


class ExpectedUnitSearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)


class ExpectedUnitAddForm(forms.Form):
    """Head office adds one of ``units`` (those a campaign does not expect yet) to its list."""

    unit = forms.ModelChoiceField(
        label=_("Unit to add"),
        queryset=Organisation.objects.none(),
        to_field_name="code",
        empty_label=_("Choose a unit"),
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class StatisticsForm(forms.Form):
    """A unit's statistics form: one text input per indicator it fills, parsed by the same
    rules as the Excel upload, plus the written summary and notes on warnings."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    # About fifty pages of Chinese text with its markup; every saved version is kept.
    summary = forms.CharField(
        label=_("Written summary"), required=False, max_length=100_000, widget=forms.Textarea
    )

    # Who is responsible (填报信息): a draft may leave them empty, submitting needs them.
    filled_by = forms.CharField(
        label=_("Filled in by"),
        required=False,
        max_length=100,
        validators=[validation.validate_one_line],
        widget=forms.TextInput(attrs={"class": "form-control", "autocomplete": "name"}),
    )
    contact_phone = forms.CharField(
        label=_("Contact phone"),
        required=False,
        max_length=40,
        help_text=_("e.g. 010-66286688 or 13800138000"),
        widget=forms.TextInput(
            attrs={"class": "form-control", "inputmode": "tel", "autocomplete": "tel"}
        ),
    )
    unit_head = forms.CharField(
        label=_("Head of the unit"),
        required=False,
        max_length=100,
        validators=[validation.validate_one_line],
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    no_sales_confirmed = forms.BooleanField(
        label=_(
            "We confirm that our campaign events stayed for the public good: no insurance "
            "was sold at them."
        ),
        help_text=_(
            "The notice: stress the public-good nature of the events and avoid using them "
            "to sell insurance."
        ),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )

    NOTE_PREFIX = "note:"

    def __init__(self, *args, indicators, warning_keys=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        for indicator in indicators:
            self.fields[indicator.code] = forms.CharField(
                label=indicator.name,
                required=False,
                max_length=30,
                widget=forms.TextInput(
                    attrs={
                        "class": "form-control text-end portal-value-input",
                        "inputmode": "decimal" if indicator.is_money else "numeric",
                        "autocomplete": "off",
                    }
                ),
            )
        for key in warning_keys:
            self.fields[self.NOTE_PREFIX + key] = forms.CharField(
                label=_("Note"),
                required=False,
                max_length=500,
                widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}),
            )

    def clean(self):
        cleaned = super().clean()
        self.values = {}
        for indicator in self.indicators:
            try:
                self.values[indicator.code] = validation.parse_value(
                    indicator, cleaned.get(indicator.code)
                )
            except validation.InvalidValue as problem:
                self.add_error(indicator.code, str(problem))
        return cleaned

    def clean_contact_phone(self):
        return validation.normalise_phone(self.cleaned_data["contact_phone"])

    @property
    def contacts(self):
        return {name: self.cleaned_data[name] for name in StatisticsReport.CONTACT_FIELDS}

    @property
    def notes(self):
        return {
            name.removeprefix(self.NOTE_PREFIX): value
            for name, value in self.cleaned_data.items()
            if name.startswith(self.NOTE_PREFIX)
        }


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("File"))


class ReviewFilterForm(forms.Form):
    """The filters above head office's table of units."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("All kinds")), *[(k.value, k.label) for k in Organisation.REPORTING_KINDS]],
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("All statuses")),
            (AWAITING_REVIEW, _("Awaiting review")),
            *StatisticsReport.Status.choices,
            (NOT_STARTED, _("Not started")),
        ],
    )
    late = forms.BooleanField(label=_("Late only"), required=False)
    alerts = forms.BooleanField(label=_("Alerts only"), required=False)


class ReturnReportForm(forms.Form):
    """Head office sends a report back: a comment for the unit, and optionally one comment
    pinned to each indicator in question (one field per indicator, named by its code)."""

    # The indicator fields sit in the review table, outside the <form> element; HTML's
    # form="…" attribute ties them to it.
    form_id = "return-form"

    comment = forms.CharField(
        label=_("What should the unit change?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        for indicator in indicators:
            self.fields[indicator.code] = forms.CharField(
                label=_("Comment on %(code)s") % {"code": indicator.code},
                required=False,
                max_length=500,
                widget=forms.TextInput(
                    attrs={"form": self.form_id, "class": "form-control form-control-sm"}
                ),
            )

    @property
    def indicator_comments(self):
        """Indicator code → comment, for the indicators that got one."""
        return {
            indicator.code: self.cleaned_data[indicator.code]
            for indicator in self.indicators
            if self.cleaned_data.get(indicator.code)
        }


class ReopenReportForm(forms.Form):
    comment = forms.CharField(
        label=_("Why is it reopened?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


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


class ExcelUploadForm(forms.Form):
    """A filled-in Excel form; campaign.excel checks its content, whatever its name."""

    file = forms.FileField(
        label=_("Filled-in form (.xlsx)"),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )


# People (issue 6, item 7). What an account may be (a role for its organisation, a free login
# name) is campaign.services.people's rule; the view shows its refusal next to the field.


class PersonForm(forms.Form):
    """An account as an administrator sets it up. The login name is chosen once, at creation;
    the password never: the person sets it from the e-mailed link."""

    username = forms.CharField(
        label=_("Login name"),
        max_length=150,
        validators=[UnicodeUsernameValidator()],
        help_text=_("Letters, digits and @ . + - _ only; it cannot be changed later."),
    )
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    email = forms.EmailField(
        label=_("E-mail"), help_text=_("The password link and notifications are sent here.")
    )
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None)
    role = forms.ChoiceField(label=_("Role"))

    def __init__(self, *args, organisations, roles, person=None, **kwargs):
        if person is not None:
            kwargs.setdefault(
                "initial", {name: getattr(person, name) for name in PERSON_FORM_FIELDS}
            )
        super().__init__(*args, **kwargs)
        if person is not None:
            del self.fields["username"]
            # The person keeps their role even if the administrator may not grant it.
            roles = [*roles, *([person.role] if person.role not in roles else [])]
        self.fields["organisation"].queryset = organisations
        self.fields["role"].choices = [(r, User.Role(r).label) for r in User.Role if r in roles]
        for name in ("full_name", "phone"):
            self.fields[name].validators.append(validation.validate_one_line)


PERSON_FORM_FIELDS = ("full_name", "email", "phone", "organisation", "role")


class PersonSearchForm(forms.Form):
    ACTIVE_CHOICES = [("", _("Active and inactive")), ("yes", _("Active")), ("no", _("Inactive"))]

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=None, required=False, empty_label=_("All organisations")
    )
    role = forms.ChoiceField(
        label=_("Role"), required=False, choices=[("", _("All roles")), *User.Role.choices]
    )
    active = forms.ChoiceField(label=_("Status"), required=False, choices=ACTIVE_CHOICES)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations

    @property
    def filters(self):
        """The valid filters as keyword arguments of selectors.people_search."""
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "query": data.get("q", ""),
            "organisation": data.get("organisation"),
            "role": data.get("role", ""),
            "active": {"yes": True, "no": False}.get(data.get("active", "")),
        }


class PersonStatusForm(forms.Form):
    """Deactivating or re-activating an account: why, for its history."""

    reason = forms.CharField(label=_("Reason"), max_length=100, required=False)
