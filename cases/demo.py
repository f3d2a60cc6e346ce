"""Demo households in different situations, so a new user sees a living portal.

Idempotent: households are found again by their municipality and address, and
everything under them by natural keys.
"""

import datetime

from django.utils import timezone

from cases import services
from cases.models import (
    Action,
    ActionStatus,
    Goal,
    GoalDomain,
    Household,
    HouseholdStatus,
    InvolvedParty,
    JournalCategory,
    JournalNote,
    OccupationStatus,
    PartyKind,
    Person,
    Relation,
)

# (code, address, status, days since arrival, tovholder or None (waiting), language)
HOUSEHOLDS = [
    ("420", "Østergade 12, 5610 Assens", HouseholdStatus.EXPECTED, -14, None, "dari"),
    ("420", "Nørregade 3, 5610 Assens", HouseholdStatus.ACTIVE, 4, None, "tigrinya"),
    ("420", "Strandvejen 8, 5610 Assens", HouseholdStatus.ACTIVE, 6,
     "assens-sagsbehandler", "arabisk"),
    ("420", "Møllevej 21, 5620 Glamsbjerg", HouseholdStatus.ACTIVE, 380,
     "assens-sagsbehandler2", "arabisk"),
    ("420", "Skolegade 5, 5610 Assens", HouseholdStatus.ACTIVE, 160,
     "assens-sagsbehandler", "arabisk"),
    ("420", "Vestergade 40, 5610 Assens", HouseholdStatus.MOVED, 500,
     "assens-sagsbehandler2", "ukrainsk"),
    ("420", "Havnegade 2, 5610 Assens", HouseholdStatus.CLOSED, 1200,
     "assens-sagsbehandler", "somali"),
    ("461", "Vollsmose Allé 10, 5240 Odense NØ", HouseholdStatus.ACTIVE, 40,
     "odense-sagsbehandler", "arabisk"),
    ("461", "Kongensgade 50, 5000 Odense C", HouseholdStatus.EXPECTED, -7, None, "ukrainsk"),
]

# address -> [(first, last, born, relation, ground, cpr or "")]
PERSONS = {
    "Østergade 12, 5610 Assens": [
        ("Farid", "Ahmadi", "1985-04-02", Relation.MAIN, "afghanistan", ""),
        ("Zahra", "Ahmadi", "1990-09-17", Relation.SPOUSE, "afghanistan", ""),
        ("Omid", "Ahmadi", "2016-01-30", Relation.CHILD, "afghanistan", ""),
    ],
    "Nørregade 3, 5610 Assens": [
        ("Selam", "Tesfaye", "1995-06-11", Relation.MAIN, "7-2", "110695-1318"),
    ],
    "Strandvejen 8, 5610 Assens": [
        ("Rami", "Khalil", "1982-02-14", Relation.MAIN, "7-1", "140282-1457"),
        ("Nour", "Khalil", "1987-11-03", Relation.SPOUSE, "9-refugee", ""),
        ("Lina", "Khalil", "2014-08-21", Relation.CHILD, "9-refugee", ""),
    ],
    "Møllevej 21, 5620 Glamsbjerg": [
        ("Yusuf", "Haddad", "1979-05-05", Relation.MAIN, "7-1", "050579-1235"),
        ("Amina", "Haddad", "1983-12-24", Relation.SPOUSE, "9-refugee", "241283-1326"),
    ],
    "Skolegade 5, 5610 Assens": [
        ("Hassan", "Mahmoud", "1978-03-09", Relation.MAIN, "7-1", "090378-1237"),
        ("Fatima", "Mahmoud", "1981-07-15", Relation.SPOUSE, "9-refugee", "150781-1344"),
        ("Ali", "Mahmoud", "2004-10-01", Relation.CHILD, "9-refugee", ""),
        ("Sara", "Mahmoud", "2009-02-20", Relation.CHILD, "9-refugee", ""),
        ("Omar", "Mahmoud", "2012-06-06", Relation.CHILD, "9-refugee", ""),
        ("Maryam", "Mahmoud", "2016-11-11", Relation.CHILD, "9-refugee", ""),
        ("Khaled", "Mahmoud", "2021-04-04", Relation.CHILD, "9-refugee", ""),
    ],
    "Vestergade 40, 5610 Assens": [
        ("Olena", "Kovalenko", "1986-01-19", Relation.MAIN, "ukraine", "190186-1462"),
    ],
    "Havnegade 2, 5610 Assens": [
        ("Abdi", "Warsame", "1975-08-08", Relation.MAIN, "8", ""),
    ],
    "Vollsmose Allé 10, 5240 Odense NØ": [
        ("Karim", "Nasser", "1991-10-10", Relation.MAIN, "7-3", "101091-1553"),
    ],
    "Kongensgade 50, 5000 Odense C": [
        ("Iryna", "Shevchenko", "1992-03-03", Relation.MAIN, "ukraine", ""),
    ],
}

