"""Demo data: sessions in several regions and practitioners at every stage."""

from datetime import timedelta

from django.utils import timezone

from integration_portal.models import Municipality, Region
from training import services
from training.models import (
    Enrolment,
    JobFunction,
    Module,
    ModuleKind,
    Practitioner,
    Session,
    SessionStatus,
    Theme,
)
from training.selectors import current_programme

# (name, municipality code, job function)
PRACTITIONERS = [
    ("Anne Østergaard", "420", JobFunction.CASEWORKER),
    ("Bjørn Kjær", "420", JobFunction.JOB_CONSULTANT),
    ("Camilla Sørensen", "420", JobFunction.HEALTH_VISITOR),
    ("Dennis Ærenlund", "420", JobFunction.FAMILY_CONSULTANT),
    ("Emilie Højgaard", "461", JobFunction.CASEWORKER),
    ("Frederik Bæk", "461", JobFunction.TEACHER),
    ("Gitte Lund", "461", JobFunction.MANAGER),
    ("Hassan Ali", "461", JobFunction.JOB_CONSULTANT),
    ("Ida Mølgaard", "101", JobFunction.CASEWORKER),
    ("Jonas Riis", "101", JobFunction.OTHER),
    ("Karen Vestergaard", "751", JobFunction.FAMILY_CONSULTANT),
    ("Lone Winther", "751", JobFunction.CASEWORKER),
    ("Mads Brøndum", "851", JobFunction.JOB_CONSULTANT),
    ("Nadia Rasmussen", "265", JobFunction.TEACHER),
]

# key: (module kind, theme code, venue, city, region, capacity, days from today, status)
SESSIONS = {
    "kbh": (ModuleKind.MANDATORY, None, "Dansk Flygtningehjælp", "København",
            Region.HOVEDSTADEN, 12, -60, SessionStatus.HELD),
    "aalborg": (ModuleKind.ELECTIVE, "beskaeftigelse", "Jobcenter Aalborg", "Aalborg",
                Region.NORDJYLLAND, 10, -20, SessionStatus.HELD),
    "odense": (ModuleKind.MANDATORY, None, "Odense Rådhus", "Odense",
               Region.SYDDANMARK, 4, 30, SessionStatus.OPEN),
    "aarhus": (ModuleKind.MANDATORY, None, "Aarhus Rådhus", "Aarhus",
               Region.MIDTJYLLAND, 20, 45, SessionStatus.OPEN),
    "roskilde": (ModuleKind.ELECTIVE, "boern-unge-familier", "Roskilde Kongrescenter",
                 "Roskilde", Region.SJAELLAND, 16, 60, SessionStatus.OPEN),
    "vejle": (ModuleKind.ELECTIVE, "interkulturelle-kompetencer", "Vejle Bibliotek", "Vejle",
              Region.SYDDANMARK, 16, 90, SessionStatus.PLANNED),
}

# Who goes where, in order: held sessions first so the electives have their prerequisite.
ENROLMENTS = {
    "kbh": ["Anne Østergaard", "Emilie Højgaard", "Ida Mølgaard", "Mads Brøndum",
            "Karen Vestergaard", "Jonas Riis"],
    "aalborg": ["Anne Østergaard", "Emilie Højgaard", "Mads Brøndum"],
    "odense": ["Bjørn Kjær", "Frederik Bæk", "Gitte Lund", "Hassan Ali",
               "Camilla Sørensen", "Lone Winther"],
    "aarhus": ["Nadia Rasmussen", "Dennis Ærenlund"],
    "roskilde": ["Ida Mølgaard"],
}
CANCELLED = {"aarhus": ["Dennis Ærenlund"]}  # enrolled, then cancelled
ABSENT = {"kbh": ["Jonas Riis"]}  # a no-show
PARTLY = {"kbh": ["Karen Vestergaard"]}  # came on the first day only


def seed(world):
    programme = current_programme()
    admin = world.users["uddannelse-admin"]
    people = _practitioners()
    for key, spec in SESSIONS.items():
        session = _session(programme, spec, admin)
        for name in ENROLMENTS.get(key, []):
            enrolled = Enrolment.all_objects.filter(session=session, practitioner=people[name])
            if not enrolled.exists():
                enrolment = services.enrol(session=session, practitioner=people[name], by=admin)
                if name in CANCELLED.get(key, []):
                    services.cancel_enrolment(enrolment=enrolment, by=admin)
        if spec[-1] == SessionStatus.HELD:
            _register_attendance(session, key, people, admin)


def _practitioners():
    municipalities = {m.code: m for m in Municipality.objects.all()}
    people = {}
    for name, code, job in PRACTITIONERS:
        email = name.lower().replace(" ", ".").translate(str.maketrans("æøå", "eoa"))
        people[name], _created = Practitioner.all_objects.update_or_create(
            email=f"{email}@example.dk",
            defaults={"name": name, "municipality": municipalities[code], "job_function": job})
    return people


def _session(programme, spec, admin):
    kind, theme_code, venue, city, region, capacity, offset, status = spec
    module = Module.objects.get(programme=programme, kind=kind)
    theme = Theme.objects.get(module=module, code=theme_code) if theme_code else None
    session = Session.objects.filter(module=module, venue=venue, city=city).first()
    if session is None:
        start = timezone.localdate() + timedelta(days=offset)
        session = services.create_session(
            by=admin, module=module, theme=theme, venue=venue, city=city, region=region,
            capacity=capacity, instructors="Mette Blauenfeldt, Dansk Flygtningehjælp",
            dates=[start, start + timedelta(days=1)],
            enrolment_deadline=start - timedelta(days=14),
            status=SessionStatus.OPEN if status == SessionStatus.HELD else status)
    return session


def _register_attendance(session, key, people, admin):
    days = list(session.days.order_by("date"))
    for enrolment in session.enrolments.select_related("practitioner"):
        name = enrolment.practitioner.name
        for index, day in enumerate(days):
            present = name not in ABSENT.get(key, []) and (
                index == 0 or name not in PARTLY.get(key, []))
            services.record_attendance(enrolment=enrolment, day=day, present=present, by=admin)
    if session.status != SessionStatus.HELD:
        session.status = SessionStatus.HELD
        session.save(update_fields=["status"])
