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
