import pytest
from django.core.files.storage import default_storage

from training import services
from training.models import Certificate
from training.tasks import issue_certificate
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
