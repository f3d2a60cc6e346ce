"""Factories for reception: households come through the allocation service."""

import datetime

import factory
from django.utils import timezone

from cases.tests.factories import CaseFactory
from reception import services
from reception.models import (
    Allocation,
    BookingStatus,
    HousingKind,
    HousingPlacement,
    HousingType,
    InterpreterBooking,
)


def register(*, by, decided_on=None, **fields):
    """An allocation registered through the service; returns the plan."""
    decided_on = decided_on or timezone.localdate() - datetime.timedelta(days=20)
    fields.setdefault("asylum_centre", "Center Sandholm")
    fields.setdefault("expected_arrival_on", decided_on + datetime.timedelta(days=14))
    return services.register_allocation(by=by, allocation=Allocation(decided_on=decided_on,
                                                                     **fields))


class BookingFactory(CaseFactory):
    class Meta:
        model = InterpreterBooking

    language = "arabisk"
    starts_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=2))
    purpose = "Velkomstmøde"
    agency = "Tolkebureau Fyn"
    status = BookingStatus.HELD


class HousingFactory(CaseFactory):
    class Meta:
        model = HousingPlacement

    kind = HousingKind.TEMPORARY
    address = "Vestergade 2, 5610 Assens"
    housing_type = HousingType.APARTMENT
    moved_in_on = factory.LazyFunction(timezone.localdate)
