"""The public's forms: filing a complaint on the web (no login) and tracking it."""

import time

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from campaign.models import Organisation, ProductLine, Region

from ..models import Category, parse_reference
from ..services.attachments import ALLOWED, MAX_SIZE
from ..services.intake import MAX_COMPLAINANTS
from ..services.web import MAX_WEB_ATTACHMENTS

# The spam guard: a person takes more than a few seconds to fill the form in, and a form left
# open for hours is sent again from a fresh page rather than trusted.
STARTED_SALT = "complaints.public.started"
QUICKEST_SECONDS = 3
OLDEST_SECONDS = 2 * 60 * 60


def started_token(at=None):
    """The signed time the form was shown at (now unless ``at``, seconds since the epoch)."""
    return signing.dumps(int(time.time() if at is None else at), salt=STARTED_SALT)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input (Django's documented recipe); cleans to a list."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        clean_one = super().clean
        if isinstance(data, list | tuple):
            return [clean_one(item, initial) for item in data]
        return [clean_one(data, initial)] if data else []


def _grouped(rows, group_of, empty_label):
    """Choices in <optgroup>s: [("", empty_label), (group, [(value, label), …]), …]."""
    groups = {}
    for value, label, row in rows:
        groups.setdefault(group_of(row), []).append((value, label))
    return [("", empty_label), *groups.items()]


class ComplaintForm(forms.Form):
    """A consumer's complaint, named as register_complaint's arguments are, so the service's
    refusals land next to their fields; plus the spam guard (a honeypot and the signed time
    the form was shown at), which the template renders itself, out of sight."""

    complainant_name = forms.CharField(
        label=_("Your name"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    complainant_phone = forms.CharField(
        label=_("Mobile or phone number"),
        max_length=30,
        help_text=_(
            "The bureau calls you on it. With your reference, its last 4 digits let you "
            "track your complaint."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel", "type": "tel"}),
    )
    complainant_id_number = forms.CharField(
        label=_("ID card number"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    complainant_address = forms.CharField(
        label=_("Postal address"),
        max_length=300,
        required=False,
        help_text=_("For a reply by letter."),
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    province = forms.ModelChoiceField(
        label=_("Province (region, municipality)"),
        queryset=Region.objects.filter(parent=None),
        to_field_name="code",
        empty_label=_("Choose"),
    )
    city = forms.ModelChoiceField(
        label=_("City"),
        queryset=Region.objects.filter(parent__isnull=False).select_related("parent"),
        to_field_name="code",
        required=False,
        help_text=_(
            "Dalian, Ningbo, Xiamen, Qingdao and Shenzhen have bureaus of their own: choose "
            "yours if you live there."
        ),
    )
    company = forms.ModelChoiceField(
        label=_("Insurance company complained about"),
        queryset=Organisation.objects.filter(kind=Organisation.Kind.INSURER, is_active=True),
        to_field_name="code",
        empty_label=_("Choose"),
    )
    company_branch = forms.CharField(
        label=_("Branch"),
        max_length=200,
        required=False,
        help_text=_("The branch or sales office you dealt with, if you know it."),
    )
    category = forms.ModelChoiceField(
        label=_("What the complaint is about"),
        queryset=Category.objects.all(),
        to_field_name="code",
        empty_label=_("Choose"),
    )
    product_line = forms.ModelChoiceField(
        label=_("Kind of insurance"),
        queryset=ProductLine.objects.all(),
        to_field_name="code",
    )
    description = forms.CharField(
        label=_("What happened"),
        max_length=5000,
        help_text=_("When, with whom, what you were told or promised, and what happened."),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    amount_in_dispute = forms.DecimalField(
        label=_("Amount in dispute (yuan)"),
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
    )
    request = forms.CharField(
        label=_("What you ask for"),
        max_length=2000,
        help_text=_("For example: pay the claim, refund the premium, stop the calls."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    complainant_count = forms.IntegerField(
        label=_("Number of complainants"),
        min_value=1,
        max_value=MAX_COMPLAINANTS,
        initial=1,
        help_text=_("More than 1 if you complain together with others."),
    )
    attachments = MultipleFileField(
        label=_("Attachments"),
        required=False,
        widget=MultipleFileInput(
            attrs={"accept": ",".join(sorted({".pdf", ".jpg", ".jpeg", ".png", *ALLOWED.values()}))}
        ),
    )
    # The spam guard's fields (rendered by the template, not by crispy).
    leave_empty = forms.CharField(label=_("Leave this field empty"), required=False)
    started = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Filled in here, in the reader's language (a class attribute would be translated once).
        self.fields["attachments"].help_text = _(
            "Up to %(count)s files (policy, receipts, letters): PDF, JPEG or PNG, at most "
            "%(size)s MB each."
        ) % {"count": MAX_WEB_ATTACHMENTS, "size": MAX_SIZE // (1024 * 1024)}
        self.fields["city"].choices = _grouped(
            ((city.code, city.name, city) for city in self.fields["city"].queryset),
            lambda city: city.parent.name,
            _("Another city"),
        )
        self.fields["product_line"].choices = _grouped(
            ((line.code, line.name, line) for line in self.fields["product_line"].queryset),
            lambda line: line.get_branch_display(),
            _("Choose"),
        )

    @property
    def fresh_started_token(self):
        """Each rendering starts the clock again, also when the form comes back with errors."""
        return started_token()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("leave_empty"):
            raise ValidationError(
                _("Your complaint could not be sent. Please send it again, or call 12378."),
                code="honeypot",
            )
        self._check_time_taken(cleaned.get("started", ""))
        province, city = cleaned.get("province"), cleaned.get("city")
        if province and city and city.parent_id != province.pk:
            self.add_error(
                "city",
                _("%(city)s is not in %(province)s.")
                % {"city": city.name, "province": province.name},
            )
        return cleaned

    def _check_time_taken(self, token):
        try:
            started = signing.loads(token, salt=STARTED_SALT)
        except signing.BadSignature:
            raise ValidationError(
                _("Your complaint could not be sent. Please send it again, or call 12378."),
                code="no_start",
            ) from None
        taken = time.time() - started
        if taken < QUICKEST_SECONDS:
            raise ValidationError(
                _("The form was sent too quickly. Please check it and send it again."),
                code="too_fast",
            )
        if taken > OLDEST_SECONDS:
            raise ValidationError(
                _(
                    "The form was open for more than 2 hours. Please check what you entered "
                    "and send it again."
                ),
                code="too_old",
            )

    def complaint_fields(self):
        """register_complaint's arguments from the cleaned form (the service routes by the
        Chinese names of the province and city)."""
        data = self.cleaned_data
        city = data.get("city")
        return {
            "complainant_name": data["complainant_name"],
            "complainant_phone": data["complainant_phone"],
            "complainant_id_number": data["complainant_id_number"],
            "complainant_address": data["complainant_address"],
            "province": data["province"].name_zh,
            "city": city.name_zh if city else "",
            "company": data["company"],
            "company_branch": data["company_branch"],
            "category": data["category"],
            "product_line": data["product_line"],
            "description": data["description"],
            "amount_in_dispute": data["amount_in_dispute"],
            "request": data["request"],
            "complainant_count": data["complainant_count"],
        }


class TrackingForm(forms.Form):
    reference = forms.CharField(
        label=_("Complaint reference"),
        max_length=40,
        widget=forms.TextInput(
            attrs={
                "placeholder": "12378-2013-00012345",
                "autocomplete": "off",
                "spellcheck": "false",
            }
        ),
    )
    phone_last_digits = forms.RegexField(
        label=_("Last 4 digits of your phone number"),
        regex=r"^\d{4}$",
        error_messages={"invalid": _("Enter the last 4 digits of the number you gave.")},
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "off", "maxlength": "4", "size": "6"}
        ),
    )

    def clean_reference(self):
        reference = "".join(self.cleaned_data["reference"].split())
        if parse_reference(reference) is None:
            raise ValidationError(
                _("Enter the reference as it was given to you, e.g. 12378-2013-00012345.")
            )
        return reference
