"""An entry of a 双十佳 list. The rules (a person's post, a counter's address, the list's ten
places) live in campaign.services.exemplars; the form reads the input, checks that a photo
is an image (campaign.services.photos) and shows the service's errors."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Exemplar, Organisation
from ..services.photos import PhotoRefused, check_photo

FIELDS = ("name", "company", "branch", "post", "address", "deeds")


class ExemplarForm(forms.ModelForm):
    """A new entry's region (``regions``: those the user may list in) and kind, or, with
    ``instance``, an entry's words (its region and kind stay)."""

    photo = forms.FileField(
        label=_("Photo"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
        help_text=_("Excellent service persons only; optional. JPEG or PNG, up to 10 MB."),
    )
    remove_photo = forms.BooleanField(label=_("Remove the photo"), required=False)

    class Meta:
        model = Exemplar
        fields = ("region", "kind", *FIELDS)
        widgets = {"deeds": forms.Textarea(attrs={"rows": 6})}
        help_texts = {
            "branch": _("The branch or sub-branch the entry belongs to, if not the head office."),
            "post": _("Excellent service persons: the person's post, e.g. claims adjuster."),
            "address": _("Quality service counters: where the counter is."),
        }

    def __init__(self, *args, regions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["company"].queryset = Organisation.objects.filter(
            kind=Organisation.Kind.INSURER, is_active=True
        ).order_by("position", "code")
        if self.instance.pk:
            del self.fields["region"], self.fields["kind"]
            if not self.instance.photo:
                del self.fields["remove_photo"]
        else:
            self.fields["region"].queryset = regions
            del self.fields["remove_photo"]
        if self.instance.pk and self.instance.kind == Exemplar.Kind.COUNTER:
            del self.fields["photo"], self.fields["post"]
        if self.instance.pk and self.instance.kind == Exemplar.Kind.PERSON:
            del self.fields["address"]

    def clean_photo(self):
        upload = self.cleaned_data.get("photo")
        if not upload:
            return None
        try:
            return check_photo(upload)
        except PhotoRefused as refusal:
            raise forms.ValidationError(str(refusal)) from None

    @property
    def entry_fields(self):
        """The words, as the services take them."""
        return {name: self.cleaned_data[name] for name in FIELDS if name in self.cleaned_data}
