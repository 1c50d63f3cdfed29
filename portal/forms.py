from django import forms
from django.contrib.auth import forms as auth_forms
from django.utils.translation import gettext_lazy as _


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    """Django's form, refusing a "change" that keeps the same password."""

    def clean(self):
        cleaned = super().clean()
        old = cleaned.get("old_password")  # present only when it was the right one
        if old and cleaned.get("new_password1") == old:
            self.add_error("new_password1", _("The new password must differ from the old one."))
        return cleaned


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's form, sending no link to the people of an organisation head office has
    deactivated: they may not work in the portal, as access.organisation_kind says."""

    def get_users(self, email):
        return (
            user
            for user in super().get_users(email)
            if user.organisation_id is None or user.organisation.is_active
        )


class FilterForm(forms.Form):
    """A list's filters, read from the page's address (GET) and shown in the list's compact
    filter card: every field's widget in Bootstrap's small size."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            select = isinstance(field.widget, forms.Select)
            field.widget.attrs["class"] = (
                "form-select form-select-sm" if select else "form-control form-control-sm"
            )


def company_filter():
    """A list's filter by insurer, read by its code (``?company=picc``); the form sets the
    queryset to the companies the user may choose from."""
    return forms.ModelChoiceField(
        label=_("Company"),
        required=False,
        queryset=None,
        to_field_name="code",
        empty_label=_("Every company"),
    )
