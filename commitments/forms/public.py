"""The public pages' search and choices, read from the page's address (GET)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from campaign.models import Region
from portal.forms import FilterForm, company_filter

from ..models import Stage


class CommitmentSearchForm(FilterForm):
    """``companies`` and ``kinds``: the choices (selectors.public)."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    company = company_filter()
    stage = forms.ChoiceField(
        label=_("Stage"), required=False, choices=[("", _("Every stage")), *Stage.choices]
    )
    kind = forms.ModelChoiceField(
        label=_("Kind of commitment"),
        required=False,
        queryset=None,
        to_field_name="code",
        empty_label=_("Every kind"),
    )
    region = forms.ModelChoiceField(
        label=_("Region"),
        required=False,
        queryset=Region.objects.all(),
        to_field_name="code",
        empty_label=_("Anywhere"),
        help_text=_("Nationwide commitments apply in every region."),
    )

    def __init__(self, *args, companies, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["company"].queryset = companies
        self.fields["kind"].queryset = kinds
        # Read once, without counting first (as list() or a template loop would): the page
        # writes the options itself.
        for name in ("company", "kind", "region"):
            self.fields[name].choices = [choice for choice in self.fields[name].choices]
        self.fields["q"].widget.attrs["placeholder"] = _("Company name or words of the promise")

    @property
    def filters(self):
        """The selector's keyword arguments; a value that does not validate is ignored, so an
        old or mistyped address still lists something."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {name: data[name] for name in self.fields if data.get(name) not in (None, "")}

    @property
    def is_filtered(self):
        return bool(self.filters)


class CompareForm(forms.Form):
    """``companies`` and ``kinds``: the lists to choose from (selectors.public), read once and
    offered by code."""

    company = forms.MultipleChoiceField(
        label=_("Companies"), required=False, widget=forms.CheckboxSelectMultiple
    )
    kind = forms.MultipleChoiceField(
        label=_("Kinds of commitment"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, companies, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.offered = {"company": list(companies), "kind": list(kinds)}
        for name, objects in self.offered.items():
            self.fields[name].choices = [(item.code, item.name) for item in objects]

    def chosen(self):
        """(companies, kinds) chosen, in the lists' order. A code not offered is left out
        rather than refused: the address may be an old bookmark."""
        chosen = []
        for name, objects in self.offered.items():
            codes = set(self.data.getlist(name))
            chosen.append([item for item in objects if item.code in codes])
        return tuple(chosen)
