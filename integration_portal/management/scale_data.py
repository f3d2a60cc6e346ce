"""The national data set of issue 12, built with bulk SQL (INSERT ... SELECT).

Only the ``seed_scale`` command uses this. Every row is made by PostgreSQL itself
from ``generate_series`` and ``random()`` (seeded, so a run is repeatable), with
explicit ids above the tables' current maximum; the identity sequences are moved
past them at the end. The rows respect the models' constraints and triggers: one
open tovholder period per household, a coordinator of the household's own
municipality (composite foreign key), at most one proposed transfer per household,
valid CPR numbers whose birth date is the person's, append-only audit events.

CPR numbers are made as DDMMYY-CSSS: the birth date, a century digit that
python-stdnum reads back as the right century (0 for 1900-1999, 4 for 2000-2036)
and a serial unique per birth date. None of them is ever printed.
"""

import csv
import math
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from cases.models import (
    Action,
    CaseNumberSequence,
    CoordinatorAssignment,
    Goal,
    Household,
    InvolvedParty,
    JournalNote,
    Person,
)
from integration_portal.models import AuditEvent, Municipality, User
from integration_portal.roles import Role
from networks.models import CaseShare, CaseTransfer, Solution
from reception.models import PlanTask, ReceptionPlan, TemplateStep, TemplateVersion
from reception.reference import DEFAULT_NAME
from training.models import Enrolment, Module, Practitioner, Session, SessionDay, Theme

POPULATION_CSV = Path(__file__).resolve().parents[1] / "data" / "municipality_population.csv"

# The data set: these municipalities as measured, the rest by population.
DEFAULT_PINNED = {"101": 10801, "461": 4502, "420": 3007, "492": 98}

# Share of households of each size 1..8 (mean about 3.05 persons).
SIZE_WEIGHTS = [0.32, 0.16, 0.14, 0.14, 0.11, 0.07, 0.04, 0.02]

# Username part and role of the seeded users: <kommune>-<kind>-001.
USER_KINDS = [("sagsbehandler", Role.CASEWORKER), ("teamleder", Role.TEAM_LEAD),
              ("admin", Role.MUNICIPAL_ADMIN), ("uddannelse", Role.TRAINING_ADMIN)]
HOUSEHOLDS_PER_CASEWORKER = 75
HOUSEHOLDS_PER_TEAM_LEAD = 1000


@dataclass
class Sizes:
    households: int = 100_006
    notes: int = 1_950_000
    tasks: int = 1_130_000
    actions: int = 551_620
    parties: int = 285_057
    audit_events: int = 5_000_000
    solutions: int = 10_007
    shares: int = 1_000
    transfers: int = 500
    practitioners: int = 3_000
    years: int = 5
    pinned: dict = field(default_factory=lambda: dict(DEFAULT_PINNED))


def households_per_municipality(codes, total, pinned):
    """{code: households}: pinned ones as given, the rest by population, each at least
    one, summing to ``total`` (largest remainder)."""
    with POPULATION_CSV.open(encoding="utf-8") as handle:
        population = {row["kommunekode"]: int(row["indbyggere"]) for row in csv.DictReader(handle)}
    pinned = {code: n for code, n in pinned.items() if code in codes}
    free = [code for code in codes if code not in pinned]
    rest = total - sum(pinned.values())
    if rest < len(free):
        raise ValueError("Too few households for one in every municipality.")
    weight = sum(population[code] for code in free)
    exact = {code: 1 + (rest - len(free)) * population[code] / weight for code in free}
    counts = {code: math.floor(value) for code, value in exact.items()}
    short = rest - sum(counts.values())
    for code in sorted(free, key=lambda c: counts[c] - exact[c])[:short]:
        counts[code] += 1
    return {**counts, **pinned}


def _sql_array(values):
    return "ARRAY[" + ",".join("'" + v.replace("'", "''") + "'" for v in values) + "]"


def _pick(values, r):
    """SQL picking one of ``values`` by the random expression ``r`` in [0, 1)."""
    return f"({_sql_array(values)})[1 + floor(({r}) * {len(values)})::int]"


FIRST_NAMES_F = ["Amina", "Fatima", "Mariam", "Olena", "Iryna", "Zahra", "Hawa", "Nour",
                 "Rahel", "Leila", "Yasmin", "Oksana", "Shirin", "Saba", "Huda", "Aisha",
                 "Natalia", "Farida", "Semhar", "Roya"]
FIRST_NAMES_M = ["Ahmad", "Mohammad", "Ali", "Omar", "Andrii", "Yusuf", "Hassan", "Samir",
                 "Dawit", "Karim", "Mustafa", "Oleksandr", "Reza", "Abdi", "Bilal", "Tesfay",
                 "Mahmoud", "Serhii", "Jamal", "Farid"]
LAST_NAMES = ["Al-Hassan", "Ahmadi", "Haidari", "Kovalenko", "Shevchenko", "Tesfaye",
              "Mohamed", "Rahimi", "Hussein", "Karimi", "Bondarenko", "Yilma", "Nasser",
              "Abdullahi", "Mansour", "Sultani", "Tkachenko", "Ghebre", "Haddad", "Noori",
              "Osman", "Qasemi", "Melnyk", "Berhane", "Jaber", "Hashimi", "Kravchenko",
              "Ibrahim", "Farah", "Sadiqi"]