# The family with everyone around them: the Assens report's 18 authorities.
MANY_PARTIES = [
    (PartyKind.JOBCENTER, "Jobcenter Assens", "Jens Mikkelsen", "virksomhedskonsulent"),
    (PartyKind.JOBCENTER, "Jobcenter Assens", "Pia Holm", "mentor"),
    (PartyKind.LANGUAGE_SCHOOL, "Sprogcenter Fyn", "Anne Bach", "underviser"),
    (PartyKind.SCHOOL, "Assens Skole", "Mikkel Due", "klasselærer"),
    (PartyKind.SCHOOL, "Assens Skole", "Louise Friis", "modtagelærer"),
    (PartyKind.SCHOOL, "Skolen ved Sundet", "Henrik Lund", "AKT-lærer"),
    (PartyKind.DAYCARE, "Børnehuset Solsikken", "Tina Krog", "pædagog"),
    (PartyKind.HEALTH_VISITOR, "Sundhedsplejen Assens", "Marianne Ravn", "sundhedsplejerske"),
    (PartyKind.GP, "Lægehuset Assens", "Søren Vinther", "praktiserende læge"),
    (PartyKind.PSYCHIATRY, "Psykiatrien Region Syddanmark", "Katrine Nørgaard", "psykolog"),
    (PartyKind.FAMILY_CONSULTANT, "Familieafdelingen Assens", "Bente Skov", "familiekonsulent"),
    (PartyKind.HOUSING, "Assens Boligselskab", "Niels Berg", "boligsocial medarbejder"),
    (PartyKind.VOLUNTEER, "Dansk Flygtningehjælp Frivillige", "Grethe Olsen", "værtsfamilie"),
    (PartyKind.INTERPRETER, "Tolkeservice Syd", "Ahmad Saleh", "arabisk tolk"),
    (PartyKind.OTHER, "Ungdommens Uddannelsesvejledning", "Camilla Juhl", "UU-vejleder"),
]


def _date(text):
    return datetime.date.fromisoformat(text)


def _household(world, code, address, status, days, tovholder, language):
    lead = world.users["assens-teamleder" if code == "420" else "odense-teamleder"]
    household = Household.objects.editable_by(lead).filter(address=address).first()
    if household is not None:
        return household, lead
    arrived = timezone.localdate() - datetime.timedelta(days=days)
    coordinator = world.users[tovholder] if tovholder else None
    household = services.create_household(
        by=lead, coordinator=coordinator, status=status, address=address,
        arrived_on=arrived, takeover_on=arrived,
        allocation_decided_on=arrived - datetime.timedelta(days=45),
        primary_language=language, interpreter_needed=language != "ukrainsk",
        reason="Demodata",
    )
    if days > 60:
        month = arrived + datetime.timedelta(days=25)
        Household.all_objects.filter(pk=household.pk).update(
            contract_signed_on=month, danish_education_offered_on=month,
            first_company_offer_on=month if days > 200 else None,
            plan_agreed_on=month, plan_next_review_on=timezone.localdate()
            + datetime.timedelta(days=30),
        )
    return household, lead


