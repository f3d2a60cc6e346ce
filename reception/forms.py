"""Forms for reception; labels and rules come from the models."""

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from cases.forms import CoordinatorChoiceField, DateInput
from cases.models import InvolvedParty, Person
from cases.selectors import coordinators_for
from reception.models import (
    Allocation,
    HousingPlacement,
    InterpreterBooking,
    PlanTask,
    Screening,
    TemplateStep,
)

ALLOCATION_FIELDS = [
    "decided_on", "asylum_centre", "expected_arrival_on", "household_size", "special_needs",
    "quota_refugee", "cpr_registered_on", "consent_takeover_on", "handover_received_on",
    "handover_education", "handover_work_experience", "handover_family", "handover_network",
    "health_consent", "handover_health_needs",
]
ALLOCATION_DATES = ["decided_on", "expected_arrival_on", "cpr_registered_on",
                    "consent_takeover_on", "handover_received_on"]


def _dates(names):
    return {name: DateInput() for name in names}


def _short_text(names):
    return {name: forms.Textarea(attrs={"rows": 2}) for name in names}


class AllocationForm(forms.ModelForm):
    primary_language = forms.CharField(
        label=_("primært sprog"), max_length=60, required=False,
        help_text=_("Fx arabisk, dari, ukrainsk. Udfyldt betyder behov for tolk."),
    )

    class Meta:
        model = Allocation
        fields = ALLOCATION_FIELDS
        widgets = {**_dates(ALLOCATION_DATES), **_short_text(
            ["special_needs", "handover_education", "handover_work_experience",
             "handover_family", "handover_network", "handover_health_needs"])}


class AllocationUpdateForm(forms.ModelForm):
    arrived_on = forms.DateField(label=_("faktisk ankomst"), required=False, widget=DateInput())

    class Meta(AllocationForm.Meta):
        pass


class CoordinatorFilterForm(forms.Form):
    vis = forms.CharField(required=False, widget=forms.HiddenInput)
    tovholder = CoordinatorChoiceField(queryset=None, required=False, label=_("Medarbejder"),
                                       empty_label=_("Hele kommunen"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tovholder"].queryset = coordinators_for(user)


class TaskForm(forms.ModelForm):
    class Meta:
        model = PlanTask
        fields = ["status", "completed_on", "not_relevant_reason", "responsible_user",
                  "responsible_party", "note"]
        widgets = {"completed_on": DateInput(), "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible_user"] = CoordinatorChoiceField(
            queryset=coordinators_for(user), required=False,
            label=_("ansvarlig medarbejder"), help_text=_("Tom betyder husstandens tovholder."),
        )
        self.fields["responsible_party"].queryset = InvolvedParty.objects.editable_by(
            user).filter(household=self.instance.household_id)


class BookingForm(forms.ModelForm):
    class Meta:
        model = InterpreterBooking
        fields = ["person", "language", "dialect", "starts_at", "duration_minutes", "mode",
                  "purpose", "agency", "interpreter_name", "status", "rating",
                  "rating_comment"]
        widgets = {
            "starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"},
                                             format="%Y-%m-%dT%H:%M"),
            "rating_comment": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, user, household, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.household = household
        self.fields["person"].queryset = Person.objects.editable_by(user).filter(
            household=household)


class HousingForm(forms.ModelForm):
    class Meta:
        model = HousingPlacement
        fields = ["kind", "address", "housing_type", "moved_in_on", "moved_out_on"]
        widgets = _dates(["moved_in_on", "moved_out_on"])


class ScreeningForm(forms.ModelForm):
    class Meta:
        model = Screening
        fields = ["done_on", "education", "work_experience", "languages", "health_consent",
                  "health", "childcare_needs", "resources", "barriers"]
        widgets = {"done_on": DateInput(), **_short_text(
            ["education", "work_experience", "languages", "health", "childcare_needs",
             "resources", "barriers"])}


class StepForm(forms.ModelForm):
    class Meta:
        model = TemplateStep
        fields = ["position", "title", "description", "responsible_role", "anchor", "offset",
                  "unit", "applies_to", "key"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


StepFormSet = formset_factory(StepForm, extra=1, can_delete=True)
