"""A person entered after the plan was made gets their adults' or children's tasks."""

import datetime
from collections import Counter

import pytest
from django.urls import reverse

from cases import services as case_services
from cases.models import Person, Relation, ResidenceGround
from integration_portal.models import AuditEvent
from reception import services
from reception.models import AppliesTo, PlanTask, TaskStatus
from reception.reference import DEFAULT_STEPS
from reception.tests.factories import register

D = datetime.date
STEPS_FOR = Counter(step[6] for step in DEFAULT_STEPS)


def enter(household, by, first_name, birth_date, relation=Relation.MAIN):
    """A person entered on the case file through cases' service, as the form does."""
    person = Person(household=household, first_name=first_name, last_name="Haddad",
                    birth_date=birth_date, relation=relation,
                    residence_ground=ResidenceGround.S7_1, country_of_origin="Syrien")
    return case_services.save_record(instance=person, by=by, code="cases.person")


def tasks(plan, applies_to, person=None):
    return {task.key: task for task in PlanTask.all_objects.filter(
        plan=plan, applies_to=applies_to, person=person)}


@pytest.fixture
def plan(alice):
    """A plan from a registered allocation: no one entered yet."""
    return register(by=alice)


def test_a_registered_allocation_has_household_level_tasks_for_adults_and_children(plan):
    assert len(tasks(plan, AppliesTo.ADULTS)) == STEPS_FOR["adults"]
    assert len(tasks(plan, AppliesTo.CHILDREN)) == STEPS_FOR["children"]


def test_the_first_adult_takes_over_the_household_level_adults_tasks(plan, alice):
    fallback = tasks(plan, AppliesTo.ADULTS)
    amina = enter(plan.household, alice, "Amina", D(1988, 3, 14))

    taken = tasks(plan, AppliesTo.ADULTS, amina)
    assert {key: task.pk for key, task in taken.items()} == {
        key: task.pk for key, task in fallback.items()}
    assert tasks(plan, AppliesTo.ADULTS) == {}
    assert len(tasks(plan, AppliesTo.CHILDREN)) == STEPS_FOR["children"]  # still waiting
    events = AuditEvent.objects.filter(code="reception.task.changed", person_id=amina.pk)
    assert events.count() == STEPS_FOR["adults"]
    assert all(event.actor is None for event in events)


def test_the_second_adult_gets_new_tasks_with_the_same_due_dates(plan, alice):
    amina = enter(plan.household, alice, "Amina", D(1988, 3, 14))
    before = PlanTask.all_objects.filter(plan=plan).count()
    karim = enter(plan.household, alice, "Karim", D(1985, 6, 2), Relation.SPOUSE)

    amina_tasks = tasks(plan, AppliesTo.ADULTS, amina)
    karim_tasks = tasks(plan, AppliesTo.ADULTS, karim)
    assert PlanTask.all_objects.filter(plan=plan).count() == before + STEPS_FOR["adults"]
    assert set(karim_tasks) == set(amina_tasks)
    assert {key: task.due_on for key, task in karim_tasks.items()} == {
        key: task.due_on for key, task in amina_tasks.items()}
    assert all(task.status == TaskStatus.OPEN for task in karim_tasks.values())
    assert AuditEvent.objects.filter(code="reception.task.created",
                                     person_id=karim.pk).count() == STEPS_FOR["adults"]


def test_the_child_takes_the_children_step_task(plan, alice):
    [school] = PlanTask.all_objects.filter(plan=plan, key="school_daycare")
    enter(plan.household, alice, "Amina", D(1988, 3, 14))
    lina = enter(plan.household, alice, "Lina", D(2016, 8, 21), Relation.CHILD)

    school.refresh_from_db()
    assert school.person == lina
    assert PlanTask.all_objects.filter(plan=plan, key="school_daycare").count() == 1
    assert tasks(plan, AppliesTo.CHILDREN) == {}


def test_a_family_of_two_adults_and_a_child_ends_with_a_task_per_person(plan, alice):
    enter(plan.household, alice, "Amina", D(1988, 3, 14))
    enter(plan.household, alice, "Karim", D(1985, 6, 2), Relation.SPOUSE)
    enter(plan.household, alice, "Lina", D(2016, 8, 21), Relation.CHILD)
    assert PlanTask.all_objects.filter(plan=plan).count() == (
        STEPS_FOR["household"] + 2 * STEPS_FOR["adults"] + STEPS_FOR["children"])
    assert not PlanTask.all_objects.filter(plan=plan, person__isnull=True).exclude(
        applies_to=AppliesTo.HOUSEHOLD).exists()


def test_saving_or_adding_the_same_person_again_creates_nothing(plan, alice):
    enter(plan.household, alice, "Amina", D(1988, 3, 14))
    karim = enter(plan.household, alice, "Karim", D(1985, 6, 2), Relation.SPOUSE)
    count = PlanTask.all_objects.filter(plan=plan).count()
    events = AuditEvent.objects.filter(code__startswith="reception.task.").count()

    karim.last_name = "Haddad-Saleh"
    case_services.save_record(instance=karim, by=alice, code="cases.person")
    assert services.add_person_tasks(person=karim, by=alice) == []

    assert PlanTask.all_objects.filter(plan=plan).count() == count
    assert AuditEvent.objects.filter(code__startswith="reception.task.").count() == events


def test_a_done_household_level_task_is_not_duplicated(plan, alice):
    [school] = PlanTask.all_objects.filter(plan=plan, key="school_daycare")
    school.status = TaskStatus.DONE
    services.update_task(task=school, by=alice)
    [contract] = PlanTask.all_objects.filter(plan=plan, key="contract")
    contract.status = TaskStatus.NOT_RELEVANT
    contract.not_relevant_reason = "Aftalt i anden kommune"
    services.update_task(task=contract, by=alice)

    amina = enter(plan.household, alice, "Amina", D(1988, 3, 14))
    lina = enter(plan.household, alice, "Lina", D(2016, 8, 21), Relation.CHILD)

    assert list(PlanTask.all_objects.filter(plan=plan, key="school_daycare")) == [school]
    assert list(PlanTask.all_objects.filter(plan=plan, key="contract")) == [contract]
    school.refresh_from_db()
    contract.refresh_from_db()
    assert school.person is None and school.status == TaskStatus.DONE
    assert contract.person is None and contract.status == TaskStatus.NOT_RELEVANT
    assert "contract" not in tasks(plan, AppliesTo.ADULTS, amina)
    assert len(tasks(plan, AppliesTo.ADULTS, amina)) == STEPS_FOR["adults"] - 1
    assert tasks(plan, AppliesTo.CHILDREN, lina) == {}


def test_a_person_in_a_household_without_a_plan_gets_no_tasks(alice):
    household = case_services.create_household(by=alice)
    person = enter(household, alice, "Amina", D(1988, 3, 14))
    assert not PlanTask.all_objects.filter(person=person).exists()
    assert services.add_person_tasks(person=person) == []


def test_the_person_is_entered_through_the_case_form(plan, alice, client):
    client.force_login(alice)
    response = client.post(reverse("cases:person_create", args=[plan.household.pk]), {
        "first_name": "Amina", "last_name": "Haddad", "birth_date": "1988-03-14",
        "relation": Relation.MAIN, "residence_ground": ResidenceGround.S7_1,
        "country_of_origin": "Syrien", "danish_education_status": "not_started",
        "occupation_status": "programme",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    amina = Person.all_objects.get(household=plan.household, first_name="Amina")
    assert len(tasks(plan, AppliesTo.ADULTS, amina)) == STEPS_FOR["adults"]
