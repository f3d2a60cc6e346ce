"""Case files in bulk (bulk_create, no services, no audit): a few thousand rows in a
few seconds, varied enough that every count on the board and the case list has
something to count. For tests that compare aggregates and read query plans; the
factories remain the way to make a case file a test reasons about."""

import datetime
import random

from django.contrib.auth.models import Group
from django.utils import timezone

from cases.models import (
    Action,
    ActionStatus,
    Goal,
    GoalDomain,
    Household,
    HouseholdStatus,
    OccupationStatus,
    Person,
    Relation,
    ResidenceGround,
)
from integration_portal.models import User
from integration_portal.roles import Role
from integration_portal.testing.factories import municipality

STATUSES = [HouseholdStatus.ACTIVE] * 6 + [HouseholdStatus.EXPECTED] * 2 + [
    HouseholdStatus.MOVED, HouseholdStatus.CLOSED]


def _maybe(rng, day, chance=0.5):
    return day if rng.random() < chance else None


def _household(rng, place, number, coordinators, today):
    status = rng.choice(STATUSES)
    arrived = today - datetime.timedelta(days=rng.randint(-30, 5 * 365))
    takeover = _maybe(rng, arrived + datetime.timedelta(days=rng.randint(0, 10)), 0.9)
    return Household(
        municipality=place, case_number=f"B{place.code}-{number:06d}", status=status,
        arrived_on=_maybe(rng, arrived, 0.95), takeover_on=takeover,
        coordinator=rng.choice(coordinators), coordinator_is_interim=rng.random() < 0.1,
        contract_signed_on=_maybe(rng, takeover), first_company_offer_on=_maybe(rng, takeover),
        danish_education_offered_on=_maybe(rng, takeover),
    )


def _person(rng, household, today):
    age = rng.choice([rng.randint(0, 17), rng.randint(18, 70), 18])
    born = today.replace(year=today.year - age) - datetime.timedelta(days=rng.randint(-3, 3))
    return Person(
        household=household, first_name=f"P{rng.randint(1, 99999)}", last_name="Bulk",
        birth_date=_maybe(rng, born, 0.95), relation=rng.choice(Relation.values),
        residence_ground=rng.choice([*ResidenceGround.values, ""]),
        occupation_status=rng.choice(OccupationStatus.values),
    )


def _goals_and_actions(rng, persons, today):
    goals = Goal.all_objects.bulk_create(
        Goal(person=person, domain=rng.choice(GoalDomain.values), description="Mål")
        for person in persons for _n in range(rng.randint(0, 2)))
    Action.all_objects.bulk_create(
        Action(goal=goal, description="Handling", status=rng.choice(ActionStatus.values),
               deadline=today + datetime.timedelta(days=rng.randint(-400, 200)))
        for goal in goals for _n in range(rng.randint(0, 3)))


def _staff(place, count):
    """Caseworkers and a team lead in four (no password: hashing is what is slow)."""
    staff = User.objects.bulk_create(
        User(username=f"bulk{place.code}-{n}", first_name=f"Tovholder {n}", last_name=place.name,
             municipality=place, password="!") for n in range(count))
    roles = {role: Group.objects.get(name=role.value) for role in (Role.TEAM_LEAD,
                                                                   Role.CASEWORKER)}
    User.groups.through.objects.bulk_create(
        User.groups.through(user=user, group=roles[Role.TEAM_LEAD if n % 4 == 0
                                                   else Role.CASEWORKER])
        for n, user in enumerate(staff))
    return staff


def build_case_files(code, *, households, coordinators=8, seed=0):
    """``households`` case files in municipality ``code`` held by ``coordinators`` new
    caseworkers and team leads; returns the coordinators."""
    rng, today, place = random.Random(seed), timezone.localdate(), municipality(code)
    staff = _staff(place, coordinators)
    made = Household.all_objects.bulk_create(
        _household(rng, place, number, staff, today) for number in range(households))
    persons = Person.all_objects.bulk_create(
        _person(rng, household, today) for household in made
        for _n in range(rng.choice([0, 1, 1, 2, 3, 4, 5, 8])))
    _goals_and_actions(rng, persons, today)
    return staff
