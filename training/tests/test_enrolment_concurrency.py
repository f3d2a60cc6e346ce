
import pytest

from integration_portal.testing.concurrency import run_at_once
from training import services
from training.models import Enrolment, EnrolmentStatus
from training.tests.factories import PractitionerFactory, make_session


@pytest.mark.django_db(transaction=True)
def test_fifty_simultaneous_requests_fill_twenty_seats_and_queue_thirty_in_order(
        postgres, transactional_db, trine):
    session = make_session(capacity=20)
    practitioners = [PractitionerFactory() for _ in range(50)]

    def request(practitioner):
        services.enrol(session=session, practitioner=practitioner, by=trine)

    assert run_at_once(request, practitioners) == []
    enrolments = Enrolment.all_objects.filter(session=session)
    confirmed = list(enrolments.filter(status=EnrolmentStatus.CONFIRMED).order_by("created_at"))
    waiting = list(enrolments.filter(status=EnrolmentStatus.WAITLISTED)
                   .order_by("waitlist_position"))
    assert len(confirmed) == 20
    assert len(waiting) == 30
    assert [e.waitlist_position for e in waiting] == list(range(1, 31))
    arrivals = [e.created_at for e in waiting]
    assert arrivals == sorted(arrivals)
    assert max(e.created_at for e in confirmed) < min(arrivals)
    session.refresh_from_db()
    assert session.status == "full"
