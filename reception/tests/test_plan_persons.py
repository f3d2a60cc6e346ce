"""Steps for adults or children become one task per adult or child, naming them."""

import datetime
from collections import Counter

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from cases.models import Household, Relation
from cases.tests.factories import PersonFactory, make_household
from integration_portal import access
from reception import selectors, services
from reception.models import AppliesTo, PlanTask, TaskStatus
from reception.reference import DEFAULT_STEPS

D = datetime.date
STEPS_FOR = Counter(step[6] for step in DEFAULT_STEPS)


@pytest.fixture
def family(alice):
    """Two adults and a child, arrived three weeks ago; the plan made after they were
    entered on the case file."""
    arrived = timezone.localdate() - datetime.timedelta(days=21)
    household = make_household(coordinator=alice, arrived_on=arrived, takeover_on=arrived)
    amina = PersonFactory(household=household, first_name="Amina", birth_date=D(1988, 3, 14))
    karim = PersonFactory(household=household, first_name="Karim", birth_date=D(1985, 6, 2),
                          relation=Relation.SPOUSE)
    lina = PersonFactory(household=household, first_name="Lina", birth_date=D(2016, 8, 21),
                         relation=Relation.CHILD)
    plan = services.make_plan(household=household, by=alice)
    return {"plan": plan, "household": household, "amina": amina, "karim": karim,
            "lina": lina}


def tasks_for(plan, key):
    return list(PlanTask.all_objects.filter(plan=plan, key=key).select_related("person")
                .order_by("person__first_name"))


def test_two_adults_and_a_child_get_a_task_per_adult_per_child_and_one_for_the_household(
        family):
    plan = family["plan"]
    assert len(tasks_for(plan, "contract")) == 2  # adults
    assert len(tasks_for(plan, "school_daycare")) == 1  # children
    assert len(tasks_for(plan, "welcome")) == 1  # household
    assert PlanTask.all_objects.filter(plan=plan).count() == (
        STEPS_FOR["household"] + 2 * STEPS_FOR["adults"] + STEPS_FOR["children"])


def test_each_per_person_task_names_its_person(family):
    plan = family["plan"]
    for task in PlanTask.all_objects.filter(plan=plan, applies_to=AppliesTo.ADULTS):
        assert task.person in (family["amina"], family["karim"])
    assert [task.person for task in tasks_for(plan, "screening")] == [
        family["amina"], family["karim"]]
    assert [task.person for task in tasks_for(plan, "school_daycare")] == [family["lina"]]
    assert not PlanTask.all_objects.filter(
        plan=plan, applies_to=AppliesTo.HOUSEHOLD, person__isnull=False).exists()


def test_completing_one_adults_task_leaves_the_other_open(family, alice):
    amina_contract, karim_contract = tasks_for(family["plan"], "contract")
    amina_contract.status = TaskStatus.DONE
    services.update_task(task=amina_contract, by=alice)

    karim_contract.refresh_from_db()
    assert karim_contract.status == TaskStatus.OPEN and karim_contract.completed_on is None
    household = Household.all_objects.get(pk=family["household"].pk)
    assert household.contract_signed_on == amina_contract.completed_on  # the first one


def test_moving_the_takeover_moves_only_the_adults_open_tasks(family, alice):
    amina_contract, karim_contract = tasks_for(family["plan"], "contract")
    amina_contract.status = TaskStatus.DONE
    services.update_task(task=amina_contract, by=alice)
    household = Household.all_objects.get(pk=family["household"].pk)
    household.takeover_on += datetime.timedelta(days=31)
    household.save(update_fields=["takeover_on"])

    moved = {task.person.first_name: task.due_on
             for task in tasks_for(family["plan"], "contract")}
    assert moved["Amina"] == amina_contract.due_on
    assert moved["Karim"] > karim_contract.due_on


