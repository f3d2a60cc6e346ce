"""Requesting, producing and failing printed plans. The web side snapshots the plan
and queues a job; the worker renders from the stored snapshot only."""

import datetime
import hashlib
import logging
import time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from cases.documents.render import render_plan_pdf
from cases.documents.snapshot import plan_hash, plan_snapshot
from cases.models import (
    OPEN_STATUSES,
    DocumentStatus,
    Household,
    PlanBatch,
    PlanDocument,
)
from cases.models.document import private_plan_path
from integration_portal import audit
from integration_portal.models import AuditAction
from integration_portal.roles import Role

logger = logging.getLogger(__name__)

# A job still queued or running this long after it was asked for is taken as lost
# (the broker was emptied, say) and is queued again when someone presses again.
STALE_AFTER = datetime.timedelta(minutes=15)
# A job that has started this many times without finishing kills its worker each
# time; it is failed instead of being handed to the next worker.
MAX_ATTEMPTS = 5

# Shown to the caseworker (translated on the page); the details go to the log.
RENDER_FAILED = gettext_noop("PDF'en kunne ikke laves. Prøv igen, og kontakt support, "
                             "hvis fejlen gentager sig.")
TIMED_OUT = gettext_noop("PDF'en tog for lang tid at lave og blev stoppet. Prøv igen.")
UNAVAILABLE = gettext_noop("Databasen eller fillageret svarede ikke, heller ikke efter "
                           "flere forsøg. Prøv igen senere.")
CRASHED = gettext_noop("Arbejdsprocessen stoppede gentagne gange under PDF'en. "
                       "Kontakt support.")


def _queue(document_id):
    from cases.tasks import render_plan_document

    render_plan_document.delay(document_id)


def _check_person(household, person):
    if person is None:
        return
    if person.household_id != household.pk or not person.is_adult(household.takeover_on):
        raise ValidationError(_("En personlig plan kan kun laves for en voksen i husstanden."))


def _requeue(document):
    document.status = DocumentStatus.QUEUED
    document.error = ""
    document.attempts = 0
    document.requested_at = timezone.now()
    document.save(update_fields=["status", "error", "attempts", "requested_at"])
    transaction.on_commit(lambda: _queue(document.pk))


def _is_stale(document):
    return document.is_pending and document.requested_at < timezone.now() - STALE_AFTER


@transaction.atomic
def request_plan_document(*, household, by, language="da", person=None, force=False,
                          request=None):
    """Ask for the PDF of the household's plan (or one adult's); returns (document, queued).

    The household row is locked, so two presses at once are serialised. The same plan
    data in the same language gives the same document and no new job, unless
    ``force`` asks for a new version. A failed (or lost) document is queued again.
    """
    locked = (Household.objects.editable_by(by).select_for_update(of=("self",))
              .select_related("coordinator", "municipality").get(pk=household.pk))
    _check_person(locked, person)
    snapshot = plan_snapshot(by, locked, person=person)
    key = {"household": locked, "person": person, "language": language,
           "plan_hash": plan_hash(snapshot)}
    latest = (PlanDocument.objects.editable_by(by).filter(**key)
              .order_by("-revision").first())
    if latest is not None and not force:
        if latest.status == DocumentStatus.FAILED or _is_stale(latest):
            _requeue(latest)
            audit.record(by, "cases.plan_document.requeued", AuditAction.CHANGE,
                         target=latest, request=request)
            return latest, True
        return latest, False
    document = PlanDocument(**key, plan_data=snapshot, requested_by=by,
                            revision=latest.revision + 1 if latest else 0)
    document.save()
    audit.record(by, "cases.plan_document.requested", AuditAction.CREATE, target=document,
                 request=request)
    transaction.on_commit(lambda: _queue(document.pk))
    return document, True


def batch_households(user):
    """The open households whose plans ``user`` may print at once: a team lead's whole
    municipality, a caseworker's own families as tovholder."""
    households = Household.objects.editable_by(user).filter(status__in=OPEN_STATUSES)
    if not user.has_role(Role.TEAM_LEAD):
        households = households.filter(coordinator=user)
    return households.order_by("case_number")


@transaction.atomic
def request_all_plans(*, by, language="da", request=None):
    """Queue the plan of every household in ``batch_households(by)``, as one batch."""
    batch = PlanBatch.objects.create(municipality=by.municipality, requested_by=by)
    documents = [request_plan_document(household=household, by=by, language=language)[0]
                 for household in batch_households(by)]
    batch.documents.set(documents)
    audit.record(by, "cases.plan_document.batch_requested", AuditAction.CREATE,
                 owner_municipality_id=by.municipality_id, request=request,
                 detail=f"{len(documents)}")
    return batch


def _start(document_id):
    """Lock the row and mark it running; None when there is nothing left to do."""
    with transaction.atomic():
        # The worker acts for whoever asked: access was checked when the job was queued.
        document = (PlanDocument.all_objects.select_for_update()
                    .filter(pk=document_id).first())
        if document is None or document.status in (DocumentStatus.READY,
                                                    DocumentStatus.FAILED):
            return None
        if document.attempts >= MAX_ATTEMPTS:
            _fail(document, CRASHED)
            return None
        document.status = DocumentStatus.RUNNING
        document.started_at = timezone.now()
        document.attempts += 1
        document.save(update_fields=["status", "started_at", "attempts"])
        return document


def _finish(document_id, name, pdf):
    with transaction.atomic():
        document = PlanDocument.all_objects.select_for_update().get(pk=document_id)
        if document.status == DocumentStatus.READY:  # another delivery got there first
            transaction.on_commit(lambda: default_storage.delete(name))
            return document
        document.file.name = name
        document.sha256 = hashlib.sha256(pdf).hexdigest()
        document.status = DocumentStatus.READY
        document.finished_at = timezone.now()
        document.error = ""
        document.save(update_fields=["file", "sha256", "status", "finished_at", "error"])
        return document


def produce_plan_document(*, document_id):
    """Render and store the PDF of a queued document; safe to run twice.

    A document already ready is left alone; one left running by a killed worker is
    rendered again. The PDF is written under a random private name before the row
    says ready, so a crash in between leaves an orphan file, never a broken link.
    """
    document = _start(document_id)
    if document is None:
        return None
    if settings.PLAN_RENDER_TEST_DELAY:
        time.sleep(settings.PLAN_RENDER_TEST_DELAY)
    pdf = render_plan_pdf(document)
    name = default_storage.save(private_plan_path(document, "plan.pdf"), ContentFile(pdf))
    return _finish(document_id, name, pdf)


def _fail(document, message):
    document.status = DocumentStatus.FAILED
    document.error = message
    document.finished_at = timezone.now()
    document.save(update_fields=["status", "error", "finished_at"])


@transaction.atomic
def fail_plan_document(*, document_id, message):
    """Record a final failure with a message the caseworker sees (unless it is ready)."""
    document = PlanDocument.all_objects.select_for_update().filter(pk=document_id).first()
    if document is not None and document.status != DocumentStatus.READY:
        _fail(document, message)
    return document
