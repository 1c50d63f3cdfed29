"""The forms of the national report's pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Reminder
from .services.summaries import MAX_SUMMARY_CHARS


class ReminderFilterForm(forms.Form):
    """The filters above the log of reminders: kind, and one unit (among those reminded)."""

    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *Reminder.Kind.choices]
    )
    unit = forms.ChoiceField(label=_("Reporting unit"), required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", _("All units")), *[(u.code, u.name) for u in units]]


class SummaryForm(forms.Form):
    """Head office's text of the summary and the draft version it was based on."""

    html = forms.CharField(
        label=_("Text of the summary"),
        max_length=MAX_SUMMARY_CHARS,
        widget=forms.Textarea(attrs={"rows": 24, "class": "form-control", "lang": "zh-Hans"}),
        error_messages={
            "required": _("The summary cannot be empty."),
            "max_length": _(
                "The text is too long to save (at most %(limit_value)s characters, it has "
                "%(show_value)s). Remove pasted images or split off annexes."
            ),
        },
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class SummaryStepForm(forms.Form):
    """Marking the summary final or taking a newer build's text: the draft version read."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
