"""Forms for networks. Labels come from the models; rules live on the models and in
the services, so a form only gathers input."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.forms import CoordinatorChoiceField, DateInput
from cases.selectors import coordinators_for
from integration_portal.models import Municipality, Region
from networks.models import (
    CaseShare,
    LegalBasis,
    Meeting,
    Network,
    Post,
    Solution,
    SolutionAttachment,
    TargetGroup,
    Theme,
)
from networks.models.sharing import PART_LABELS


def other_municipalities(user):
    return Municipality.objects.exclude(pk=user.municipality_id)


class ShareForm(forms.ModelForm):
    parts = forms.MultipleChoiceField(
        label=_("Hvad deles"), widget=forms.CheckboxSelectMultiple,
        choices=list(PART_LABELS.items()), initial=["basic"],
        help_text=_("Grunddata deles altid. Del kun det, formålet kræver."),
    )

    class Meta:
        model = CaseShare
        fields = ["to_municipality", "purpose", "legal_basis", "consent_given_on",
                  "consented_persons", "consent_text", "legal_provision", "expires_on"]
        widgets = {"consent_given_on": DateInput(), "expires_on": DateInput(),
                   "legal_basis": forms.RadioSelect,
                   "consented_persons": forms.CheckboxSelectMultiple}

    def __init__(self, *args, user, persons, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_municipality"].queryset = other_municipalities(user)
        self.fields["consented_persons"].queryset = persons
        self.fields["legal_basis"].choices = LegalBasis.choices

    def clean(self):
        data = super().clean()
        if data.get("legal_basis") == LegalBasis.CONSENT:
            if not data.get("consent_given_on"):
                self.add_error("consent_given_on", _("Angiv hvornår samtykket blev givet."))
            if not data.get("consented_persons"):
                self.add_error("consented_persons",
                               _("Angiv hvem i husstanden der har givet samtykke."))
            if not data.get("consent_text", "").strip():
                self.add_error("consent_text",
                               _("Beskriv hvad borgerne har givet samtykke til."))
        elif (data.get("legal_basis") == LegalBasis.PROVISION
              and not data.get("legal_provision", "").strip()):
            self.add_error("legal_provision",
                           _("Angiv den lovbestemmelse, delingen sker efter."))
        return data

    def _post_clean(self):
        # The model's clean() needs from_municipality, which the service sets;
        # the service validates the whole row again before saving.
        pass


class EndShareForm(forms.Form):
    consent_withdrawn = forms.BooleanField(
        label=_("Borgeren har trukket sit samtykke tilbage"), required=False,
    )


class TransferForm(forms.Form):
    to_municipality = forms.ModelChoiceField(label=_("Tilflytningskommune"), queryset=None)
    moving_on = forms.DateField(label=_("Flyttedato"), widget=DateInput())
    sender_access_until = forms.DateField(
        label=_("Vi kan læse sagen til"), widget=DateInput(),
        help_text=_("Efter overdragelsen kan I læse sagens historik indtil denne dato."),
    )
    note = forms.CharField(label=_("Bemærkning"), widget=forms.Textarea(attrs={"rows": 3}),
                           required=False, max_length=2000)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_municipality"].queryset = other_municipalities(user)


class AcceptTransferForm(forms.Form):
    coordinator = CoordinatorChoiceField(label=_("Ny tovholder"), queryset=None)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coordinator"].queryset = coordinators_for(user)


class RejectTransferForm(forms.Form):
    reason = forms.CharField(label=_("Begrundelse"), max_length=500)


class NetworkForm(forms.ModelForm):
    class Meta:
        model = Network
        fields = ["name", "description", "region"]


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["held_on", "place", "agenda", "minutes"]
        widgets = {"held_on": DateInput()}


class PostForm(forms.ModelForm):
    class Meta:
        model = Post
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class SolutionForm(forms.ModelForm):
    class Meta:
        model = Solution
        fields = ["title", "municipality", "theme", "target_group", "target_group_text",
                  "description", "results", "contact"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if user.municipality_id and not self.instance.pk:
            self.fields["municipality"].initial = user.municipality_id


class AttachmentForm(forms.ModelForm):
    class Meta:
        model = SolutionAttachment
        fields = ["title", "file"]


class CatalogueSearchForm(forms.Form):
    q = forms.CharField(label=_("Søg"), required=False, max_length=200)
    theme = forms.ChoiceField(label=_("Tema"), required=False,
                              choices=[("", _("Alle"))] + Theme.choices)
    region = forms.ChoiceField(label=_("Region"), required=False,
                               choices=[("", _("Alle"))] + Region.choices)
    target_group = forms.ChoiceField(label=_("Målgruppe"), required=False,
                                     choices=[("", _("Alle"))] + TargetGroup.choices)

