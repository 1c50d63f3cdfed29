"""The staff pages' forms: a draft commitment, the steps that ask for words, and the lists'
filters. The rules (a time limit the kind allows, the law's floor, a reason to withdraw)
live in the services; these forms only read the input and show the services' errors."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from campaign.models import ProductLine, Region
from portal.forms import FilterForm, company_filter

from ..models import CommitmentKind, Stage, Unit

TIME_FORMAT = "%H:%M"


class CommitmentForm(forms.Form):
    """A draft's fields. ``kind``: the draft's kind once it exists (it is not changed then:
    a commitment of another kind is another commitment)."""

    kind = forms.ModelChoiceField(label=_("Kind"), queryset=CommitmentKind.objects.all())
    text = forms.CharField(
        label=_("What the company promises"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    limit_value = forms.IntegerField(
        label=pgettext_lazy("commitment", "Time limit"), required=False, min_value=1
    )
    limit_unit = forms.ChoiceField(
        label=_("Unit"), required=False, choices=[("", "---------"), *Unit.choices]
    )
    window_start = forms.TimeField(
        label=_("Calls from"),
        required=False,
        widget=forms.TimeInput(format=TIME_FORMAT, attrs={"type": "time"}),
    )
    window_end = forms.TimeField(
        label=_("Calls until"),
        required=False,
        widget=forms.TimeInput(format=TIME_FORMAT, attrs={"type": "time"}),
    )
    product_line = forms.ModelChoiceField(
        label=_("Product line"),
        required=False,
        queryset=ProductLine.objects.all(),
        empty_label=_("Every product line"),
    )
    region = forms.ModelChoiceField(
        label=_("Region"),
        required=False,
        queryset=Region.objects.all(),
        empty_label=_("Nationwide"),
    )
    loosening_reason = forms.CharField(
        label=_("Reason for a weaker promise than last year's"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Published with the commitment."),
    )

    def __init__(self, *args, kind=None, **kwargs):
        super().__init__(*args, **kwargs)
        kinds = list(CommitmentKind.objects.all())
        self.kinds = kinds
        if kind is not None:
            self.fields["kind"].initial = kind
            self.fields["kind"].disabled = True
            self.fields["limit_unit"].choices = [
                ("", "---------"),
                *((unit, Unit(unit).label) for unit in kind.units),
            ]
        self.fields["kind"].choices = [
            ("", "---------"),
            *(
                (stage.label, [(k.pk, k.name) for k in kinds if k.stage == stage])
                for stage in Stage
            ),
        ]
        self.fields["kind"].widget.attrs["data-commitment-kind"] = ""

    @property
    def kind_limits(self):
        """For the page's script: each kind's limit and units (the server decides anyway)."""
        return {kind.pk: {"limit": kind.limit, "units": kind.units} for kind in self.kinds}

    @property
    def draft_fields(self):
        """The cleaned fields as the services take them (without the kind)."""
        data = dict(self.cleaned_data)
        data.pop("kind")
        data["limit_unit"] = data["limit_unit"] or ""
        return data


class StepForm(forms.Form):
    """A step that asks for nothing but the click (publish, amend)."""

    def __init__(self, *args, action, **kwargs):
        # One page shows several of these: each field's id names its step.
        kwargs.setdefault("auto_id", f"id_{action}_%s")
        super().__init__(*args, **kwargs)
        self.action = action


class WithdrawForm(StepForm):
    # Required or not is the service's answer: it refuses a blank reason beside this field.
    reason = forms.CharField(
        label=_("Reason for withdrawing"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Published with the withdrawn commitment."),
    )


class RemarkForm(StepForm):
    text = forms.CharField(
        label=_("Remark"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The company's people are told."),
    )


class CommitmentFilterForm(FilterForm):
    """The lists' filters, read from the page's address: the year, and for the review list
    a company's name and (``companies``, head office's) a company; None leaves one out."""

    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int)
    q = forms.CharField(label=_("Company name"), required=False, max_length=100)
    company = company_filter()

    def __init__(self, *args, years, companies=None, searchable=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, year) for year in years]
        if not searchable:
            del self.fields["q"]
        if companies is None:
            del self.fields["company"]
        else:
            self.fields["company"].queryset = companies

    @property
    def filters(self):
        """The valid filters; a value that is not one of the choices is left out."""
        self.is_valid()
        data = self.cleaned_data
        return {
            "year": data.get("year"),
            "company": data.get("company"),
            "search": (data.get("q") or "").strip(),
        }
