"""A few thousand case rows in two municipalities, written with bulk_create, for tests
that read query plans (and for measuring them by hand, from ``manage.py shell``)."""

import datetime
import itertools

from django.utils import timezone

from cases.models import Action, Goal, Household, HouseholdStatus, Person
from cases.models.plan import ActionStatus, GoalDomain
from integration_portal.testing.factories import UserFactory, municipality
from reception.models import PlanTask, ReceptionPlan, TaskStatus
from reception.tests.factories import register

STATUSES = [HouseholdStatus.ACTIVE] * 6 + [HouseholdStatus.EXPECTED, HouseholdStatus.CLOSED]
TASK_FIELDS = ["position", "key", "title", "responsible_role", "anchor", "offset", "unit",
               "applies_to"]


def _staff(code, count):
    return [UserFactory(username=f"k{code}-{n}", municipality=municipality(code),
                        role="teamleder" if n == 0 else "sagsbehandler")
            for n in range(count)]


def _households(code, count, staff, numbers):
    today = timezone.localdate()
    rows = []
    for n in range(count):
        status = STATUSES[n % len(STATUSES)]
        arrived = today - datetime.timedelta(days=(n * 7) % 1800)
        rows.append(Household(
            municipality=municipality(code), case_number=f"S-{code}-{next(numbers):06d}",
            status=status, arrived_on=arrived, takeover_on=arrived,
            coordinator=staff[n % len(staff)], coordinator_is_interim=n % 23 == 0,
        ))
    return Household.all_objects.bulk_create(rows)


def _persons(households):
    rows = []
    for n, household in enumerate(households):
        for k in range(1 + n % 4):
            born = datetime.date(1960 + (n + 13 * k) % 60, 1 + k, 1 + n % 28)
            rows.append(Person(household=household, first_name=f"Fornavn{n}-{k}",
                               last_name=f"Efternavn{n}", birth_date=born))
    return Person.all_objects.bulk_create(rows)


def _plan(persons):
    today = timezone.localdate()
    goals = Goal.all_objects.bulk_create(
        [Goal(person=person, domain=GoalDomain.choices[0][0], description="Mål")
         for person in persons[::2]])
    Action.all_objects.bulk_create(
        [Action(goal=goal, description=f"Handling {k}", status=ActionStatus.choices[0][0],
                deadline=today + datetime.timedelta(days=(n % 90) - 45 + k))
         for n, goal in enumerate(goals) for k in range(2)])


def _reception(households, by):
    """A reception plan with the template's tasks on every open household."""
    model = register(by=by)
    template_tasks = list(model.tasks.all())
    today = timezone.localdate()
    open_households = [h for h in households if h.status != HouseholdStatus.CLOSED]
    plans = ReceptionPlan.all_objects.bulk_create(
        [ReceptionPlan(household=h, version=model.version, created_by=by)
         for h in open_households])
    PlanTask.all_objects.bulk_create([
        PlanTask(plan=plan, household_id=plan.household_id, status=TaskStatus.OPEN,
                 due_on=today + datetime.timedelta(days=(n * 3 + k) % 120 - 60),
                 responsible_user=by if k % 5 == 0 else None,
                 **{field: getattr(task, field) for field in TASK_FIELDS})
        for n, plan in enumerate(plans) for k, task in enumerate(template_tasks)])


def build(*, small=("420", 300), large=("461", 3000), staff=8, first_number=1):
    """Households with persons, goals, actions and reception tasks in two
    municipalities; returns {code: [its users]} (the first is a team lead)."""
    numbers = itertools.count(first_number)
    users = {}
    for code, count in (small, large):
        users[code] = _staff(code, staff)
        households = _households(code, count, users[code], numbers)
        _plan(_persons(households))
        _reception(households, users[code][1])
    return users
