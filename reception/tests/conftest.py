import datetime

import pytest

from cases.tests.factories import PartyFactory, PersonFactory
from reception.models import Screening
from reception.tests.factories import BookingFactory, HousingFactory, register

CPR = "140388-1234"


@pytest.fixture
def reception(alice):
    """An Assens household registered by alice from an allocation, with one of everything."""
    plan = register(by=alice, health_consent=True, handover_health_needs="Astma")
    household = plan.household
    person = PersonFactory(household=household, first_name="Amina", last_name="Haddad",
                           cpr=CPR, birth_date=datetime.date(1988, 3, 14))
    party = PartyFactory(household=household, organisation="Jobcenter Assens")
    booking = BookingFactory(household=household, person=person, booked_by=alice, rating=4)
    housing = HousingFactory(household=household)
    screening = Screening.all_objects.create(person=person, done_on=datetime.date(2026, 1, 5),
                                             education="Gymnasium", screened_by=alice)
    task = plan.tasks.order_by("position").first()
    return {"plan": plan, "household": household, "person": person, "party": party,
            "booking": booking, "housing": housing, "screening": screening, "task": task}
