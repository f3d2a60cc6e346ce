import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from training import services
from training.models import Enrolment, EnrolmentStatus
from training.tests.factories import PractitionerFactory, make_session


def enrol_all(session, people, by):
    return [services.enrol(session=session, practitioner=p, by=by) for p in people]


def test_a_full_session_puts_later_requests_on_the_waiting_list(trine):
    session = make_session(capacity=2)
    first, second, third, fourth = enrol_all(session, PractitionerFactory.create_batch(4), trine)
    assert [first.status, second.status] == ["confirmed", "confirmed"]
    assert (third.status, third.waitlist_position) == ("waitlisted", 1)
    assert (fourth.status, fourth.waitlist_position) == ("waitlisted", 2)
    session.refresh_from_db()
    assert session.status == "full"


def test_cancellation_promotes_the_first_waitlisted_and_sends_one_email(
        trine, django_capture_on_commit_callbacks):
    session = make_session(capacity=1)
    seated, first_waiting, second_waiting = enrol_all(
        session, PractitionerFactory.create_batch(3), trine)

    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.cancel_enrolment(enrolment=seated, by=trine)

    assert promoted.pk == first_waiting.pk
    first_waiting.refresh_from_db()
    second_waiting.refresh_from_db()
    assert first_waiting.status == EnrolmentStatus.CONFIRMED
    assert second_waiting.status == EnrolmentStatus.WAITLISTED
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [first_waiting.practitioner.email]
    assert "plads" in mail.outbox[0].subject


def test_cancelling_a_waiting_place_promotes_nobody_and_sends_nothing(
        trine, django_capture_on_commit_callbacks):
    session = make_session(capacity=1)
    seated, waiting = enrol_all(session, PractitionerFactory.create_batch(2), trine)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.cancel_enrolment(enrolment=waiting, by=trine) is None
    seated.refresh_from_db()
    assert seated.status == "confirmed"
    assert mail.outbox == []


def test_a_practitioner_cannot_hold_two_active_enrolments_for_one_module(trine):
    practitioner = PractitionerFactory()
    services.enrol(session=make_session(), practitioner=practitioner, by=trine)
    with pytest.raises(ValidationError, match="allerede en aktiv tilmelding"):
        services.enrol(session=make_session(city="Vejle"), practitioner=practitioner, by=trine)


def test_moving_frees_the_seat_for_the_waiting_list_and_places_in_the_new_session(
        trine, django_capture_on_commit_callbacks):
    source, target = make_session(capacity=1), make_session(capacity=5, city="Aarhus")
    mover, waiting = enrol_all(source, PractitionerFactory.create_batch(2), trine)
    with django_capture_on_commit_callbacks(execute=True):
        moved = services.move_enrolment(enrolment=mover, to_session=target, by=trine)
    mover.refresh_from_db()
    waiting.refresh_from_db()
    assert (mover.status, mover.moved_to_id) == ("moved", moved.pk)
    assert (moved.session_id, moved.status) == (target.pk, "confirmed")
    assert waiting.status == "confirmed"
    assert len(mail.outbox) == 1


def test_a_session_that_is_not_open_refuses_enrolment(trine):
    session = make_session(status="planned")
    with pytest.raises(ValidationError, match="ikke åbent"):
        services.enrol(session=session, practitioner=PractitionerFactory(), by=trine)
    assert not Enrolment.all_objects.exists()


def test_cancel_through_the_page_moves_the_waiting_list(client, trine):
    session = make_session(capacity=1)
    seated, waiting = enrol_all(session, PractitionerFactory.create_batch(2), trine)
    client.force_login(trine)
    response = client.post(f"/efteruddannelse/tilmeldinger/{seated.pk}/afmeld/", follow=True)
    assert response.status_code == 200
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"
    assert "har fået pladsen fra ventelisten" in response.content.decode()
