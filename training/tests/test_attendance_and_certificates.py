import io

import pypdf
import pytest
from django.core.files.storage import default_storage

from integration_portal.models import AuditEvent
from training import services
from training.models import Certificate
from training.tasks import issue_certificate
from training.tests.factories import PractitionerFactory, complete, make_session


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def pdf_text(certificate):
    with default_storage.open(certificate.file.name, "rb") as handle:
        pages = pypdf.PdfReader(io.BytesIO(handle.read())).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


def test_completion_needs_every_day_attended(trine, django_capture_on_commit_callbacks):
    enrolment = services.enrol(session=make_session(), practitioner=PractitionerFactory(),
                               by=trine)
    first, second = enrolment.session.days.all()
    with django_capture_on_commit_callbacks(execute=True):
        services.record_attendance(enrolment=enrolment, day=first, present=True, by=trine)
        services.record_attendance(enrolment=enrolment, day=second, present=False, by=trine)
    enrolment.refresh_from_db()
    assert enrolment.status == "confirmed"
    assert not Certificate.all_objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        services.record_attendance(enrolment=enrolment, day=second, present=True, by=trine)
    enrolment.refresh_from_db()
    assert enrolment.status == "completed"
    assert Certificate.all_objects.filter(enrolment=enrolment).exists()


def test_missing_every_day_is_recorded_as_a_no_show(trine):
    enrolment = services.enrol(session=make_session(), practitioner=PractitionerFactory(),
                               by=trine)
    for day in enrolment.session.days.all():
        services.record_attendance(enrolment=enrolment, day=day, present=False, by=trine)
    enrolment.refresh_from_db()
    assert enrolment.status == "no_show"


def test_the_certificate_task_makes_a_danish_pdf_with_name_and_module(
        trine, django_capture_on_commit_callbacks):
    practitioner = PractitionerFactory(name="Søren Æblegård Østergaard")
    enrolment = services.enrol(session=make_session(), practitioner=practitioner, by=trine)
    with django_capture_on_commit_callbacks(execute=True):
        complete(enrolment, trine)
    certificate = Certificate.all_objects.get(enrolment=enrolment)
    text = pdf_text(certificate)
    assert "Kursusbevis" in text
    assert "Søren Æblegård Østergaard" in text
    assert "Modtagelse og tværfagligt samarbejde" in text
    assert len(certificate.sha256) == 64


def test_running_the_certificate_task_twice_keeps_one_certificate(
        trine, django_capture_on_commit_callbacks):
    enrolment = services.enrol(session=make_session(), practitioner=PractitionerFactory(),
                               by=trine)
    with django_capture_on_commit_callbacks(execute=True):
        complete(enrolment, trine)
    with django_capture_on_commit_callbacks(execute=True):
        issue_certificate.delay(enrolment.pk)
    certificate = Certificate.all_objects.get(enrolment=enrolment)
    assert Certificate.all_objects.count() == 1
    assert "Kursusbevis" in pdf_text(certificate)


def test_the_task_makes_nothing_for_an_enrolment_that_is_not_completed(trine):
    enrolment = services.enrol(session=make_session(), practitioner=PractitionerFactory(),
                               by=trine)
    assert issue_certificate.delay(enrolment.pk).get() is None
    assert not Certificate.all_objects.exists()


def test_the_download_is_logged_and_served_as_pdf(client, dorte,
                                                  django_capture_on_commit_callbacks, trine):
    enrolment = services.enrol(session=make_session(), practitioner=PractitionerFactory(),
                               by=trine)
    with django_capture_on_commit_callbacks(execute=True):
        complete(enrolment, trine)
    client.force_login(dorte)
    response = client.get(f"/efteruddannelse/kursusbeviser/{enrolment.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    event = AuditEvent.objects.get(code="training.certificate.downloaded")
    assert (event.action, event.actor_id, event.owner_municipality_id) == (
        "download", dorte.pk, dorte.municipality_id)


def test_the_attendance_page_records_presence_for_each_participant(client, trine):
    session = make_session()
    enrolment = services.enrol(session=session, practitioner=PractitionerFactory(name="Ib Ørn"),
                               by=trine)
    day = session.days.first()
    client.force_login(trine)
    page = client.get(f"/efteruddannelse/hold/{session.pk}/fremmoede/{day.pk}/")
    assert "Ib Ørn er til stede" in page.content.decode()
    client.post(f"/efteruddannelse/hold/{session.pk}/fremmoede/{day.pk}/",
                {f"present_{enrolment.pk}": "on"})
    assert enrolment.attendances.get(day=day).present is True




def test_the_certificate_cell_says_it_is_being_made_until_the_pdf_exists(client, trine, erik):
    enrolment = services.enrol(session=make_session(), practitioner=PractitionerFactory(),
                               by=trine)
    complete(enrolment, trine)  # on_commit never runs here: no certificate yet
    client.force_login(trine)
    cell = client.get(f"/efteruddannelse/kursusbeviser/{enrolment.pk}/status/").content.decode()
    assert "Under udarbejdelse" in cell and "hx-trigger" in cell
    services.issue_certificate(enrolment_id=enrolment.pk)
    cell = client.get(f"/efteruddannelse/kursusbeviser/{enrolment.pk}/status/").content.decode()
    assert "Hent kursusbevis" in cell
    client.force_login(erik)
    assert client.get(f"/efteruddannelse/kursusbeviser/{enrolment.pk}/status/"
                      ).status_code == 404
