import time

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from integration_portal.testing.broker import broker_away
from training import services
from training.models import Certificate
from training.tasks import issue_certificate, queue_missing_certificates
from training.tests.factories import PractitionerFactory, make_session


@pytest.mark.worker
def test_a_real_worker_issues_the_certificate(transactional_db, celery_worker_process, trine,
                                              settings, tmp_path):
    enrolment = services.enrol(session=make_session(), practitioner=PractitionerFactory(),
                               by=trine)
    for day in enrolment.session.days.all():
        # eager is off: completing queues the task on the worker's queue
        services.record_attendance(enrolment=enrolment, day=day, present=True, by=trine)
    certificate_id = issue_certificate.delay(enrolment.pk).get(timeout=60)
    certificate = Certificate.all_objects.get(pk=certificate_id)
    assert certificate.enrolment_id == enrolment.pk
    assert default_storage.exists(certificate.file.name)


def wait_for_certificate(enrolment_id, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        certificate = Certificate.all_objects.filter(enrolment_id=enrolment_id).first()
        if certificate is not None:
            return certificate
        time.sleep(0.2)
    raise AssertionError(f"no certificate for enrolment {enrolment_id} after {timeout}s")


@pytest.mark.worker
def test_with_the_broker_away_attendance_is_saved_and_the_sweep_issues_the_certificate_later(
        transactional_db, celery_worker_process, trine, client):
    enrolment = services.enrol(session=make_session(), practitioner=PractitionerFactory(),
                               by=trine)
    first, last = enrolment.session.days.all()
    services.record_attendance(enrolment=enrolment, day=first, present=True, by=trine)
    client.force_login(trine)
    with broker_away():
        response = client.post(
            reverse("training:attendance", args=[enrolment.session_id, last.pk]),
            {f"present_{enrolment.pk}": "on"}, follow=True)
    assert response.status_code == 200
    assert "Fremmødet er gemt." in response.content.decode()
    enrolment.refresh_from_db()
    assert enrolment.status == "completed"
    assert not Certificate.all_objects.exists()
    # The broker is back (the real Redis): the beat sweep sends the job, a worker makes it.
    assert queue_missing_certificates.delay().get(timeout=60) == 1
    certificate = wait_for_certificate(enrolment.pk)
    assert default_storage.exists(certificate.file.name)
    assert services.queue_missing_certificates() == 0


def test_the_certificate_sweep_is_a_periodic_task(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["training-queue-missing-certificates"]
    assert entry["task"] == queue_missing_certificates.name
