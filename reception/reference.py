"""The default reception-plan template shipped with the portal (the task force's
elements of a good reception). Reloaded after every migrate or flush; each
municipality starts from a copy of it (reception.services.template_for)."""

from django.apps import apps as global_apps
from django.db import transaction

DEFAULT_NAME = "Portalens standardskabelon for modtageplan"

# (key, title, responsible role, anchor, offset, unit, applies to, description)
DEFAULT_STEPS = [
    ("handover", "Overdragelsesskema modtaget fra asylcentret", "coordinator", "allocation",
     10, "working_days", "household",
     "Uddannelse, erhvervserfaring, familie, netværk og helbredsbehov (med samtykke)."),
    ("temporary_housing", "Midlertidig bolig klar", "housing", "arrival", -2, "working_days",
     "household", "Boligen er møbleret og nøglerne klar inden ankomsten."),
    ("interpreter", "Tolk bestilt til velkomstmødet", "interpreter", "arrival", -3,
     "working_days", "household", "Bestil efter kommunens regler for tolkebestilling."),
    ("welcome", "Velkomstmøde", "coordinator", "arrival", 2, "working_days", "household",
     "Rettigheder og pligter, forventninger og de første aftaler."),
    ("bank_mitid", "Bankkonto, MitID og digital post", "citizen_service", "arrival", 10,
     "working_days", "adults", ""),
    ("gp", "Tilmelding til egen læge", "health", "arrival", 5, "working_days", "household", ""),
    ("school_daycare", "Skole eller dagtilbud", "school", "arrival", 20, "working_days",
     "children", "Plads i skole, modtageklasse eller dagtilbud."),
    ("health_assessment", "Helbredsvurdering", "health", "arrival", 3, "months", "household",
     "Lægefaglig vurdering inden for tre måneder."),
    ("contract", "Kontrakt", "coordinator", "takeover", 1, "months", "adults",
     "Integrationskontrakt inden for en måned efter overtagelsen."),
    ("danish_education", "Danskuddannelse startet", "language_school", "takeover", 1, "months",
     "adults", "Inden for en måned efter overtagelsen."),
    ("company_offer", "Første virksomhedsrettede tilbud", "jobcenter", "takeover", 1, "months",
     "adults", "Senest en måned efter overtagelsen; målet er to uger."),
    ("screening", "360-graders afklaring af kompetencer", "jobcenter", "takeover", 20,
     "working_days", "adults", "Uddannelse, erfaring, sprog, helbred, pasning, ressourcer."),
    ("permanent_housing", "Permanent bolig", "housing", "takeover", 3, "months", "household",
     ""),
    ("volunteer", "Kontakt til frivillig eller værtsfamilie", "volunteer", "arrival", 1,
     "months", "household", "Fx en værtsfamilie eller en frivillig ven."),
]


@transaction.atomic
def seed_default_template(apps=global_apps):
    """The portal's default template (municipality empty) with one version of the steps."""
    Template = apps.get_model("reception", "ReceptionTemplate")
    Version = apps.get_model("reception", "TemplateVersion")
    Step = apps.get_model("reception", "TemplateStep")
    template, _ = Template.objects.get_or_create(municipality=None, name=DEFAULT_NAME)
    if Version.objects.filter(template=template).exists():
        return template
    version = Version.objects.create(template=template, number=1)
    Step.objects.bulk_create([
        Step(version=version, position=position, key=key, title=title, responsible_role=role,
             anchor=anchor, offset=offset, unit=unit, applies_to=applies_to,
             description=description)
        for position, (key, title, role, anchor, offset, unit, applies_to, description)
        in enumerate(DEFAULT_STEPS, start=1)
    ])
    return template


def ensure_reference_data(**kwargs):
    seed_default_template()
