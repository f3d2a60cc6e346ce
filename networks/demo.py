"""Demo data across municipalities: a share each way between Assens and Odense, a
family moving and waiting to be taken over, a network with a meeting, and catalogue
entries drawn from KL's "Kommunale veje til god integration" (2016).

Idempotent: shares and transfers are found again by household and municipality,
networks and entries by name and title.
"""

import datetime

from django.utils import timezone

from cases.models import Household, Person
from integration_portal.models import Municipality
from networks import services
from networks.models import (
    CaseShare,
    CaseTransfer,
    LegalBasis,
    Meeting,
    Membership,
    Network,
    SharePurpose,
    Solution,
    TargetGroup,
    Theme,
)
from networks.models.sharing import OPEN_SHARE_STATUSES

# (municipality code, title, theme, target group, description, results)
SOLUTIONS = [
    ("630", "Fast Track med Røde Kors", Theme.EMPLOYMENT, TargetGroup.ASYLUM_SEEKERS,
     "Vejle Kommune samarbejder med Røde Kors om et særligt Fast Track-forløb, der klæder "
     "asylansøgere bedst muligt på til at overgå til kommunen, så de hurtigere kan indgå "
     "på det danske arbejdsmarked.",
     "Flygtningene kan starte i virksomhedspraktik kort efter overgangen til kommunen."),
    ("766", "Skoleboost for flygtningebørn", Theme.CHILDREN_FAMILIES, TargetGroup.CHILDREN,
     "Flygtningebørn i Hedensted Kommune får et skoleboost i ca. tre måneder fra ankomsten: "
     "en forberedende samfunds- og skoleforståelse med børneperspektiv, der giver barnet en "
     "indføring i, hvad det vil sige at gå i dansk skole og at være barn i Danmark.",
     "Børnene starter i almindelig klasse med kendskab til skolens hverdag."),
    ("751", "Frivillige flygtningegrupper", Theme.VOLUNTEERS, TargetGroup.ALL_NEWCOMERS,
     "Vejle, Aarhus, Aalborg og Holstebro samarbejder med frivillige flygtningegrupper om at "
     "hjælpe nyankomne flygtninge med at finde sig til rette i kommunen.",
     "Kommunerne oplever store fordele ved samarbejdet med de frivillige."),
    ("259", "Stærk fra Start", Theme.EDUCATION, TargetGroup.YOUNG,
     "Køge Kommune samarbejder med Køge Handelsskole om »Stærk fra Start«, et forberedende "
     "uddannelsesforløb for unge flygtninge og indvandrere mellem 16 og 25 år, der gerne vil "
     "i gang med uddannelse og job.",
     ""),
    ("260", "Helbredsvurdering i samarbejde med lægehusene", Theme.HEALTH,
     TargetGroup.ADULT_REFUGEES,
     "Halsnæs Kommune har sammen med lægehusene fundet en solidarisk model, der sikrer, at "
     "alle flygtninge kan få en helbredsvurdering.",
     "Alle nyankomne flygtninge får tilbudt en helbredsvurdering."),
    ("265", "Helhedsorienteret indsats for familier med traumer", Theme.CHILDREN_FAMILIES,
     TargetGroup.FAMILIES,
     "Roskilde Kommune har taget en helhedsorienteret indsats på tværs af forvaltningerne i "
     "brug for at hjælpe flygtningefamilier, der lider af posttraumatisk stress.",
     ""),
    ("265", "Nulenergihuse for unge og flygtninge", Theme.HOUSING, TargetGroup.YOUNG,
     "Roskilde Kommune er med i et partnerskab om at opføre 60 nulenergihuse, hvor unge under "
     "uddannelse og flygtninge bor sammen, til en forventet husleje på 3.500 kroner inklusive "
     "forbrug.",
     ""),
]


def _household(code, address):
    return Household.all_objects.filter(municipality__code=code, address=address).first()


def _share(household, *, by, to, answer_by, parts, **basis):
    if household is None:
        return
    if CaseShare.objects.filter(household=household, to_municipality=to,
                                status__in=OPEN_SHARE_STATUSES).exists():
        return
    share = services.create_share(
        household=household, by=by, to_municipality=to, parts=parts,
        expires_on=timezone.localdate() + datetime.timedelta(days=60), **basis,
    )
    services.answer_share(share=share, by=answer_by, accept=True)


def _shares(world):
    assens, odense = world.municipalities["420"], world.municipalities["461"]
    users = world.users
    khalil = _household("420", "Strandvejen 8, 5610 Assens")
    if khalil is not None:
        _share(khalil, by=users["assens-sagsbehandler"], to=odense,
               answer_by=users["odense-sagsbehandler"], parts=["basic", "persons", "plan"],
               purpose=SharePurpose.MOVE, legal_basis=LegalBasis.CONSENT,
               consent_given_on=timezone.localdate() - datetime.timedelta(days=3),
               consented_persons=list(Person.all_objects.filter(
                   household=khalil, relation__in=["main", "spouse"])),
               consent_text="Oplysninger om familien og integrationsplanen til Odense "
                            "Kommune før en mulig flytning.")
    _share(_household("461", "Vollsmose Allé 10, 5240 Odense NØ"),
           by=users["odense-sagsbehandler"], to=assens,
           answer_by=users["assens-sagsbehandler"], parts=["basic", "journal"],
           purpose=SharePurpose.CONSULTATION, legal_basis=LegalBasis.PROVISION,
           legal_provision="Forvaltningslovens § 28, stk. 2, nr. 1")


def _transfer(world):
    household = _household("420", "Vestergade 40, 5610 Assens")
    if household is None or CaseTransfer.objects.filter(household=household).exists():
        return
    today = timezone.localdate()
    services.propose_transfer(
        household=household, by=world.users["assens-sagsbehandler2"],
        to_municipality=world.municipalities["461"],
        moving_on=today + datetime.timedelta(days=10),
        sender_access_until=today + datetime.timedelta(days=100),
        note="Familien har fået bolig i Odense og flytter om ti dage.",
    )


def _network(world):
    users = world.users
    network = Network.objects.filter(name="Integrationsnetværk Fyn").first()
    if network is None:
        network = services.create_network(
            by=users["assens-teamleder"], name="Integrationsnetværk Fyn", region="1083",
            description="Praktikere fra de fynske kommuner mødes fire gange om året om "
                        "modtagelse, tovholderfunktionen og samarbejdet med jobcentrene.")
    for username in ("assens-sagsbehandler", "odense-sagsbehandler", "odense-teamleder"):
        Membership.objects.get_or_create(network=network, user=users[username])
    Meeting.objects.get_or_create(
        network=network, held_on=timezone.localdate() + datetime.timedelta(days=21),
        defaults={"place": "Odense Rådhus, mødelokale 2",
                  "agenda": "1. Velkomst\n2. Erfaringer med én tovholder pr. familie\n"
                            "3. Samarbejde med lægehusene om helbredsvurdering\n4. Eventuelt",
                  "minutes": ""},
    )


def _catalogue(world):
    author = world.users["assens-sagsbehandler"]
    for code, title, theme, group, description, results in SOLUTIONS:
        Solution.objects.update_or_create(title=title, defaults={
            "municipality": Municipality.objects.get(code=code), "theme": theme,
            "target_group": group, "description": description, "results": results,
            "contact": f"{Municipality.objects.get(code=code)}, integrationsafdelingen",
            "author": author if code == "420" else None,
        })


def seed(world):
    if not Household.all_objects.exists():
        return
    _shares(world)
    _transfer(world)
    _network(world)
    _catalogue(world)


