"""Practitioners and enrolments in bulk, across municipalities, for tests that
compare the progress figures and read their query plans."""

import itertools
import random

from integration_portal.models import Municipality
from training.models import Enrolment, EnrolmentStatus, JobFunction, Practitioner, Theme
from training.tests.factories import make_session

OUTCOMES = [None, EnrolmentStatus.COMPLETED, EnrolmentStatus.COMPLETED,
            EnrolmentStatus.CONFIRMED, EnrolmentStatus.CANCELLED, EnrolmentStatus.NO_SHOW,
            EnrolmentStatus.WAITLISTED]


def _enrolment(rng, practitioner, session, positions):
    status = rng.choice(OUTCOMES)
    if status is None:
        return None
    position = next(positions[session.pk]) if status == EnrolmentStatus.WAITLISTED else None
    return Enrolment(session=session, module_id=session.module_id, practitioner=practitioner,
                     status=status, waitlist_position=position)


def build_training(codes, *, practitioners, seed=0):
    """``practitioners`` spread over the municipalities ``codes``, each with perhaps a
    mandatory and perhaps an elective enrolment in some outcome."""
    rng = random.Random(seed)
    places = list(Municipality.objects.filter(code__in=codes))
    sessions = [make_session(capacity=500), make_session(capacity=500, start_in=60)] + [
        make_session(kind="elective", theme=theme, capacity=500)
        for theme in Theme.objects.filter(module__kind="elective").values_list("code", flat=True)]
    people = Practitioner.all_objects.bulk_create(
        Practitioner(name=f"Praktiker {n}", email=f"bulk{seed}-{n}@example.dk",
                     municipality=rng.choice(places), job_function=rng.choice(JobFunction.values))
        for n in range(practitioners))
    positions = {session.pk: itertools.count(1) for session in sessions}
    mandatory, elective = sessions[:2], sessions[2:]
    enrolments = [_enrolment(rng, person, rng.choice(group), positions)
                  for person in people for group in (mandatory, elective)]
    Enrolment.all_objects.bulk_create(e for e in enrolments if e is not None)
    return people
