from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Reminder


class ReminderFilterForm(forms.Form):
    """The filters above the log of reminders: kind, and one unit (among those reminded)."""

    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *Reminder.Kind.choices]
    )
    unit = forms.ChoiceField(label=_("Reporting unit"), required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", _("All units")), *[(u.code, u.name) for u in units]]
