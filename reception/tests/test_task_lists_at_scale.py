"""The overdue and this week's task lists on bulk data: the same tasks as picking them
one by one (responsible user, else the household's tovholder), and "mine" found
through the indexes on the responsible user and the tovholder's households."""

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from cases.tests.bulk import build_case_files
from reception import selectors
from reception.models import PlanTask, TaskStatus
from reception.tests.bulk import build_plans


def build(code, households, seed, coordinators=4):
    staff = build_case_files(code, households=households, coordinators=coordinators, seed=seed)
    build_plans(code, staff=staff, seed=seed)
    return staff


def analyze():
    with connection.cursor() as cursor:
        for table in ("cases_household", "cases_person", "reception_plantask"):
            cursor.execute(f"ANALYZE {table}")


@pytest.fixture
def two_municipalities(db):
    built = build("420", 80, seed=5), build("461", 80, seed=6)
    analyze()
    return built


def picked_one_by_one(user, recipient=None):
    """(overdue, this week) as task ids, by walking every task of the municipality."""
    today = timezone.localdate()
    tasks = [
        task for task in PlanTask.all_objects.select_related("household")
        if task.household.municipality_id == user.municipality_id
        and task.status == TaskStatus.OPEN and task.due_on is not None
        and task.household.status in selectors.ACTIVE_STATUSES
        and task.due_on < today + datetime.timedelta(days=7)
        and (recipient is None
             or (task.responsible_user_id or task.household.coordinator_id) == recipient.pk)
    ]
    tasks.sort(key=lambda t: (t.due_on, t.household.case_number, t.position, t.id))
    return ([t.pk for t in tasks if t.due_on < today], [t.pk for t in tasks if t.due_on >= today])


def ids(lists):
    return tuple([task.pk for task in tasks] for tasks in lists)


def test_my_tasks_are_those_naming_me_or_naming_no_one_in_my_households(two_municipalities):
    for staff in two_municipalities:
        for user in staff[:2]:
            expected = picked_one_by_one(user, recipient=user)
            assert ids(selectors.task_lists(user, mine=True)) == expected
    assert len(picked_one_by_one(staff[0], recipient=staff[0])[0]) > 10


def test_a_colleagues_and_the_municipalitys_tasks_are_picked_the_same_way(two_municipalities):
    assens, odense = two_municipalities
    lead, colleague = assens[0], assens[1]
    assert ids(selectors.task_lists(lead, mine=False, coordinator=colleague)) == \
        picked_one_by_one(lead, recipient=colleague)
    assert ids(selectors.task_lists(lead, mine=False)) == picked_one_by_one(lead)
    # A colleague of another municipality has no tasks in this one.
    assert ids(selectors.task_lists(lead, mine=False, coordinator=odense[1])) == ([], [])


def test_my_tasks_are_found_through_indexes_not_a_scan_of_the_municipalitys(postgres):
    """One of 25 tovholdere in a municipality of 1 500 households: their tasks come
    from the task's indexes on the responsible user and on the household (their own
    households, fetched first), where COALESCE(responsible, tovholder) had to read
    every task of the municipality."""
    mine = build("420", 1500, seed=7, coordinators=25)[1]
    build("461", 100, seed=8)
    analyze()
    plan = selectors.open_tasks(mine, mine=True).explain()
    assert "reception_plantask_responsible_user_id" in plan
    assert "reception_plantask_household_id" in plan
    assert "Seq Scan on reception_plantask" not in plan