# (country, language, residence ground)
ORIGINS = [("Syrien", "arabisk", "7-1"), ("Afghanistan", "dari", "7-1"),
           ("Ukraine", "ukrainsk", "ukraine"), ("Eritrea", "tigrinya", "7-3"),
           ("Somalia", "somali", "8"), ("Irak", "arabisk", "9-refugee"),
           ("Iran", "farsi", "7-2"), ("Afghanistan", "pashto", "afghanistan")]
STREETS = ["Østergade", "Vestergade", "Nørregade", "Søndergade", "Skolevej", "Kirkevej",
           "Møllevej", "Stationsvej", "Engvej", "Parkvej", "Bakkevej", "Strandvejen"]
NOTE_TEXTS = [
    "Samtale med familien om bolig og økonomi. Aftalt opfølgning om to uger.",
    "Telefonisk kontakt med jobcentret om virksomhedspraktik.",
    "Møde på sprogcentret: fremmøde stabilt, næste modul aftalt.",
    "Familien oplyser, at børnene er faldet godt til i skolen.",
    "Brev sendt om integrationskontrakt og rettigheder.",
    "Opfølgning på helbredsvurdering; lægetid er bestilt.",
    "Afgørelse om tilbud efter integrationsloven er sendt.",
    "Tolk deltog; samtalen handlede om dagtilbud til det yngste barn.",
    "Aftale med frivillig værtsfamilie er på plads.",
    "Drøftet ønsker til uddannelse og tidligere erhvervserfaring.",
]
PARTY_KINDS = [("jobcenter", "Jobcenter"), ("school", "Skole"), ("daycare", "Dagtilbud"),
               ("health_visitor", "Sundhedspleje"), ("gp", "Lægehuset"),
               ("language_school", "Sprogcenter"), ("housing", "Boligselskab"),
               ("volunteer", "Frivilligcenter"), ("family_consultant", "Familieafdelingen")]
JOB_FUNCTIONS = ["caseworker", "job_consultant", "teacher", "health_visitor",
                 "family_consultant", "manager", "other"]
REGIONS = ["1081", "1082", "1083", "1084", "1085"]
DOMAINS = ["employment", "education", "danish", "health", "family", "housing", "network"]
THEMES = ["reception", "housing", "employment", "education", "health", "children",
          "volunteers", "unaccompanied", "interpreting"]
TARGET_GROUPS = ["all", "adults", "families", "children", "young", "unaccompanied",
                 "reunified", "asylum"]
SOLUTION_WORDS = ["Mentorordning", "Sprogcafé", "Jobbro", "Brobygning", "Familiekursus",
                  "Lektiecafé", "Virksomhedspraktik", "Værtsfamilier", "Sundhedsguide",
                  "Boligsparring", "Cykelkursus", "Forældrenetværk", "Tolkebank",
                  "Opstartsforløb", "Fritidsguide"]


