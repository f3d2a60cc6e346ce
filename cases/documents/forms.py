import datetime

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models import Person

NOT_A_CHOICE = {"invalid_choice": _("Vælg et af valgene på listen.")}


def adults_of(user, household):
    """The household's persons aged 18 or more at takeover (or today)."""
    on = household.takeover_on or timezone.localdate()
    try:
        born_by = on.replace(year=on.year - 18)
    except ValueError:  # 29 February
        born_by = on.replace(year=on.year - 18, day=28) + datetime.timedelta(days=1)
    return (Person.objects.visible_to(user)
            .filter(household=household, birth_date__lte=born_by).order_by("birth_date", "id"))


class PlanDocumentForm(forms.Form):
    language = forms.ChoiceField(label=_("Sprog i PDF'en"), choices=settings.LANGUAGES,
                                 initial="da", error_messages=NOT_A_CHOICE)
    person = forms.ModelChoiceField(
        label=_("Plan for"), queryset=Person.all_objects.none(), required=False,
        empty_label=_("Hele husstanden"), error_messages=NOT_A_CHOICE,
        help_text=_("Vælg en voksen for at udskrive kun vedkommendes plan."),
    )
    force = forms.BooleanField(
        label=_("Lav en ny version, selvom planen ikke er ændret"), required=False,
    )

    def __init__(self, *args, adults, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = adults


class PlanBatchForm(forms.Form):
    language = forms.ChoiceField(label=_("Sprog i PDF'en"), choices=settings.LANGUAGES,
                                 initial="da", error_messages=NOT_A_CHOICE)
