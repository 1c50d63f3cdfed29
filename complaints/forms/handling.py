"""The forms of a complaint's steps (one per step that asks for more than a note) and of an
incident's emergency-plan steps. The rules (a note where one is needed, the extension's
limit, the same bureau for a merge) live in the services; these forms only read the input."""

from django import forms
from django.http import Http404
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from campaign.models import Organisation, Region

from ..models import ClaimTimeline, Complaint, IncidentStep
from ..selectors.complaints import complaint_for
from ..services.workflow import TRANSITIONS


class StepForm(forms.Form):
    """A step with a note: required or not is the service's answer (TRANSITIONS.needs_note)."""

    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, action, user=None, **kwargs):
        # One page shows several of these: each field's id names its step.
        kwargs.setdefault("auto_id", f"id_{action}_%s")
        super().__init__(*args, **kwargs)
        self.action = action
        self.user = user
        if TRANSITIONS[action].is_public:
            # So that nothing meant for colleagues is written where the public reads it.
            self.fields["note"].help_text = _("Shown to the complainant on the tracking page")


class ForwardForm(StepForm):
    complexity = forms.ChoiceField(
        label=_("Case"),
        choices=Complaint.Complexity.choices,
        widget=forms.RadioSelect,
        help_text=_("A simple case is decided within 10 working days, others within 30 days."),
    )
    field_order = ["complexity", "note"]


class ExtendForm(StepForm):
    days = forms.IntegerField(label=_("Extension (days)"), min_value=1)
    field_order = ["days", "note"]


YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def _yes_no_unknown(value):
    return {"yes": True, "no": False}.get(value)


class CloseForm(StepForm):
    resolved = forms.TypedChoiceField(
        label=_("Resolved"),
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    consumer_satisfied = forms.TypedChoiceField(
        label=_("Complainant satisfied"),
        choices=[*YES_NO, ("unknown", _("Not known"))],
        coerce=_yes_no_unknown,
        widget=forms.RadioSelect,
    )
    field_order = ["resolved", "consumer_satisfied", "note"]


class RerouteForm(StepForm):
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.none(),
        help_text=_("The bureau covering this region handles the complaint from now on."),
    )
    field_order = ["region", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.filter(
            bureaus__kind=Organisation.Kind.BUREAU, bureaus__is_active=True
        ).distinct()


class MergeForm(StepForm):
    into = forms.CharField(
        label=_("Merge into complaint"),
        max_length=30,
        help_text=_("The reference of the complaint this one repeats, e.g. 12378-2013-00012345."),
    )
    field_order = ["into", "note"]

    def clean_into(self):
        try:
            return complaint_for(self.user, self.cleaned_data["into"])
        except Http404:
            raise forms.ValidationError(
                _("No complaint with this reference is open to you.")
            ) from None


class ClaimTimelineForm(forms.Form):
    """The claim's four times, each optional (not known, or not happened yet); their order and
    that none is in the future are record_claim_timeline's rules."""

    def __init__(self, *args, timeline=None, **kwargs):
        kwargs.setdefault("auto_id", "id_claim_%s")
        super().__init__(*args, **kwargs)
        for field in ClaimTimeline.MOMENTS:
            self.fields[field] = forms.DateTimeField(
                label=capfirst(ClaimTimeline._meta.get_field(field).verbose_name),
                required=False,
                initial=getattr(timeline, field, None),
                widget=forms.DateTimeInput(
                    format="%Y-%m-%dT%H:%M", attrs={"type": "datetime-local"}
                ),
            )


class IncidentStepForm(forms.Form):
    step = forms.ChoiceField(
        label=_("Step done"),
        # The alert is recorded when the incident opens.
        choices=[
            choice
            for choice in IncidentStep.Step.choices
            if choice[0] != IncidentStep.Step.HEAD_OFFICE_ALERTED
        ],
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )
