"""The activity log's forms: an event, a photo, the list's filters. The rules are the
service's (services.activities): the views show its errors next to the fields."""

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from portal.forms import FilterForm

from ..models import Activity
from ..services.activities import ACTIVITY_FIELDS

DATE_INPUT = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


class ActivityForm(forms.Form):
    """An event's fields as the model has them. A plain form rather than a ModelForm: the
    model's check that no insurance was sold would otherwise answer before the service's
    message does."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(
            forms.fields_for_model(
                Activity,
                fields=ACTIVITY_FIELDS,
                widgets={"held_on": DATE_INPUT, "description": forms.Textarea(attrs={"rows": 4})},
            )
        )
        self.fields["kind"].choices = Activity.Kind.choices
        confirmation = self.fields["no_insurance_sold"]
        confirmation.label = _("I confirm that no insurance was sold at this event")
        confirmation.help_text = _(
            "The notice: stress the public-welfare character of the events and avoid using "
            "them to sell insurance."
        )


class ActivityEditForm(ActivityForm):
    """An event's fields and when it was last saved, as the clerk opened it: a colleague's
    save in between is not overwritten unseen (services.activities.ActivityConflict)."""

    saved_at = forms.DateTimeField(widget=forms.HiddenInput, required=False)

    @classmethod
    def initial_for(cls, activity):
        fields = forms.model_to_dict(activity, fields=ACTIVITY_FIELDS)
        return {**fields, "saved_at": activity.updated_at}

    def with_saved_at(self, saved_at):
        """The same form, bound to what the clerk typed, now carrying ``saved_at``."""
        data = self.data.copy()
        data["saved_at"] = saved_at
        return type(self)(data)


class ActivityPhotoForm(forms.Form):
    photo = forms.FileField(
        label=_("Photo"),
        help_text=_("JPEG or PNG, at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
    )


class UnitFilterForm(FilterForm):
    """Filters with head office's choice of one unit (``?unit=beijing``) among ``units``;
    ``units`` None (a unit's own pages) leaves the choice out."""

    unit = forms.ModelChoiceField(
        label=_("Reporting unit"),
        required=False,
        queryset=None,
        to_field_name="code",
        empty_label=_("Every unit"),
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        unit = self.fields.pop("unit")  # shown after the subclass's own filters
        if units is not None:
            unit.queryset = units
            self.fields["unit"] = unit


class ActivityFilterForm(UnitFilterForm):
    """The list's filters; ``units``: the units head office may narrow the national log to."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("Every kind")), *Activity.Kind.choices]
    )
    date_from = forms.DateField(label=_("From"), required=False, widget=DATE_INPUT)
    date_to = forms.DateField(label=_("To"), required=False, widget=DATE_INPUT)

    @property
    def filters(self):
        """The valid filters as keyword arguments of selectors.activities.activity_list; a
        value that is not one of the choices is left out rather than refusing the page."""
        self.is_valid()
        data = self.cleaned_data
        return {
            "kind": data.get("kind", ""),
            "date_from": data.get("date_from"),
            "date_to": data.get("date_to"),
            "query": data.get("q", "").strip(),
            "unit": data.get("unit"),
        }

    @property
    def is_filtered(self):
        return any(value for key, value in self.data.items() if key != "page")


class MonthForm(UnitFilterForm):
    """The calendar's month (``?month=2013-03``), within ``season`` (the campaign's first and
    last day of events), and, for head office, its unit."""

    month = forms.DateField(
        label=_("Month"),
        required=False,
        input_formats=["%Y-%m"],
        widget=forms.DateInput(format="%Y-%m", attrs={"type": "month"}),
    )

    def __init__(self, *args, season, **kwargs):
        super().__init__(*args, **kwargs)
        self.season = season

    def clean_month(self):
        month = self.cleaned_data["month"]
        first, last = self.season
        if month is not None and not first.replace(day=1) <= month <= last:
            raise forms.ValidationError(
                _("Choose a month between %(first)s and %(last)s.")
                % {
                    "first": formats.date_format(first, "YEAR_MONTH_FORMAT"),
                    "last": formats.date_format(last, "YEAR_MONTH_FORMAT"),
                }
            )
        return month
