"""A media report's fields and head office's filter of the national list. The rules (an
open campaign, no future date, a web link) live in campaign.services.media_reports."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import MediaReport
from .activities import UnitFilterForm


class MediaReportForm(forms.ModelForm):
    url = forms.URLField(
        label=_("Link"),
        required=False,
        max_length=500,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )

    class Meta:
        model = MediaReport
        fields = ("kind", "title", "outlet", "published_on", "url")
        widgets = {
            "published_on": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        }


class MediaReportFilterForm(UnitFilterForm):
    """Head office's choice of one unit; ``units``: those with reports."""

    @property
    def chosen_unit(self):
        return self.cleaned_data.get("unit") if self.is_valid() else None
