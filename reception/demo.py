"""Demo reception: the default template in both municipalities, plans at different
stages for the open households from the cases demo, interpreter bookings with ratings.

Idempotent: a household with a plan is left alone; bookings and housing are keyed
on household, purpose and date.
"""

import datetime

from django.utils import timezone

from cases.models import Household, HouseholdStatus
from reception import services
from reception.models import (
    Allocation,
    BookingMode,
    BookingStatus,
    HousingKind,
    HousingPlacement,
    HousingType,
    InterpreterBooking,
    PlanTask,
    TaskStatus,
)

# (days after arrival, purpose, agency, status, rating, comment)
BOOKINGS = [
    (-1, "Velkomstmøde", "Tolkebureau Fyn", BookingStatus.HELD, 5, "Præcis og rolig."),
    (3, "Lægebesøg", "Sprogservice Danmark", BookingStatus.HELD, 2,
     "Tolken kom for sent og sammenfattede i stedet for at oversætte."),
    (8, "Samtale i jobcentret", "Tolkebureau Fyn", BookingStatus.CANCELLED, None, ""),
    (12, "Skolestart", "Tolkebureau Fyn", BookingStatus.HELD, 4, ""),
]


def seed(world):
    today = timezone.localdate()
    for municipality in world.municipalities.values():
        services.template_for(municipality=municipality)
    households = Household.all_objects.filter(
        municipality__in=world.municipalities.values(),
        status__in=[HouseholdStatus.EXPECTED, HouseholdStatus.ACTIVE],
    ).select_related("coordinator", "municipality").order_by("case_number")
    for household in households:
        _plan(household, today)


def _plan(household, today):
    if hasattr(household, "reception_plan"):
        return
    arrival = household.arrived_on or today + datetime.timedelta(days=14)
    decided = arrival - datetime.timedelta(days=30)
    allocation = Allocation.all_objects.create(
        household=household, decided_on=decided, asylum_centre="Center Sandholm",
        expected_arrival_on=arrival, household_size=household.persons.count() or 1,
        handover_received_on=decided + datetime.timedelta(days=7),
        handover_education="Gymnasial uddannelse", handover_work_experience="Butik, 6 år",
        created_by=household.coordinator,
    )
    household.allocation_decided_on = decided
    household.takeover_on = household.takeover_on or allocation.computed_takeover_on()
    household.save(update_fields=["allocation_decided_on", "takeover_on"])
    plan = services.make_plan(household=household, by=household.coordinator)
    # Most tasks that fell due a while ago are done; every third is still open (overdue).
    for index, task in enumerate(PlanTask.all_objects.filter(plan=plan).order_by("due_on")):
        if task.due_on and task.due_on < today - datetime.timedelta(days=3) and index % 3:
            task.status, task.completed_on = TaskStatus.DONE, min(task.due_on, today)
            services.update_task(task=task, by=household.coordinator)
    if household.arrived_on is None:
        return
    HousingPlacement.all_objects.get_or_create(
        household=household, kind=HousingKind.TEMPORARY,
        defaults={"address": household.address or "Midlertidig bolig",
                  "housing_type": HousingType.APARTMENT, "moved_in_on": arrival},
    )
    language = household.primary_language or "arabisk"
    for days, purpose, agency, status, rating, comment in BOOKINGS:
        starts = timezone.make_aware(datetime.datetime.combine(
            arrival + datetime.timedelta(days=days), datetime.time(10, 0)))
        if starts > timezone.now():
            status, rating = BookingStatus.BOOKED, None
        InterpreterBooking.all_objects.get_or_create(
            household=household, purpose=purpose, starts_at=starts,
            defaults={"language": language, "agency": agency, "status": status,
                      "rating": rating, "rating_comment": comment,
                      "mode": BookingMode.IN_PERSON, "booked_by": household.coordinator},
        )