def _persons(household, rows):
    persons = []
    for first, last, born, relation, ground, number in rows:
        person, _created = Person.all_objects.get_or_create(
            household=household, first_name=first, last_name=last,
            defaults={"birth_date": _date(born), "relation": relation,
                      "residence_ground": ground, "cpr": number or None,
                      "country_of_origin": "Afghanistan" if ground == "afghanistan" else
                      "Ukraine" if ground == "ukraine" else "Syrien"},
        )
        persons.append(person)
    return persons


def _plan(household, persons, author):
    today = timezone.localdate()
    adult = persons[0]
    party = InvolvedParty.all_objects.filter(household=household,
                                             kind=PartyKind.JOBCENTER).first()
    goal, _created = Goal.all_objects.get_or_create(
        person=adult, description="Ordinært job inden for et år",
        defaults={"domain": GoalDomain.EMPLOYMENT,
                  "created_at": timezone.now() - datetime.timedelta(days=30)},
    )
    for description, days, status in [
        ("Virksomhedspraktik på lager", -5, ActionStatus.IN_PROGRESS),
        ("Samtale om løntilskud", 3, ActionStatus.PLANNED),
        ("Opfølgning på praktik", 20, ActionStatus.PLANNED),
    ]:
        Action.all_objects.get_or_create(
            goal=goal, description=description,
            defaults={"deadline": today + datetime.timedelta(days=days), "status": status,
                      "responsible_party": party},
        )
    danish, _created = Goal.all_objects.get_or_create(
        person=adult, description="Bestå Prøve i Dansk 2",
        defaults={"domain": GoalDomain.DANISH,
                  "created_at": timezone.now() - datetime.timedelta(days=30)},
    )
    Action.all_objects.get_or_create(
        goal=danish, description="Start på modul 2",
        defaults={"deadline": today + datetime.timedelta(days=6)},
    )
    if not JournalNote.all_objects.filter(household=household).exists():
        services.add_journal_note(
            household=household, author=author, category=JournalCategory.CONVERSATION,
            text="Første samtale med familien med tolk. Familien er godt på plads.",
            occurred_on=household.arrived_on,
        )


def seed(world):
    for code, address, status, days, tovholder, language in HOUSEHOLDS:
        household, lead = _household(world, code, address, status, days, tovholder, language)
        persons = _persons(household, PERSONS[address])
        if address == "Skolegade 5, 5610 Assens":
            for kind, organisation, contact, role in MANY_PARTIES:
                party, created = InvolvedParty.all_objects.get_or_create(
                    household=household, organisation=organisation, contact_name=contact,
                    defaults={"kind": kind, "role": role, "phone": "64 74 70 00",
                              "active_from": household.arrived_on},
                )
                if created:
                    party.concerns.set(persons[:2] if kind == PartyKind.JOBCENTER
                                       else persons[2:] if kind in (
                                           PartyKind.SCHOOL, PartyKind.DAYCARE)
                                       else persons)
        elif status != HouseholdStatus.EXPECTED:
            InvolvedParty.all_objects.get_or_create(
                household=household, organisation=f"Jobcenter {world.municipalities[code].name}",
                defaults={"kind": PartyKind.JOBCENTER, "contact_name": "Virksomhedskonsulent"},
            )
        if household.coordinator and not household.coordinator_is_interim and household.is_open:
            _plan(household, persons, household.coordinator)
        if days > 300 and status == HouseholdStatus.ACTIVE:
            Person.all_objects.filter(pk=persons[0].pk).update(
                occupation_status=OccupationStatus.JOB,
                occupation_since=timezone.localdate() - datetime.timedelta(days=60),
            )
