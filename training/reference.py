"""Reference data: the real programme (seed 000): 4.8 M DKK from Socialstyrelsen, three years from
spring 2015, at least 800 practitioners, a mandatory and an elective two-day module."""

import datetime
from decimal import Decimal

from django.apps import apps as global_apps

PROGRAMME = {
    "name": "Efteruddannelse af kommunale medarbejdere i integrationsindsatsen",
    "period_start": datetime.date(2015, 4, 1),
    "period_end": datetime.date(2018, 3, 31),
    "participant_target": 800,
    "budget_dkk": Decimal("4800000.00"),
    "description": (
        "Socialstyrelsen har bevilget 4,8 millioner kr. til at løfte integrationsindsatsen i "
        "de danske kommuner gennem efteruddannelse af kommunale medarbejdere. Opgaven løses i "
        "et samarbejde mellem Dansk Flygtningehjælp, LG Insight, Cabi og Foreningen "
        "Nydansker. Efteruddannelsen løber over tre år og skal nå ud til mindst 800 "
        "praktikere over hele landet."
    ),
}
MANDATORY = (
    "Modtagelse og tværfagligt samarbejde",
    "Obligatorisk modul over to dage med fokus på modtagelsen af flygtninge og "
    "familiesammenførte og på det tværfaglige samarbejde.",
)
ELECTIVE = (
    "Valgmodul",
    "Valgfrit modul over to dage med ét tema: beskæftigelse, interkulturelle kompetencer "
    "eller børn, unge og familier.",
)
THEMES = [
    ("beskaeftigelse", "Beskæftigelse",
     "Vejen til job: virksomhedsrettede indsatser og samarbejdet med jobcentret."),
    ("interkulturelle-kompetencer", "Interkulturelle kompetencer",
     "Kommunikation og forståelse på tværs af kulturer i mødet med borgeren."),
    ("boern-unge-familier", "Børn, unge og familier",
     "Forebyggende familiearbejde og indsatsen for børn og unge."),
]


def seed_programme(apps=global_apps):
    Programme = apps.get_model("training", "Programme")
    Module = apps.get_model("training", "Module")
    Theme = apps.get_model("training", "Theme")
    programme, _ = Programme.objects.update_or_create(
        name=PROGRAMME["name"], defaults=PROGRAMME)
    for kind, (name, description) in (("mandatory", MANDATORY), ("elective", ELECTIVE)):
        module, _ = Module.objects.update_or_create(
            programme=programme, kind=kind,
            defaults={"name": name, "days": 2, "description": description})
    for code, name, description in THEMES:
        Theme.objects.update_or_create(
            module=module, code=code, defaults={"name": name, "description": description})



def ensure_reference_data(**kwargs):
    """After every migrate or flush the real programme exists (idempotent)."""
    seed_programme()
