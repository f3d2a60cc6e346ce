from django import forms
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from integration_portal.models import Municipality, Region
from training.models import (
    Module,
    Practitioner,
    Session,
    SessionStatus,
    Theme,
)
from training.scope import is_national_admin


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class SessionForm(forms.Form):
    module = forms.ModelChoiceField(Module.objects.select_related("programme"), label=_("Modul"))
    theme = forms.ModelChoiceField(Theme.objects.all(), label=_("Tema"), required=False,
                                   help_text=_("Kun for valgmodulet."))
    venue = forms.CharField(label=_("Sted"), max_length=200)
    city = forms.CharField(label=_("By"), max_length=100)
    region = forms.ChoiceField(label=_("Region"), choices=Region.choices)
    capacity = forms.IntegerField(label=_("Antal pladser"), min_value=1, max_value=500)
    instructors = forms.CharField(label=_("Undervisere"), max_length=300, required=False)
    enrolment_deadline = forms.DateField(label=_("Tilmeldingsfrist"), widget=DateInput())
    status = forms.ChoiceField(
        label=_("Status"), initial=SessionStatus.OPEN,
        choices=[(SessionStatus.PLANNED, SessionStatus.PLANNED.label),
                 (SessionStatus.OPEN, SessionStatus.OPEN.label)],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_days = Module.objects.aggregate(days=Max("days"))["days"] or 1
        for number in range(1, self.max_days + 1):
            self.fields[f"day_{number}"] = forms.DateField(
                label=_("Dag %(number)s") % {"number": number}, required=False,
                widget=DateInput())

    def clean(self):
        data = super().clean()
        module, theme = data.get("module"), data.get("theme")
        dates = [data[f"day_{n}"] for n in range(1, self.max_days + 1) if data.get(f"day_{n}")]
        data["dates"] = dates
        if module is None:
            return data
        if len(set(dates)) != module.days:
            raise forms.ValidationError(
                _("Modulet varer %(days)s dage: angiv %(days)s forskellige datoer.")
                % {"days": module.days})
        deadline = data.get("enrolment_deadline")
        if deadline and deadline > min(dates):
            self.add_error("enrolment_deadline",
                           _("Tilmeldingsfristen skal ligge før holdets første dag."))
        try:
            Session(module=module, theme=theme).clean()
        except forms.ValidationError as error:
            self.add_error(None, error)
        return data


class SessionStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Ny status"), choices=[
        (value, label) for value, label in SessionStatus.choices if value != SessionStatus.FULL])


class EnrolForm(forms.Form):
    practitioner = forms.ModelChoiceField(Practitioner.all_objects.none(), label=_("Praktiker"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["practitioner"].queryset = (
            Practitioner.objects.visible_to(user).select_related("municipality"))
        self.fields["practitioner"].label_from_instance = (
            lambda p: f"{p.name} ({p.municipality.name}, {p.get_job_function_display()})")


class MoveForm(forms.Form):
    to_session = forms.ModelChoiceField(Session.objects.none(), label=_("Nyt hold"))

    def __init__(self, *args, enrolment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_session"].queryset = (
            Session.objects.filter(module_id=enrolment.module_id,
                                   status__in=[SessionStatus.OPEN, SessionStatus.FULL])
            .exclude(pk=enrolment.session_id).select_related("module", "theme"))


class AttendanceForm(forms.Form):
    """One checkbox per seated participant for one day of the session."""

    def __init__(self, *args, enrolments, day, **kwargs):
        super().__init__(*args, **kwargs)
        self.enrolments = enrolments
        for enrolment in enrolments:
            marked = {a.day_id: a.present for a in enrolment.attendances.all()}
            self.fields[f"present_{enrolment.pk}"] = forms.BooleanField(
                label=_("%(name)s er til stede") % {"name": enrolment.practitioner.name},
                required=False, initial=marked.get(day.pk, False))

    def marks(self):
        return [(e, self.cleaned_data[f"present_{e.pk}"]) for e in self.enrolments]


class PractitionerForm(forms.ModelForm):
    class Meta:
        model = Practitioner
        fields = ["name", "email", "municipality", "job_function"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        municipalities = Municipality.objects.all()
        if not is_national_admin(user):
            municipalities = municipalities.filter(pk=user.municipality_id)
            self.fields["municipality"].initial = user.municipality_id
        self.fields["municipality"].queryset = municipalities

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        taken = Practitioner.all_objects.filter(email__iexact=email)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("Der findes allerede en praktiker med denne e-mail."))
        return email


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV-fil"), required=False,
        help_text=_("Kolonner: navn; e-mail; kommunekode; jobfunktion. Første linje er "
                    "overskrifter. Semikolon eller komma som skilletegn, UTF-8."))
    content = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if upload:
            raw = upload.read()
            try:
                data["text"] = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                raise forms.ValidationError(_("Filen skal være gemt som UTF-8.")) from None
        elif data.get("content"):
            data["text"] = data["content"]
        else:
            raise forms.ValidationError(_("Vælg en CSV-fil."))
        return data