class Builder:
    """Runs the INSERT ... SELECT statements on one cursor, in dependency order."""

    def __init__(self, cursor, sizes, *, password, log=print):
        self.cursor = cursor
        self.sizes = sizes
        self.password = password
        self.log = log

    def run(self, sql, params=None):
        self.cursor.execute(sql, params or {})

    def scalar(self, sql, params=None):
        self.run(sql, params)
        return self.cursor.fetchone()[0]

    def next_id(self, model):
        return self.scalar(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {model._meta.db_table}")

    def build(self, steps=None):
        self.run("SELECT setseed(0.42)")
        self.run("SET LOCAL synchronous_commit = off")
        for step in steps or STEPS:
            getattr(self, step)()
            self.log(step)
        self.move_sequences()

    # -- users and municipalities ------------------------------------------------

    def municipalities(self):
        rows = list(Municipality.objects.values_list("id", "code", "name"))
        counts = households_per_municipality([code for _i, code, _n in rows],
                                             self.sizes.households, self.sizes.pinned)
        with POPULATION_CSV.parent.joinpath("municipalities.csv").open(encoding="utf-8") as f:
            slugs = {row["kommunekode"]: row["localflavor_slug"].lower()
                     for row in csv.DictReader(f)}
        self.run("""CREATE TEMP TABLE scale_mun (municipality_id int PRIMARY KEY, code text,
                    name text, slug text, households int, hh_from int, caseworkers int,
                    leads int) ON COMMIT DROP""")
        start = 0
        for pk, code, name in sorted(rows, key=lambda r: r[1]):
            n = counts[code]
            self.run("INSERT INTO scale_mun VALUES (%s,%s,%s,%s,%s,%s,%s,%s)", [
                pk, code, name, slugs.get(code, code), n, start,
                max(2, math.ceil(n / HOUSEHOLDS_PER_CASEWORKER)),
                max(1, math.ceil(n / HOUSEHOLDS_PER_TEAM_LEAD)),
            ])
            start += n

    def users(self):
        """Caseworkers and team leads of every municipality, all with one password."""
        base = self.next_id(User)
        self.run(f"""
            CREATE TEMP TABLE scale_user ON COMMIT DROP AS
            SELECT {base} - 1 + row_number() OVER (ORDER BY m.code, k.kind, k.n) AS id,
                   m.municipality_id, k.kind, k.n,
                   m.slug || '-' || k.kind || '-' || lpad(k.n::text, 3, '0') AS username
            FROM scale_mun m CROSS JOIN LATERAL (
                SELECT 'sagsbehandler' AS kind, n FROM generate_series(1, m.caseworkers) n
                UNION ALL
                SELECT 'teamleder', n FROM generate_series(1, m.leads) n
                UNION ALL
                SELECT 'admin', 1) k
            UNION ALL
            SELECT {base} + (SELECT SUM(caseworkers + leads + 1) FROM scale_mun), NULL,
                   'uddannelse', 1, 'landsdaekkende-uddannelse-001'""")
        self.run("CREATE INDEX ON scale_user (municipality_id, kind, n)")
        self.run(f"""
            INSERT INTO {User._meta.db_table} (id, password, is_superuser, username,
                first_name, last_name, email, is_staff, is_active, date_joined,
                municipality_id, phone, reachable)
            SELECT id, %(password)s, false, username,
                   {_pick(["Mette", "Lars", "Hanne", "Peter", "Sara", "Jens", "Anne", "Ole",
                           "Karen", "Mads", "Louise", "Henrik"], "(id * 7 %% 12) / 12.0")},
                   {_pick(["Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen",
                           "Christensen", "Larsen", "Sørensen", "Rasmussen", "Poulsen"],
                          "(id * 3 %% 10) / 10.0")},
                   username || '@example.dk', false, true, now(), municipality_id,
                   '70 10 00 00', 'Mandag-torsdag kl. 9-12'
            FROM scale_user""", {"password": make_password(self.password)})
        groups = {kind: Group.objects.get(name=role.value).pk for kind, role in USER_KINDS}
        for kind, group in groups.items():
            self.run(f"""
                INSERT INTO {User.groups.through._meta.db_table} (user_id, group_id)
                SELECT id, %(group)s FROM scale_user WHERE kind = %(kind)s""",
                     {"group": group, "kind": kind})

    # -- households ---------------------------------------------------------------

    def households(self):
        s = self.sizes
        base = self.next_id(Household)
        days = 365 * s.years
        cumulative, total = [], 0.0
        for w in SIZE_WEIGHTS:
            total += w
            cumulative.append(total)
        size_case = "CASE " + " ".join(
            f"WHEN h.r_size < {c:.4f} THEN {i}" for i, c in enumerate(cumulative[:-1], 1)
        ) + " ELSE 8 END"
        # 1. one row per household in its first municipality, with its dice.
        self.run(f"""
            CREATE TEMP TABLE scale_hh0 ON COMMIT DROP AS
            SELECT m.hh_from + g.i - 1 AS idx, {base} + m.hh_from + g.i - 1 AS id,
                   m.municipality_id AS first_mun, random() AS r_status, random() AS r_size,
                   random() AS r_arr, random() AS r_rank, random() AS r_move,
                   random() AS r_a, random() AS r_b, random() AS r_c
            FROM scale_mun m CROSS JOIN LATERAL generate_series(1, m.households) g(i)""")
        self.run("CREATE UNIQUE INDEX ON scale_hh0 (idx)")
        # 2. transfers: some households move to the municipality of another household.
        self.run(f"""
            CREATE TEMP TABLE scale_hh1 ON COMMIT DROP AS
            SELECT h.*, CASE WHEN o.first_mun <> h.first_mun AND row_number() OVER (
                                 PARTITION BY o.first_mun <> h.first_mun ORDER BY h.r_move)
                                 <= {s.transfers} THEN o.first_mun END AS moved_to,
                   CASE WHEN h.r_b < 0.6 THEN 'accepted' WHEN h.r_b < 0.8 THEN 'proposed'
                        WHEN h.r_b < 0.9 THEN 'rejected' ELSE 'withdrawn' END AS t_status,
                   {size_case} AS size,
                   (current_date - floor(h.r_arr * {days})::int) AS arr
            FROM scale_hh0 h JOIN scale_hh0 o
                 ON o.idx = (h.idx::bigint * 7919 + 13) %% {s.households}""")
        # 3. owner, status, dates and coordinator.
        self.run("""
            CREATE TEMP TABLE scale_hh ON COMMIT DROP AS
            SELECT x.*, row_number() OVER (ORDER BY x.r_rank) AS rank,
                   (SELECT u.id FROM scale_user u WHERE u.municipality_id = x.owner
                    AND u.kind = CASE WHEN x.interim THEN 'teamleder' ELSE 'sagsbehandler' END
                    AND u.n = 1 + x.idx %% CASE WHEN x.interim THEN m.leads
                                                ELSE m.caseworkers END) AS coordinator_id,
                   (SELECT u.id FROM scale_user u WHERE u.municipality_id = x.owner
                    AND u.kind = 'sagsbehandler'
                    AND u.n = 1 + (x.idx + 1) %% m.caseworkers) AS other_caseworker_id,
                   (SELECT u.id FROM scale_user u WHERE u.municipality_id = x.first_mun
                    AND u.kind = 'sagsbehandler'
                    AND u.n = 1 + x.idx %% fm.caseworkers) AS first_caseworker_id,
                   lpad(fm.code, 4, '0') AS code4
            FROM (
                SELECT h.*,
                       CASE WHEN moved_to IS NOT NULL AND t_status = 'accepted'
                            THEN moved_to ELSE first_mun END AS owner,
                       CASE WHEN r_status < 0.05 THEN 'expected'
                            WHEN r_status < 0.09 THEN 'moved'
                            WHEN current_date - arr > 1095 AND r_status < 0.7 THEN 'closed'
                            WHEN current_date - arr > 365 AND r_status < 0.25 THEN 'closed'
                            ELSE 'active' END AS status,
                       (r_status >= 0.09 AND r_status < 0.10) OR r_status < 0.01 AS interim
                FROM scale_hh1 h) x
            JOIN scale_mun m ON m.municipality_id = x.owner
            JOIN scale_mun fm ON fm.municipality_id = x.first_mun""")
        self.run("""UPDATE scale_hh SET interim = false WHERE status = 'closed'""")
        self.run("CREATE UNIQUE INDEX ON scale_hh (idx)")
        self.run("CREATE UNIQUE INDEX ON scale_hh (rank)")
        self.run(f"""
            INSERT INTO {Household._meta.db_table} (id, municipality_id, case_number, status,
                allocation_decided_on, takeover_on, arrived_on, address, primary_language,
                interpreter_needed, coordinator_id, coordinator_is_interim,
                contract_signed_on, danish_education_offered_on, first_company_offer_on,
                plan_agreed_on, plan_next_review_on, created_at, updated_at)
            SELECT id, owner,
                   code4 || '-' || extract(year FROM decided)::int || '-' || lpad(
                       row_number() OVER (PARTITION BY first_mun, extract(year FROM decided)
                                          ORDER BY idx)::text, 5, '0'),
                   status, decided, takeover, arrived,
                   {_pick(STREETS, "r_a")} || ' ' || (1 + idx %% 120),
                   ({_sql_array([o[1] for o in ORIGINS])})[1 + idx %% {len(ORIGINS)}],
                   r_c < 0.6, coordinator_id, interim,
                   CASE WHEN takeover IS NOT NULL AND r_a < 0.9
                        AND takeover + 10 + floor(r_b * 30)::int <= current_date
                        THEN takeover + 10 + floor(r_b * 30)::int END,
                   CASE WHEN takeover IS NOT NULL AND r_b < 0.9
                        AND takeover + 5 + floor(r_c * 30)::int <= current_date
                        THEN takeover + 5 + floor(r_c * 30)::int END,
                   CASE WHEN takeover IS NOT NULL AND r_c < 0.85
                        AND takeover + 14 + floor(r_a * 30)::int <= current_date
                        THEN takeover + 14 + floor(r_a * 30)::int END,
                   CASE WHEN status = 'active' AND takeover + 60 <= current_date
                        THEN takeover + 60 END,
                   CASE WHEN status = 'active' THEN current_date - 30
                        + floor(r_c * 180)::int END,
                   decided::timestamptz, now()
            FROM (SELECT *,
                         CASE WHEN status = 'expected' THEN current_date + 1
                              + floor(r_a * 60)::int ELSE arr END AS arrived,
                         CASE WHEN status = 'expected' THEN NULL ELSE arr END AS takeover,
                         arr - 30 - floor(r_c * 60)::int AS decided
                  FROM scale_hh) h""")
        self.run(f"""
            INSERT INTO {CaseNumberSequence._meta.db_table} (municipality_id, year, last)
            SELECT m.id, split_part(h.case_number, '-', 2)::int,
                   MAX(split_part(h.case_number, '-', 3)::int)
            FROM {Household._meta.db_table} h
            JOIN {Municipality._meta.db_table} m
                 ON lpad(m.code, 4, '0') = split_part(h.case_number, '-', 1)
            WHERE h.id >= {base}
            GROUP BY 1, 2
            ON CONFLICT (municipality_id, year) DO UPDATE
                SET last = GREATEST({CaseNumberSequence._meta.db_table}.last, EXCLUDED.last)
        """)
        self.run("ALTER TABLE scale_hh ADD COLUMN decided date, ADD COLUMN takeover date")
        self.run(f"""UPDATE scale_hh s SET decided = h.allocation_decided_on,
                        takeover = h.takeover_on
                    FROM {Household._meta.db_table} h WHERE h.id = s.id""")

    def persons(self):
        base = self.next_id(Person)
        origin = f"scale_hh.idx %% {len(ORIGINS)}"
        self.run(f"""
            CREATE TEMP TABLE scale_person ON COMMIT DROP AS
            SELECT {base} - 1 + row_number() OVER (ORDER BY p.idx, p.member) AS id, p.*,
                   row_number() OVER (PARTITION BY p.birth_date ORDER BY p.idx, p.member)
                       AS serial
            FROM (
                SELECT scale_hh.idx, scale_hh.id AS household_id, scale_hh.status, g.member,
                       g.member = 1 OR (g.member = 2 AND (scale_hh.size > 2 OR r_b < 0.6))
                           AS adult,
                       {origin} AS origin, random() AS r1, random() AS r2,
                       CASE WHEN g.member = 1 OR (g.member = 2 AND (scale_hh.size > 2
                                                                    OR r_b < 0.6))
                            THEN current_date - (7300 + floor(random() * 14600)::int)
                            ELSE current_date - (30 + floor(random() * 6200)::int)
                       END AS birth_date
                FROM scale_hh CROSS JOIN LATERAL generate_series(1, scale_hh.size) g(member)
            ) p""")
        self.run("CREATE UNIQUE INDEX ON scale_person (household_id, member)")
        grounds = _sql_array([o[2] for o in ORIGINS])
        countries = _sql_array([o[0] for o in ORIGINS])
        languages = _sql_array([o[1] for o in ORIGINS])
        self.run(f"""
            INSERT INTO {Person._meta.db_table} (id, household_id, first_name, last_name, cpr,
                birth_date, sex, relation, residence_ground, country_of_origin, languages,
                danish_education_status, danish_module, occupation_status, occupation_since)
            SELECT id, household_id,
                   CASE WHEN sex = 'female' THEN {_pick(FIRST_NAMES_F, "r1 * 17 - floor(r1 * 17)")}
                        ELSE {_pick(FIRST_NAMES_M, "r1 * 17 - floor(r1 * 17)")} END,
                   ({_sql_array(LAST_NAMES)})[1 + household_id %% {len(LAST_NAMES)}],
                   CASE WHEN status <> 'expected' AND r1 > 0.08 THEN
                       to_char(birth_date, 'DDMMYY') || '-'
                       || CASE WHEN birth_date >= DATE '2000-01-01' THEN '4' ELSE '0' END
                       || lpad((serial - 1)::text, 3, '0') END,
                   birth_date, sex,
                   CASE WHEN member = 1 THEN 'main' WHEN adult THEN 'spouse' ELSE 'child' END,
                   ({grounds})[1 + origin], ({countries})[1 + origin],
                   ({languages})[1 + origin],
                   CASE WHEN NOT adult THEN 'not_started'
                        ELSE {_pick(["not_started", "offered", "active", "active", "paused",
                                     "completed"], "r1")} END,
                   CASE WHEN adult THEN 1 + floor(r2 * 6)::int END,
                   CASE WHEN NOT adult THEN 'other'
                        ELSE {_pick(["programme", "programme", "job", "education",
                                     "self_supporting", "other"], "r2")} END,
                   CASE WHEN adult THEN current_date - floor(r1 * 700)::int END
            FROM (SELECT *, CASE WHEN (member = 1) = (r2 < 0.55) THEN 'male'
                                 ELSE 'female' END AS sex
                  FROM scale_person) p""")
        self.run("""ALTER TABLE scale_hh ADD COLUMN main_person_id bigint,
                        ADD COLUMN child_person_id bigint""")
        for column, member in (("main_person_id", 1), ("child_person_id", 3)):
            self.run(f"""UPDATE scale_hh h SET {column} = p.id FROM scale_person p
                         WHERE p.household_id = h.id AND p.member = {member}""")

    def assignments(self):
        """One tovholder period per household (open unless closed); a third had an
        earlier tovholder, and moved households had one in their first municipality."""
        table = CoordinatorAssignment._meta.db_table
        self.run(f"""
            INSERT INTO {table} (household_id, coordinator_id, started_at, ended_at,
                                 assigned_by_id, reason)
            SELECT id, first_caseworker_id, decided::timestamptz,
                   decided::timestamptz + interval '20 days', NULL, 'Første tildeling'
            FROM scale_hh WHERE r_a < 0.33 OR (moved_to IS NOT NULL
                                               AND t_status = 'accepted')""")
        self.run(f"""
            INSERT INTO {table} (household_id, coordinator_id, started_at, ended_at,
                                 assigned_by_id, reason)
            SELECT id, coordinator_id, decided::timestamptz + interval '20 days',
                   CASE WHEN status = 'closed' THEN LEAST(now(),
                        decided::timestamptz + interval '3 years') END,
                   NULL, ''
            FROM scale_hh""")

    def transfers(self):
        self.run(f"""
            INSERT INTO {CaseTransfer._meta.db_table} (household_id, from_municipality_id,
                to_municipality_id, moving_on, sender_access_until, note, status,
                proposed_by_id, proposed_at, decided_by_id, decided_at, new_coordinator_id,
                decision_note)
            SELECT id, first_mun, moved_to, decided + 30, decided + 30
                       + CASE WHEN r_c < 0.5 THEN 3650 ELSE 90 END,
                   'Familien flytter til ny bolig.', t_status, first_caseworker_id,
                   decided::timestamptz + interval '5 days',
                   CASE WHEN t_status IN ('accepted', 'rejected') THEN coordinator_id END,
                   CASE WHEN t_status IN ('accepted', 'rejected')
                        THEN decided::timestamptz + interval '20 days' END,
                   CASE WHEN t_status = 'accepted' THEN coordinator_id END, ''
            FROM scale_hh WHERE moved_to IS NOT NULL""")

    def shares(self):
        self.run(f"""
            INSERT INTO {CaseShare._meta.db_table} (household_id, from_municipality_id,
                to_municipality_id, purpose, legal_basis, consent_given_on, consent_text,
                legal_provision, include_basic, include_persons, include_parties,
                include_plan, include_reception, include_journal, starts_on, expires_on,
                status, created_by_id, created_at, answered_by_id, answered_at)
            SELECT h.id, h.owner, o.owner,
                   {_pick(["consultation", "move", "joint"], "h.r_c")},
                   CASE WHEN h.r_a < 0.7 THEN 'consent' ELSE 'provision' END,
                   CASE WHEN h.r_a < 0.7 THEN current_date - 40 END,
                   CASE WHEN h.r_a < 0.7 THEN 'Sparring om familiens forløb.' ELSE '' END,
                   CASE WHEN h.r_a < 0.7 THEN ''
                        ELSE 'Forvaltningslovens § 28, stk. 2, nr. 1' END,
                   true, true, h.r_b < 0.6, h.r_b < 0.4, h.r_b < 0.5, h.r_b < 0.3,
                   current_date - 30, current_date + CASE WHEN h.r_c < 0.85 THEN 180
                                                         ELSE -1 END,
                   CASE WHEN h.r_status < 0.6 THEN 'accepted'
                        WHEN h.r_status < 0.75 THEN 'pending'
                        WHEN h.r_status < 0.85 THEN 'declined'
                        WHEN h.r_status < 0.95 THEN 'revoked' ELSE 'withdrawn' END,
                   h.coordinator_id, now() - interval '30 days',
                   CASE WHEN h.r_status >= 0.6 AND h.r_status < 0.75 THEN NULL
                        ELSE o.coordinator_id END,
                   CASE WHEN h.r_status >= 0.6 AND h.r_status < 0.75 THEN NULL
                        ELSE now() - interval '29 days' END
            FROM scale_hh h JOIN scale_hh o
                 ON o.idx = (h.idx::bigint * 104729 + 7) %% {self.sizes.households}
            WHERE h.moved_to IS NULL AND h.status <> 'closed' AND o.owner <> h.owner
            ORDER BY h.r_move DESC LIMIT {self.sizes.shares}""")

    # -- the case file --------------------------------------------------------------

    def notes(self):
        """Notes over the households' time, skewed: a few households have very many."""
        n, households = self.sizes.notes, self.sizes.households
        base = self.next_id(JournalNote)
        self.run(f"""
            INSERT INTO {JournalNote._meta.db_table} (id, household_id, person_id, category,
                occurred_on, text, author_id, written_at, corrects_id)
            SELECT {base} - 1 + x.g, h.id, CASE WHEN x.r1 < 0.4 THEN h.main_person_id END,
                   {_pick(["conversation", "meeting", "phone", "letter", "decision", "other"],
                          "x.r1")},
                   d.on_day, {_pick(NOTE_TEXTS, "x.r2")}, h.coordinator_id,
                   d.on_day::timestamptz + interval '9 hours'
                       + (x.r2 * interval '8 hours'), NULL
            FROM (SELECT g, 1 + floor({households} * power(random(), 1.5))::int AS rank,
                         random() AS r1, random() AS r2, random() AS r3
                  FROM generate_series(1, {n}) g) x
            JOIN scale_hh h ON h.rank = x.rank
            CROSS JOIN LATERAL (SELECT h.decided + floor(x.r3 * (current_date - h.decided))::int
                                AS on_day) d""")

    def parties(self):
        base = self.next_id(InvolvedParty)
        kinds = _sql_array([k for k, _label in PARTY_KINDS])
        labels = _sql_array([label for _k, label in PARTY_KINDS])
        households = self.sizes.households
        self.run(f"""
            INSERT INTO {InvolvedParty._meta.db_table} (id, household_id, kind, organisation,
                contact_name, role, phone, email, active_from, active_to)
            SELECT {base} - 1 + g, h.id, ({kinds})[k], ({labels})[k] || ' ' || m.name,
                   'Kontaktperson ' || (g %% 97), '', '70 20 30 40', '', h.decided, NULL
            FROM generate_series(1, {self.sizes.parties}) g
            CROSS JOIN LATERAL (SELECT 1 + (g / {households}) %% {len(PARTY_KINDS)} AS k) kk
            JOIN scale_hh h ON h.idx = g %% {households}
            JOIN scale_mun m ON m.municipality_id = h.owner""")

    def plans(self):
        """Goals for adults, two actions to a goal, deadlines after the goal."""
        goals = max(1, math.ceil(self.sizes.actions / 2))
        goal_base = self.next_id(Goal)
        self.run("""CREATE TEMP TABLE scale_adult ON COMMIT DROP AS
                    SELECT row_number() OVER (ORDER BY p.id) - 1 AS n, p.id, h.decided
                    FROM scale_person p JOIN scale_hh h ON h.id = p.household_id
                    WHERE p.adult""")
        self.run("CREATE UNIQUE INDEX ON scale_adult (n)")
        adults = self.scalar("SELECT COUNT(*) FROM scale_adult")
        self.run(f"""
            INSERT INTO {Goal._meta.db_table} (id, person_id, domain, description, created_at)
            SELECT {goal_base} - 1 + g, a.id, ({_sql_array(DOMAINS)})[1 + g %% {len(DOMAINS)}],
                   'Mål for forløbet nr. ' || g, a.decided::timestamptz + interval '40 days'
            FROM generate_series(1, {goals}) g JOIN scale_adult a ON a.n = g %% {adults}""")
        self.run(f"""
            INSERT INTO {Action._meta.db_table} (goal_id, description, responsible_party_id,
                deadline, status, outcome, created_at)
            SELECT gl.id, 'Aftalt handling', NULL, d.deadline,
                   CASE WHEN d.deadline >= current_date THEN
                            CASE WHEN x.r < 0.5 THEN 'planned' ELSE 'in_progress' END
                        WHEN x.r < 0.7 THEN 'done' WHEN x.r < 0.75 THEN 'cancelled'
                        WHEN x.r < 0.85 THEN 'in_progress' ELSE 'planned' END,
                   '', gl.created_at
            FROM (SELECT g, random() AS r, random() AS r2
                  FROM generate_series(1, {self.sizes.actions}) g) x
            JOIN {Goal._meta.db_table} gl ON gl.id = {goal_base} + (x.g - 1) %% {goals}
            CROSS JOIN LATERAL (SELECT (gl.created_at AT TIME ZONE 'Europe/Copenhagen')::date
                                       + 30 + floor(x.r2 * 400)::int AS deadline) d""")

    def reception(self):
        """A reception plan for every household and tasks from the default template."""
        version = TemplateVersion.objects.filter(template__name=DEFAULT_NAME,
                                                 template__municipality=None).first()
        steps = list(TemplateStep.objects.filter(version=version).order_by("position")
                     .values_list("id", flat=True))
        plan_base = self.next_id(ReceptionPlan)
        self.run(f"""
            INSERT INTO {ReceptionPlan._meta.db_table} (id, household_id, version_id,
                created_by_id, created_at)
            SELECT {plan_base} + idx, id, %(version)s, coordinator_id, decided::timestamptz
            FROM scale_hh""", {"version": version.pk})
        households = self.sizes.households
        self.run(f"""
            INSERT INTO {PlanTask._meta.db_table} (plan_id, household_id, position, key, title,
                description, responsible_role, anchor, "offset", unit, applies_to, person_id,
                due_on, responsible_user_id, responsible_party_id, status, not_relevant_reason,
                completed_on, note)
            SELECT {plan_base} + h.idx, h.id, s.position, s.key, s.title, s.description,
                   s.responsible_role, s.anchor, s."offset", s.unit, s.applies_to,
                   CASE s.applies_to WHEN 'adults' THEN h.main_person_id
                                     WHEN 'children' THEN h.child_person_id END,
                   d.due, CASE WHEN s.responsible_role <> 'coordinator' AND x.r < 0.3
                               THEN h.other_caseworker_id END, NULL,
                   st.status, CASE WHEN st.status = 'not_relevant'
                                   THEN 'Familien har selv ordnet det.' ELSE '' END,
                   CASE WHEN st.status = 'done' THEN LEAST(current_date, d.due) END, ''
            FROM (SELECT g, random() AS r FROM generate_series(0, {self.sizes.tasks - 1}) g) x
            JOIN scale_hh h ON h.idx = x.g %% {households}
            JOIN {TemplateStep._meta.db_table} s
                 ON s.id = (%(steps)s::bigint[])[1 + (x.g / {households}) %% {len(steps)}]
            CROSS JOIN LATERAL (SELECT
                CASE s.anchor WHEN 'allocation' THEN h.decided
                              ELSE COALESCE(h.takeover, h.decided + 45) END
                + CASE s.unit WHEN 'months' THEN s."offset" * 30
                              WHEN 'working_days' THEN s."offset" * 7 / 5
                              ELSE s."offset" END AS due) d
            CROSS JOIN LATERAL (SELECT CASE
                WHEN d.due >= current_date - 14 THEN 'open'
                WHEN x.r < 0.90 THEN 'done' WHEN x.r < 0.93 THEN 'not_relevant'
                ELSE 'open' END AS status) st""", {"steps": steps})

    def audit(self):
        """Reads of households and persons by their tovholders over the years."""
        users = User._meta.db_table
        self.run(f"""
            INSERT INTO {AuditEvent._meta.db_table} (created_at, actor_id, actor_name, action,
                code, object_type, object_id, person_id, municipality_id,
                owner_municipality_id, ip_address, search_terms, detail)
            SELECT now() - x.r1 * interval '{self.sizes.years} years', h.coordinator_id,
                   u.username,
                   CASE WHEN x.r2 < 0.9 THEN 'read' WHEN x.r2 < 0.95 THEN 'search'
                        ELSE 'change' END,
                   CASE WHEN x.r2 < 0.6 THEN 'cases.household.read'
                        WHEN x.r2 < 0.9 THEN 'cases.person.read'
                        WHEN x.r2 < 0.95 THEN 'cases.household.searched'
                        ELSE 'cases.household' END,
                   CASE WHEN x.r2 < 0.6 OR x.r2 >= 0.95 THEN 'cases.household'
                        WHEN x.r2 < 0.9 THEN 'cases.person' ELSE '' END,
                   CASE WHEN x.r2 < 0.6 OR x.r2 >= 0.95 THEN h.id::text
                        WHEN x.r2 < 0.9 THEN h.main_person_id::text ELSE '' END,
                   CASE WHEN x.r2 >= 0.6 AND x.r2 < 0.9 THEN h.main_person_id END,
                   h.owner, h.owner, '10.0.0.1'::inet,
                   CASE WHEN x.r2 >= 0.9 AND x.r2 < 0.95 THEN 'Ahmad' ELSE '' END, ''
            FROM (SELECT 1 + floor({self.sizes.households} * power(random(), 1.5))::int
                             AS rank, random() AS r1, random() AS r2
                  FROM generate_series(1, {self.sizes.audit_events})) x
            JOIN scale_hh h ON h.rank = x.rank
            JOIN {users} u ON u.id = h.coordinator_id""")

    def catalogue(self):
        self.run(f"""
            INSERT INTO {Solution._meta.db_table} (title, municipality_id, theme, target_group,
                target_group_text, description, results, contact, author_id, created_at,
                updated_at)
            SELECT {_pick(SOLUTION_WORDS, "r1")} || ' i ' || m.name || ' ' || g,
                   m.municipality_id, {_pick(THEMES, "r2")}, {_pick(TARGET_GROUPS, "r3")}, '',
                   {_pick(NOTE_TEXTS, "r3")} || ' ' || {_pick(NOTE_TEXTS, "r1")},
                   'Flere i job og uddannelse.', 'integration@example.dk', NULL,
                   now() - r1 * interval '5 years', now()
            FROM (SELECT g, random() AS r1, random() AS r2, random() AS r3
                  FROM generate_series(1, {self.sizes.solutions}) g) x
            JOIN scale_mun m ON m.code = (SELECT code FROM scale_mun
                                          ORDER BY code
                                          OFFSET (x.g %% (SELECT COUNT(*) FROM scale_mun))
                                          LIMIT 1)""")
        from networks.models.catalogue import SEARCH_VECTOR
        Solution.objects.filter(search_vector__isnull=True).update(search_vector=SEARCH_VECTOR)

    def training(self):
        """Practitioners in every municipality on the programme's two modules: sessions
        of 25, most having completed the mandatory module, fewer the elective."""
        n = self.sizes.practitioners
        practitioner_base = self.next_id(Practitioner)
        session_base = self.next_id(Session)
        per_module = max(1, math.ceil(n / 25))
        modules = dict(Module.objects.values_list("kind", "id"))
        themes = list(Theme.objects.filter(module=modules["elective"]).order_by("id")
                      .values_list("id", flat=True))
        self.run(f"""
            INSERT INTO {Practitioner._meta.db_table} (id, name, email, municipality_id,
                job_function, user_id, created_at)
            SELECT {practitioner_base} - 1 + g, 'Praktiker ' || g,
                   'praktiker-' || g || '@skala.example.dk', m.municipality_id,
                   {_pick(JOB_FUNCTIONS, "random()")}, NULL, now()
            FROM generate_series(1, {n}) g
            JOIN scale_hh h ON h.rank = 1 + (g::bigint * 7919) %% {self.sizes.households}
            JOIN scale_mun m ON m.municipality_id = h.owner""")
        self.run(f"""
            INSERT INTO {Session._meta.db_table} (id, module_id, theme_id, venue, city, region,
                capacity, instructors, enrolment_deadline, status, created_at)
            SELECT {session_base} - 1 + g,
                   CASE WHEN g <= {per_module} THEN %(mandatory)s ELSE %(elective)s END,
                   CASE WHEN g > {per_module} THEN (%(themes)s::bigint[])[1 + g %% {len(themes)}]
                   END, 'Kursuscentret', 'Odense', ({_sql_array(REGIONS)})[1 + g %% 5],
                   40, '', current_date - 400 + g %% 300, 'held', now()
            FROM generate_series(1, {2 * per_module}) g""",
                 {"mandatory": modules["mandatory"], "elective": modules["elective"],
                  "themes": themes})
        self.run(f"""
            INSERT INTO {SessionDay._meta.db_table} (session_id, date)
            SELECT id, enrolment_deadline + 14 + d FROM {Session._meta.db_table},
                   generate_series(0, 1) d WHERE id >= {session_base}""")
        for kind, offset, done, active in (("mandatory", 0, 0.6, 0.8),
                                           ("elective", per_module, 0.4, 0.5)):
            self.run(f"""
                INSERT INTO {Enrolment._meta.db_table} (session_id, module_id, practitioner_id,
                    status, waitlist_position, moved_to_id, created_by_id, created_at)
                SELECT {session_base} + {offset} + (g - 1) %% {per_module}, %(module)s,
                       {practitioner_base} - 1 + g,
                       CASE WHEN r < {done} THEN 'completed' ELSE 'confirmed' END,
                       NULL, NULL, NULL, now()
                FROM (SELECT g, random() AS r FROM generate_series(1, {n}) g) x
                WHERE r < {active}""", {"module": modules[kind]})

    def move_sequences(self):
        for model in (User, Household, Person, JournalNote, InvolvedParty, Goal,
                      ReceptionPlan, Practitioner, Session):
            table = model._meta.db_table
            self.run(f"""SELECT setval(pg_get_serial_sequence('{table}', 'id'),
                                       (SELECT COALESCE(MAX(id), 1) FROM {table}))""")


STEPS = ["municipalities", "users", "households", "persons", "assignments", "transfers",
         "shares", "notes", "parties", "plans", "reception", "audit", "catalogue",
         "training"]
