from django import forms
from django.utils.translation import gettext_lazy as _

from .. import validation
from ..models import Organisation, StatisticsReport
from ..selectors.review import AWAITING_REVIEW, NOT_STARTED


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
