"""Reception plans and tasks in bulk for households made by cases.tests.bulk: for
tests that compare task lists and read query plans over a few thousand rows."""

import datetime
import random

from django.utils import timezone

from cases.models import Household, Person
from reception.models import PlanTask, ReceptionPlan, ReceptionTemplate, TaskStatus
from reception.models.templates import DeadlineUnit
from reception.reference import DEFAULT_NAME

STATUSES = [TaskStatus.OPEN] * 3 + [TaskStatus.DONE] * 2 + [TaskStatus.NOT_RELEVANT]


def _task(rng, plan, position, staff, persons, today):
    status = rng.choice(STATUSES)
    return PlanTask(
        plan=plan, household_id=plan.household_id, position=position, title="Opgave",
        responsible_role="coordinator", anchor="arrival", offset=1,
        unit=DeadlineUnit.CALENDAR_DAYS,
        person=rng.choice(persons) if persons and rng.random() < 0.3 else None,
        due_on=today + datetime.timedelta(days=rng.randint(-300, 60))
        if rng.random() < 0.95 else None,
        responsible_user=rng.choice(staff) if rng.random() < 0.3 else None,
        status=status, not_relevant_reason="Ikke aktuelt" if status == "not_relevant" else "",
        completed_on=today if status == TaskStatus.DONE else None,
    )


def build_plans(code, *, staff, tasks_per_plan=12, seed=0):
    """A plan with ``tasks_per_plan`` varied tasks for most households of ``code``."""
    rng, today = random.Random(seed), timezone.localdate()
    version = ReceptionTemplate.objects.get(municipality=None, name=DEFAULT_NAME) \
        .versions.order_by("-number").first()
    households = [h for h in Household.all_objects.filter(municipality__code=code)
                  .order_by("pk") if rng.random() < 0.9]
    plans = ReceptionPlan.all_objects.bulk_create(
        ReceptionPlan(household=household, version=version, created_by=staff[0])
        for household in households)
    persons = {}
    for person in Person.all_objects.filter(household__in=households).only("household"):
        persons.setdefault(person.household_id, []).append(person)
    PlanTask.all_objects.bulk_create(
        _task(rng, plan, position, staff, persons.get(plan.household_id), today)
        for plan in plans for position in range(tasks_per_plan))
