from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .. import validation
from ..models import Organisation, Region
from ..services import organisations as organisation_services


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
