"""Allocation to plan: the household, dated tasks, moving anchors, template versions."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cases.models import Household, HouseholdStatus
from reception import services
from reception.deadlines import add_working_days
from reception.models import Allocation, PlanTask, ReceptionTemplate, TaskStatus
from reception.reference import DEFAULT_STEPS
from reception.tests.factories import register

D = datetime.date


def tasks_of(plan):
    return {task.key: task for task in PlanTask.all_objects.filter(plan=plan)}


def test_registering_an_allocation_creates_the_expected_household_and_a_dated_plan(alice):
    plan = register(by=alice, decided_on=D(2026, 3, 15), expected_arrival_on=D(2026, 4, 1))
    household = Household.all_objects.get(pk=plan.household_id)
    assert household.status == HouseholdStatus.EXPECTED
    assert household.coordinator == alice and household.coordinator_is_interim
    assert household.allocation_decided_on == D(2026, 3, 15)
    assert household.takeover_on == D(2026, 4, 30)
    tasks = tasks_of(plan)
    assert set(tasks) == {step[0] for step in DEFAULT_STEPS}
    assert tasks["handover"].due_on == add_working_days(D(2026, 3, 15), 10)
    assert tasks["welcome"].due_on == D(2026, 4, 8)  # 1 April + 2 working days over Easter
    assert tasks["contract"].due_on == D(2026, 5, 30)
    assert tasks["health_assessment"].due_on == D(2026, 7, 1)
    assert plan.version.template.municipality == alice.municipality


def test_the_default_template_covers_the_task_forces_elements(db):
    template = ReceptionTemplate.objects.get(municipality=None)
    keys = set(template.latest_version().steps.values_list("key", flat=True))
    assert keys >= {"handover", "temporary_housing", "interpreter", "welcome", "bank_mitid",
                    "gp", "school_daycare", "health_assessment", "contract",
                    "danish_education", "company_offer", "screening", "permanent_housing",
                    "volunteer"}


def test_moving_the_anchor_date_moves_open_tasks_and_leaves_completed_ones(alice):
    plan = register(by=alice, decided_on=D(2026, 3, 15), expected_arrival_on=D(2026, 4, 1))
    tasks = tasks_of(plan)
    done, not_relevant = tasks["welcome"], tasks["gp"]
    done.status, done.completed_on = TaskStatus.DONE, D(2026, 4, 2)
    services.update_task(task=done, by=alice)
    not_relevant.status, not_relevant.not_relevant_reason = TaskStatus.NOT_RELEVANT, "Har læge"
    services.update_task(task=not_relevant, by=alice)
    allocation = Allocation.all_objects.get(household=plan.household)

    services.update_allocation(allocation=allocation, by=alice, arrived_on=D(2026, 4, 15))

    moved = tasks_of(plan)
    assert moved["welcome"].due_on == D(2026, 4, 8)  # done: kept
    assert moved["gp"].due_on == tasks["gp"].due_on  # not relevant: kept
    assert moved["volunteer"].due_on == D(2026, 5, 15)  # open: one month after new arrival
    assert moved["temporary_housing"].due_on == D(2026, 4, 13)
    assert moved["handover"].due_on == tasks["handover"].due_on  # other anchor

    allocation.decided_on, allocation.expected_arrival_on = D(2026, 4, 2), D(2026, 4, 15)
    services.update_allocation(allocation=allocation, by=alice, arrived_on=D(2026, 4, 15))
    assert Household.all_objects.get(pk=plan.household_id).takeover_on == D(2026, 5, 31)
    assert tasks_of(plan)["contract"].due_on == D(2026, 6, 30)


def test_template_edits_do_not_change_existing_plans(alice, dorte):
    first = register(by=alice)
    template = first.version.template
    before = list(PlanTask.all_objects.filter(plan=first).values_list("title", "due_on"))
    steps = [{**step, "title": f"Ny: {step['title']}"} for step in
             template.latest_version().steps.values(*services.STEP_FIELDS)][:3]

    version = services.save_template_version(template=template, steps=steps, by=dorte)

    assert version.number == 2
    first.refresh_from_db()
    assert first.version.number == 1
    assert list(PlanTask.all_objects.filter(plan=first).values_list("title", "due_on")) == before
    second = register(by=alice)
    assert second.version == version
    assert PlanTask.all_objects.filter(plan=second).count() == 3
    assert first.version.steps.count() == len(DEFAULT_STEPS)


def test_template_steps_cannot_be_changed_in_place(alice):
    step = register(by=alice).version.steps.first()
    step.title = "Ændret"
    with pytest.raises(ValueError):
        step.save()


def test_another_municipalitys_administrator_cannot_edit_the_template(alice, erik):
    template = register(by=alice).version.template
    with pytest.raises(ValidationError):
        services.save_template_version(template=template, steps=[], by=erik)


def test_not_relevant_needs_a_reason(alice):
    task = PlanTask.all_objects.filter(plan=register(by=alice)).first()
    task.status = TaskStatus.NOT_RELEVANT
    with pytest.raises(ValidationError):
        services.update_task(task=task, by=alice)


def test_completing_the_contract_task_records_the_milestone(alice):
    plan = register(by=alice)
    task = PlanTask.all_objects.get(plan=plan, key="contract")
    task.status = TaskStatus.DONE
    services.update_task(task=task, by=alice)
    household = Household.all_objects.get(pk=plan.household_id)
    assert household.contract_signed_on == task.completed_on is not None


def test_health_needs_are_refused_without_consent(alice):
    with pytest.raises(ValidationError):
        register(by=alice, handover_health_needs="Diabetes")
    assert not Household.all_objects.exists()


def test_editing_the_arrival_on_the_case_file_moves_the_open_tasks(client, alice):
    plan = register(by=alice, decided_on=D(2026, 3, 15), expected_arrival_on=D(2026, 4, 1))
    household = Household.all_objects.get(pk=plan.household_id)
    client.force_login(alice)
    response = client.post(reverse("cases:household_update", args=[household.pk]), {
        "status": "active", "allocation_decided_on": "2026-03-15",
        "takeover_on": "2026-04-30", "arrived_on": "2026-04-15", "address": "Torvet 1",
        "primary_language": "arabisk"})
    assert response.status_code == 302
    assert tasks_of(plan)["volunteer"].due_on == D(2026, 5, 15)
