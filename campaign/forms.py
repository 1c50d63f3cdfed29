from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Organisation, Region


class OrganisationForm(forms.ModelForm):
    """Head office's form for the organisations that use the portal."""

    class Meta:
        model = Organisation
        fields = ["kind", "code", "name_zh", "name_en", "regions", "is_active"]
        widgets = {"regions": forms.SelectMultiple(attrs={"size": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Head office itself is reference data, managed in the admin only.
        self.fields["kind"].choices = [
            choice
            for choice in Organisation.Kind.choices
            if choice[0] != Organisation.Kind.HEAD_OFFICE
        ]
        self.fields["regions"].queryset = Region.objects.select_related("parent")

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        regions = cleaned.get("regions") or []
        if kind == Organisation.Kind.BUREAU and not regions:
            self.add_error(
                "regions", _("A regional bureau must cover at least one province or city.")
            )
        if kind and kind != Organisation.Kind.BUREAU and regions:
            self.add_error("regions", _("Only a regional bureau covers regions."))
        if kind == Organisation.Kind.BUREAU and regions:
            taken = (
                Organisation.objects.filter(
                    kind=Organisation.Kind.BUREAU, is_active=True, regions__in=regions
                )
                .exclude(pk=self.instance.pk)
                .distinct()
            )
            if cleaned.get("is_active") and taken:
                self.add_error(
                    "regions",
                    _("Already covered by %(names)s.")
                    % {"names": "、".join(str(o) for o in taken)},
                )
        return cleaned


class OrganisationSearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *Organisation.Kind.choices]
    )
