from django import forms
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.utils.translation import gettext_lazy as _

from .. import validation
from ..models import User


class PersonForm(forms.Form):
    """An account as an administrator sets it up. The login name is chosen once, at creation;
    the password never: the person sets it from the e-mailed link."""

    username = forms.CharField(
        label=_("Login name"),
        max_length=150,
        validators=[UnicodeUsernameValidator()],
        help_text=_("Letters, digits and @ . + - _ only; it cannot be changed later."),
    )
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    email = forms.EmailField(
        label=_("E-mail"), help_text=_("The password link and notifications are sent here.")
    )
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None)
    role = forms.ChoiceField(label=_("Role"))

    def __init__(self, *args, organisations, roles, person=None, **kwargs):
        if person is not None:
            kwargs.setdefault(
                "initial", {name: getattr(person, name) for name in PERSON_FORM_FIELDS}
            )
        super().__init__(*args, **kwargs)
        if person is not None:
            del self.fields["username"]
            # The person keeps their role even if the administrator may not grant it.
            roles = [*roles, *([person.role] if person.role not in roles else [])]
        self.fields["organisation"].queryset = organisations
        self.fields["role"].choices = [(r, User.Role(r).label) for r in User.Role if r in roles]
        for name in ("full_name", "phone"):
            self.fields[name].validators.append(validation.validate_one_line)


PERSON_FORM_FIELDS = ("full_name", "email", "phone", "organisation", "role")


class PersonSearchForm(forms.Form):
    ACTIVE_CHOICES = [("", _("Active and inactive")), ("yes", _("Active")), ("no", _("Inactive"))]

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=None, required=False, empty_label=_("All organisations")
    )
    role = forms.ChoiceField(
        label=_("Role"), required=False, choices=[("", _("All roles")), *User.Role.choices]
    )
    active = forms.ChoiceField(label=_("Status"), required=False, choices=ACTIVE_CHOICES)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations

    @property
    def filters(self):
        """The valid filters as keyword arguments of selectors.people_search."""
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "query": data.get("q", ""),
            "organisation": data.get("organisation"),
            "role": data.get("role", ""),
            "active": {"yes": True, "no": False}.get(data.get("active", "")),
        }


class PersonStatusForm(forms.Form):
    """Deactivating or re-activating an account: why, for its history."""

    reason = forms.CharField(label=_("Reason"), max_length=100, required=False)
