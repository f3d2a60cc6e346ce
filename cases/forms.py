"""Forms for case files: Danish labels come from the models; validation lives there."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.models import (
    Action,
    Goal,
    Household,
    HouseholdStatus,
    InvolvedParty,
    JournalCategory,
    Person,
)
from cases.selectors import coordinators_for


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def _date_widgets(names):
    return {name: DateInput() for name in names}


class CoordinatorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


class HouseholdForm(forms.ModelForm):
    class Meta:
        model = Household
        fields = ["status", "allocation_decided_on", "takeover_on", "arrived_on", "address",
                  "primary_language", "interpreter_needed"]
        widgets = _date_widgets(["allocation_decided_on", "takeover_on", "arrived_on"])


class NewHouseholdForm(HouseholdForm):
    coordinator = CoordinatorChoiceField(
        label=_("Tovholder"), queryset=None, required=False,
        help_text=_("Lad feltet stå tomt, så venter familien på teamlederens tildeling."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coordinator"].queryset = coordinators_for(user)
        self.fields["status"].choices = [
            (value, label) for value, label in HouseholdStatus.choices
            if value in (HouseholdStatus.EXPECTED, HouseholdStatus.ACTIVE)
        ]


class PlanForm(forms.ModelForm):
    class Meta:
        model = Household
        fields = ["plan_agreed_on", "plan_next_review_on", "contract_signed_on",
                  "danish_education_offered_on", "first_company_offer_on"]
        widgets = _date_widgets(fields)

    def clean(self):
        cleaned = super().clean()
        agreed, review = cleaned.get("plan_agreed_on"), cleaned.get("plan_next_review_on")
        if agreed and review and review < agreed:
            self.add_error("plan_next_review_on",
                           _("Næste opfølgning kan ikke ligge før planen blev aftalt."))
        return cleaned


class AssignForm(forms.Form):
    coordinator = CoordinatorChoiceField(label=_("Ny tovholder"), queryset=None)
    reason = forms.CharField(
        label=_("Begrundelse"), max_length=500,
        help_text=_("Fx sagsmængde, sprog eller kontinuitet for familien."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coordinator"].queryset = coordinators_for(user)


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = ["first_name", "last_name", "cpr", "birth_date", "sex", "relation",
                  "residence_ground", "country_of_origin", "languages",
                  "danish_education_status", "danish_module", "occupation_status",
                  "occupation_since"]
        widgets = _date_widgets(["birth_date", "occupation_since"])


class PartyForm(forms.ModelForm):
    class Meta:
        model = InvolvedParty
        fields = ["kind", "organisation", "contact_name", "role", "phone", "email",
                  "active_from", "active_to", "concerns"]
        widgets = {**_date_widgets(["active_from", "active_to"]),
                   "concerns": forms.CheckboxSelectMultiple}

    def __init__(self, *args, persons, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["concerns"].queryset = persons

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("active_from"), cleaned.get("active_to")
        if start and end and end < start:
            self.add_error("active_to", _("Slutdatoen kan ikke ligge før startdatoen."))
        return cleaned


class JournalNoteForm(forms.Form):
    category = forms.ChoiceField(label=_("Kategori"), choices=JournalCategory.choices)
    occurred_on = forms.DateField(label=_("Dato"), widget=DateInput())
    person = forms.ModelChoiceField(label=_("Om person"), queryset=None, required=False)
    text = forms.CharField(label=_("Notat"), max_length=10000, widget=forms.Textarea)

    def __init__(self, *args, persons, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = persons


class GoalForm(forms.ModelForm):
    class Meta:
        model = Goal
        fields = ["domain", "description"]


class ActionForm(forms.ModelForm):
    class Meta:
        model = Action
        fields = ["description", "responsible_party", "deadline", "status", "outcome"]
        widgets = {"deadline": DateInput(), "outcome": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, parties, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible_party"].queryset = parties
        self.fields["responsible_party"].empty_label = _("Tovholderen")
