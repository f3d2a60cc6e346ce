
import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from cases import services
from cases.models import CoordinatorAssignment, Household, HouseholdStatus
from cases.tests.factories import make_household
from integration_portal.models import AuditEvent
from integration_portal.testing.concurrency import run_at_once
from integration_portal.testing.factories import UserFactory


def open_assignments(household):
    return CoordinatorAssignment.all_objects.filter(household=household, ended_at__isnull=True)


def test_a_new_household_gets_a_readable_case_number_per_municipality_and_year(alice, charlie):
    first = make_household(coordinator=alice)
    second = make_household(coordinator=alice)
    odense = make_household(coordinator=charlie)
    year = first.created_at.year
    assert first.case_number == f"0420-{year}-00001"
    assert second.case_number == f"0420-{year}-00002"
    assert odense.case_number == f"0461-{year}-00001"


def test_the_database_refuses_an_open_household_without_a_coordinator(alice):
    household = make_household(coordinator=alice)
    with pytest.raises(IntegrityError), transaction.atomic():
        Household.all_objects.filter(pk=household.pk).update(coordinator=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        Household(municipality=alice.municipality, case_number="x-1",
                  status=HouseholdStatus.ACTIVE).save()


def test_a_closed_household_may_be_without_a_coordinator(alice):
    household = make_household(coordinator=alice)
    Household.all_objects.filter(pk=household.pk).update(status="closed", coordinator=None)
    assert Household.all_objects.get(pk=household.pk).coordinator is None


def test_the_database_refuses_a_coordinator_from_another_municipality(postgres, alice, charlie):
    household = make_household(coordinator=alice)
    with pytest.raises(IntegrityError), transaction.atomic():
        Household.all_objects.filter(pk=household.pk).update(coordinator=charlie)
    assert Household.all_objects.get(pk=household.pk).coordinator == alice


def test_the_service_refuses_a_coordinator_from_another_municipality(alice, bob, charlie):
    household = make_household(coordinator=alice)
    with pytest.raises(ValidationError):
        services.assign_coordinator(household=household, coordinator=charlie, by=bob,
                                    reason="Forkert")
    assert open_assignments(household).get().coordinator == alice


def test_reassigning_closes_the_old_period_and_opens_the_next_at_the_same_instant(alice, bob):
    household = make_household(coordinator=bob, interim=True)
    assert household.coordinator_is_interim
    services.assign_coordinator(household=household, coordinator=alice, by=bob,
                                reason="Alice har plads")
    household.refresh_from_db()
    assert household.coordinator == alice and not household.coordinator_is_interim
    first, second = CoordinatorAssignment.all_objects.filter(household=household).order_by("id")
    assert first.ended_at == second.started_at
    assert second.ended_at is None and second.reason == "Alice har plads"
    assert AuditEvent.objects.filter(code="cases.household.assigned",
                                     object_id=str(household.pk)).count() == 1


def test_the_database_refuses_a_second_open_assignment(alice, bob):
    household = make_household(coordinator=alice)
    with pytest.raises(IntegrityError), transaction.atomic():
        CoordinatorAssignment(household=household, coordinator=bob,
                              started_at=household.created_at).save()


@pytest.mark.django_db(transaction=True)
def test_concurrent_reassignments_leave_exactly_one_current_assignment(transactional_db, postgres):
    lead = UserFactory(username="lead", role="teamleder")
    workers = [UserFactory(username=f"worker{n}", role="sagsbehandler") for n in range(6)]
    household = make_household(coordinator=lead, interim=True)
    def reassign(worker):
        services.assign_coordinator(
            household=Household.all_objects.get(pk=household.pk), coordinator=worker,
            by=lead, reason=f"til {worker.username}",
        )

    assert run_at_once(reassign, workers) == []
    history = list(CoordinatorAssignment.all_objects.filter(household=household)
                   .order_by("started_at", "id"))
    assert len(history) == len(workers) + 1
    assert [a.ended_at is None for a in history].count(True) == 1
    for earlier, later in zip(history, history[1:], strict=False):
        assert earlier.ended_at == later.started_at
    current = Household.all_objects.get(pk=household.pk).coordinator
    assert history[-1].coordinator == current and history[-1].ended_at is None


@pytest.mark.django_db(transaction=True)
def test_households_created_at_once_get_distinct_case_numbers(transactional_db, postgres):
    workers = [UserFactory(username=f"worker{n}", role="sagsbehandler") for n in range(6)]

    def create(worker):
        services.create_household(by=worker, coordinator=worker)

    assert run_at_once(create, workers) == []
    numbers = sorted(Household.all_objects.values_list("case_number", flat=True))
    year = Household.all_objects.first().created_at.year
    assert numbers == [f"0420-{year}-{n:05d}" for n in range(1, 7)]
