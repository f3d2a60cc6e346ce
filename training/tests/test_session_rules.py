from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from integration_portal.models import AuditEvent
from training import services
from training.models import Enrolment, SessionDay
from training.tests.factories import PractitionerFactory, make_session


def past_deadline(session):
    session.enrolment_deadline = timezone.localdate() - timedelta(days=1)
    session.save(update_fields=["enrolment_deadline"])
    return session


def test_a_municipal_administrator_cannot_enrol_after_the_deadline(dorte):
    session = past_deadline(make_session())
    with pytest.raises(ValidationError, match="Tilmeldingsfristen"):
        services.enrol(session=session, practitioner=PractitionerFactory(), by=dorte)


def test_the_national_training_administrator_may_enrol_after_the_deadline(trine):
    session = past_deadline(make_session())
    enrolment = services.enrol(session=session, practitioner=PractitionerFactory(), by=trine)
    assert enrolment.status == "confirmed"


def test_a_session_gets_one_day_per_date_and_an_audit_event(trine):
    session = make_session()
    assert SessionDay.objects.filter(session=session).count() == 2
    assert AuditEvent.objects.filter(code="training.session.created").exists()


def test_cancelling_a_session_cancels_every_place(client, trine):
    session = make_session(capacity=1)
    for practitioner in PractitionerFactory.create_batch(2):
        services.enrol(session=session, practitioner=practitioner, by=trine)
    client.force_login(trine)
    client.post(reverse("training:session_status", args=[session.pk]), {"status": "cancelled"})
    session.refresh_from_db()
    assert session.status == "cancelled"
    assert set(Enrolment.all_objects.values_list("status", flat=True)) == {"cancelled"}


def test_the_move_page_moves_a_practitioner_to_another_session(client, trine):
    source, target = make_session(), make_session(city="Aalborg")
    enrolment = services.enrol(session=source, practitioner=PractitionerFactory(), by=trine)
    client.force_login(trine)
    page = client.get(reverse("training:enrolment_move", args=[enrolment.pk]))
    assert "Aalborg" in page.content.decode()
    response = client.post(reverse("training:enrolment_move", args=[enrolment.pk]),
                           {"to_session": target.pk})
    assert response.status_code == 302
    assert Enrolment.all_objects.get(session=target).status == "confirmed"


def test_a_municipal_administrator_may_not_move_people(client, dorte, trine):
    enrolment = services.enrol(session=make_session(), practitioner=PractitionerFactory(),
                               by=trine)
    client.force_login(dorte)
    assert client.get(reverse("training:enrolment_move", args=[enrolment.pk])).status_code == 403


def test_bad_input_to_the_session_form_is_a_danish_error_not_a_500(client, trine):
    client.force_login(trine)
    response = client.post(reverse("training:session_create"), {"module": "x", "capacity": "-3"})
    assert response.status_code == 200
    assert "Dette felt er påkrævet" in response.content.decode()