def test_a_step_with_no_one_of_its_kind_stays_one_household_task(alice):
    household = make_household(coordinator=alice)
    PersonFactory(household=household, first_name="Amina", birth_date=D(1988, 3, 14))
    plan = services.make_plan(household=household, by=alice)
    [school] = tasks_for(plan, "school_daycare")
    assert school.person is None and school.applies_to == AppliesTo.CHILDREN
    [contract] = tasks_for(plan, "contract")
    assert contract.person.first_name == "Amina"


def test_adults_and_children_are_told_apart_at_the_takeover_date(alice):
    today = timezone.localdate()
    household = make_household(coordinator=alice, arrived_on=today,
                               takeover_on=today + datetime.timedelta(days=60))
    birthday = today + datetime.timedelta(days=30)
    PersonFactory(household=household, first_name="Yusuf", relation=Relation.CHILD,
                  birth_date=D(birthday.year - 18, birthday.month, min(birthday.day, 28)))
    plan = services.make_plan(household=household, by=alice)
    [contract] = tasks_for(plan, "contract")
    assert contract.person.first_name == "Yusuf"  # 17 today, 18 at the takeover
    [school] = tasks_for(plan, "school_daycare")
    assert school.person is None


def test_the_person_must_belong_to_the_tasks_household(family, alice):
    stranger = PersonFactory(household=make_household(coordinator=alice))
    task = tasks_for(family["plan"], "contract")[0]
    task.person = stranger
    with pytest.raises(ValidationError):
        services.update_task(task=task, by=alice)


def test_the_plan_page_the_task_lists_and_the_printed_plan_name_the_person(
        family, alice, client):
    client.force_login(alice)
    household = family["household"]
    page = client.get(reverse("reception:plan_detail", args=[household.pk])).content.decode()
    assert "Kontrakt (Amina)" in page and "Kontrakt (Karim)" in page
    assert "Skole eller dagtilbud (Lina)" in page
    assert "Velkomstmøde</a>" in page  # household task: no one named

    # Bank account, MitID and digital post: adults, 10 working days after arrival.
    lists = client.get(reverse("reception:task_list") + "?vis=kommune").content.decode()
    assert "Bankkonto, MitID og digital post (Amina)" in lists
    assert "Bankkonto, MitID og digital post (Karim)" in lists

    task = tasks_for(family["plan"], "contract")[0]
    form = client.get(reverse("reception:task_update", args=[task.pk])).content.decode()
    assert "Kontrakt (Amina)" in form

    rows = selectors.print_section(household)["tasks"]
    assert {row["person"] for row in rows if row["title"] == "Kontrakt"} == {"Amina", "Karim"}
    assert [row["person"] for row in rows if row["title"] == "Velkomstmøde"] == [None]


def test_a_personal_printed_plan_leaves_out_the_other_members_tasks(family):
    household = family["household"]
    amina = household.persons.get(first_name="Amina")
    rows = selectors.print_section(household, amina)["tasks"]
    named = {row["person"] for row in rows}
    assert named == {"Amina", None}  # her own tasks and the household's
    assert [row["person"] for row in rows if row["title"] == "Velkomstmøde"] == [None]
    assert {row["person"] for row in rows if row["title"] == "Kontrakt"} == {"Amina"}


def test_a_reader_without_the_persons_part_sees_the_task_but_not_the_name(family, charlie,
                                                                          monkeypatch):
    def reception_only(user):
        # A share of the plan alone, as the networks app can grant it.
        return [(family["household"].pk, ["reception"])] if user == charlie else []

    monkeypatch.setattr(access, "_grants", [*access._grants, reception_only])
    tasks = list(selectors.plan_tasks(charlie, family["household"]))
    assert {task.title for task in tasks} >= {"Kontrakt", "Velkomstmøde"}
    assert all(task.person_name is None for task in tasks)
    named = list(selectors.plan_tasks(family["plan"].created_by, family["household"]))
    assert {task.person_name for task in named} == {None, "Amina", "Karim", "Lina"}
