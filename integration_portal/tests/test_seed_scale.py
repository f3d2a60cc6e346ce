"""seed_scale at a small size: the counts asked for, rows the models accept, and an
access policy that still gives each municipality its own rows only."""

import os
import subprocess
import sys
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, F, Q
from django.utils import timezone

from cases.models import (
    Action,
    CoordinatorAssignment,
    Goal,
    Household,
    HouseholdStatus,
    InvolvedParty,
    JournalNote,
    Person,
)
from integration_portal import cpr
from integration_portal.management.commands.seed_scale import DEFAULT_SCALE_PASSWORD
from integration_portal.models import AuditEvent, Municipality, User
from networks.access import active_shares_to, sender_transfers
from networks.models import CaseShare, CaseTransfer, Solution
from reception.models import PlanTask, ReceptionPlan
from training.models import Enrolment, Practitioner

SIZES = {"households": 300, "notes": 3000, "tasks": 2400, "actions": 900, "parties": 500,
         "audit_events": 5000, "solutions": 40, "shares": 12, "transfers": 6, "practitioners": 60,
         "pin": "420=40,492=3"}
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def seeded(postgres, settings):
    settings.DEBUG = True
    call_command("seed_scale", stdout=StringIO(), **SIZES)


def test_counts_are_what_was_asked(seeded):
    assert Household.all_objects.count() == 300
    assert JournalNote.all_objects.count() == 3000
    assert PlanTask.all_objects.count() == 2400
    assert Action.all_objects.count() == 900
    assert InvolvedParty.all_objects.count() == 500
    assert AuditEvent.objects.count() == 5000
    assert Solution.objects.count() == 40
    assert CaseShare.objects.count() == 12
    assert CaseTransfer.objects.count() == 6
    assert ReceptionPlan.all_objects.count() == 300
    assert Practitioner.all_objects.count() == 60
    assert Enrolment.all_objects.filter(status="completed").exists()


def test_households_spread_over_every_municipality_with_one_to_eight_persons(seeded):
    per_municipality = dict(Municipality.objects.annotate(n=Count("households"))
                            .values_list("code", "n"))
    assert len(per_municipality) == 98 and min(per_municipality.values()) >= 1
    # Pinned as asked (give or take the households moved in or out by transfers).
    assert abs(per_municipality["420"] - 40) <= 6 and per_municipality["492"] <= 3 + 6
    sizes = Household.all_objects.annotate(n=Count("persons")).values_list("n", flat=True)
    assert min(sizes) == 1 and max(sizes) <= 8 and sum(sizes) / len(sizes) > 2


def test_notes_and_tasks_spread_over_five_years(seeded):
    today = timezone.localdate()
    notes = JournalNote.all_objects
    oldest = notes.order_by("occurred_on").first().occurred_on
    assert today - timedelta(days=5 * 366 + 91) <= oldest < today - timedelta(days=3 * 365)
    assert not notes.filter(occurred_on__gt=today).exists()
    due = PlanTask.all_objects.exclude(due_on=None).order_by("due_on")
    assert due.first().due_on < today - timedelta(days=3 * 365)
    assert PlanTask.all_objects.filter(status="open", due_on__lt=today).exists()


def test_every_open_household_has_one_tovholder_of_its_own_municipality(seeded):
    open_households = Household.all_objects.exclude(status=HouseholdStatus.CLOSED)
    assert not open_households.exclude(
        coordinator__municipality=F("municipality")).exists()
    current = CoordinatorAssignment.all_objects.filter(ended_at=None)
    assert current.count() == open_households.count()
    assert not current.exclude(coordinator=F("household__coordinator")).exists()
    assert Household.all_objects.filter(coordinator_is_interim=True).exists()


def test_sampled_rows_pass_model_validation(seeded):
    persons = list(Person.all_objects.exclude(cpr=None).order_by("pk")[:40])
    for person in persons:
        born = person.birth_date
        person.full_clean()
        assert person.birth_date == born == cpr.birth_date(person.cpr)
    samples = [
        Household.all_objects.order_by("pk")[:10],
        JournalNote.all_objects.order_by("pk")[:20],
        PlanTask.all_objects.order_by("pk")[:40],
        Goal.all_objects.order_by("pk")[:10],
        Action.all_objects.order_by("pk")[:20],
        InvolvedParty.all_objects.order_by("pk")[:10],
        CaseShare.objects.all(),
        Solution.objects.order_by("pk")[:5],
    ]
    for queryset in samples:
        for row in queryset:
            row.full_clean()


@pytest.mark.parametrize("username", ["aeroe-sagsbehandler-001", "assens-sagsbehandler-001",
                                      "koebenhavn-teamleder-001"])
def test_each_municipality_sees_its_own_rows_and_what_is_granted(seeded, username):
    user = User.objects.get(username=username)
    granted = set(active_shares_to(user, "journal").values_list("household_id", flat=True))
    granted |= set(sender_transfers(user).values_list("household_id", flat=True))
    own = set(Household.all_objects.filter(municipality=user.municipality_id)
              .values_list("pk", flat=True))
    assert own
    notes = JournalNote.objects.visible_to(user)
    assert set(notes.values_list("household_id", flat=True)) <= own | granted
    assert notes.count() == JournalNote.all_objects.filter(
        Q(household__in=own) | Q(household__in=granted)).count()
    seen = set(Household.objects.visible_to(user, part="journal").values_list("pk", flat=True))
    assert seen == own | granted


def test_some_shares_and_transfers_open_other_municipalities_doors(seeded):
    receivers = CaseShare.objects.active().values_list("to_municipality", flat=True)
    assert receivers
    user = User.objects.filter(municipality=receivers[0]).first()
    share = CaseShare.objects.active().filter(to_municipality=receivers[0]).first()
    assert Household.objects.visible_to(user).filter(pk=share.household_id).exists()
    assert CaseTransfer.objects.filter(status="accepted").exists()


@pytest.mark.parametrize(("username", "code", "role"), [
    ("aeroe-sagsbehandler-001", "492", "sagsbehandler"),
    ("koebenhavn-teamleder-001", "101", "teamleder"),
    ("assens-admin-001", "420", "kommunal administrator"),
    ("landsdaekkende-uddannelse-001", None, "uddannelsesadministrator"),
])
def test_seeded_users_log_in_with_the_bench_password(seeded, username, code, role):
    user = User.objects.get(username=username)
    assert user.check_password(DEFAULT_SCALE_PASSWORD) and user.is_active
    assert (user.municipality.code if user.municipality else None) == code
    assert [r.value for r in user.roles] == [role]


def test_refuses_with_debug_off(postgres, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_scale", stdout=StringIO(), **SIZES)
    assert not Household.all_objects.exists()


def test_refuses_a_database_that_already_has_households(seeded):
    with pytest.raises(CommandError, match="uden husstande"):
        call_command("seed_scale", stdout=StringIO(), **SIZES)
    assert Household.all_objects.count() == 300


def test_refuses_on_sqlite(tmp_path):
    env = {**os.environ, "DEBUG": "true", "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3"}
    result = subprocess.run(
        [sys.executable, "manage.py", "seed_scale", "--households", "300"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode != 0
    assert "kræver PostgreSQL" in result.stderr
