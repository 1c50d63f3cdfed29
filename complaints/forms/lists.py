"""The complaint list's filters, read from the page's address."""

import datetime

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from portal.forms import FilterForm, company_filter

from ..models import Category, Complaint

# Days the list's filter takes: the calendar's first and last days have no room for the day
# after (the end of a range) or for the time zone (0001-01-01 in Beijing is in year 0 in UTC).
DAYS_IN_RANGE = [
    MinValueValidator(datetime.date(1900, 1, 1)),
    MaxValueValidator(datetime.date(9998, 12, 31)),
]


class ComplaintFilterForm(FilterForm):
    """``companies`` and ``bureaus``: the organisations the user may filter by, or None to
    leave the filter out (selectors.lists.filter_choices_for)."""

    q = forms.CharField(label=_("Reference"), required=False, max_length=40)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("open", _("Not finished")),
            ("all", _("Every status")),
            *Complaint.Status.choices,
        ],
    )
    deadline = forms.ChoiceField(
        label=_("Deadline"),
        required=False,
        choices=[
            ("", _("Any deadline")),
            ("overdue", _("Overdue")),
            # selectors.lists.NEARLY_DUE_DAYS
            ("nearly_due", _("Due within 3 days")),
        ],
    )
    channel = forms.ChoiceField(
        label=_("Channel"),
        required=False,
        choices=[("", _("Every channel")), *Complaint.Channel.choices],
    )
    category = forms.ModelChoiceField(
        label=_("Category"),
        required=False,
        queryset=Category.objects.all(),
        to_field_name="code",
        empty_label=_("Every category"),
    )
    company = company_filter()
    bureau = forms.ModelChoiceField(
        label=_("Bureau"),
        required=False,
        queryset=None,
        to_field_name="code",
        empty_label=_("Every bureau"),
    )
    received_from = forms.DateField(
        label=_("Received from"),
        required=False,
        validators=DAYS_IN_RANGE,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    received_to = forms.DateField(
        label=_("Received to"),
        required=False,
        validators=DAYS_IN_RANGE,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )

    def __init__(self, *args, companies, bureaus, **kwargs):
        super().__init__(*args, **kwargs)
        for name, organisations in (("company", companies), ("bureau", bureaus)):
            if organisations is None:
                del self.fields[name]
            else:
                self.fields[name].queryset = organisations

    @property
    def filters(self):
        """The valid filters as keyword arguments of selectors.lists.complaint_list; a
        value that is not one of the choices is left out rather than refusing the page."""
        self.is_valid()
        data = self.cleaned_data
        return {
            "status": data.get("status") or "open",
            "deadline": data.get("deadline", ""),
            "channel": data.get("channel", ""),
            "category": data.get("category"),
            "company": data.get("company"),
            "bureau": data.get("bureau"),
            "received_from": data.get("received_from"),
            "received_to": data.get("received_to"),
            "reference": data.get("q", "").strip(),
        }

    @property
    def is_filtered(self):
        """Whether anything but the default (every unfinished complaint) is asked for."""
        return any(value for key, value in self.data.items() if key not in ("page", "status")) or (
            self.data.get("status", "open") != "open"
        )
