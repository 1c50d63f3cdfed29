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
