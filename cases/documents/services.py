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
from django.db.models import Q
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
from cases.models.document import PENDING_STATUSES, private_plan_path
from integration_portal import audit
from integration_portal.models import AuditAction
from integration_portal.queueing import enqueue_each
from integration_portal.roles import Role

logger = logging.getLogger(__name__)

# The render task's hard time limit (the worker kills the job after it).
RENDER_TIME_LIMIT = settings.PLAN_RENDER_TIME_LIMIT


def lost_after(time_limit):
    """How long after it was sent (queued) or started (running) a job is taken as lost:
    the time limit and a third more, for clocks that differ between machines and a
    worker slow to enforce the limit (240 s at the default 180 s)."""
    return datetime.timedelta(seconds=time_limit * 4 // 3)


# A killed worker or an emptied broker loses the job; the sweep (a periodic task,
# every PLAN_SWEEP_INTERVAL seconds) queues such documents again.
STALE_AFTER = lost_after(RENDER_TIME_LIMIT)
# A job that has started this many times without finishing kills its worker each
# time; it is failed instead of being handed to the next worker.
MAX_ATTEMPTS = 5
# The sweep handles at most this many documents a run; the next run takes the rest.
SWEEP_BATCH = 500

# Shown to the caseworker (translated on the page); the details go to the log.
RENDER_FAILED = gettext_noop("PDF'en kunne ikke laves. Prøv igen, og kontakt support, "
                             "hvis fejlen gentager sig.")
TIMED_OUT = gettext_noop("PDF'en tog for lang tid at lave og blev stoppet. Prøv igen.")
UNAVAILABLE = gettext_noop("Databasen eller fillageret svarede ikke, heller ikke efter "
                           "flere forsøg. Prøv igen senere.")
CRASHED = gettext_noop("Arbejdsprocessen stoppede gentagne gange under PDF'en. "
                       "Kontakt support.")
QUEUE_UNAVAILABLE = gettext_noop("Jobkøen svarede ikke. PDF'en bliver sendt i kø igen "
                                 "automatisk, når køen svarer.")


def _send(document_ids):
    """Hand the render jobs to the broker; True when all went.

    When the broker does not answer, the rest are not tried (each would wait as long)
    and are marked as never sent: the sweep sends them when the broker is back.
    """
    from cases.tasks import render_plan_document

    sent = enqueue_each(render_plan_document, document_ids)
    if sent < len(document_ids):
        (PlanDocument.all_objects
         .filter(pk__in=document_ids[sent:], status=DocumentStatus.QUEUED)
         .update(queued_at=None, error=QUEUE_UNAVAILABLE))
        return False
    return True


def _queue_on_commit(documents):
    """Mark the documents queued now and send their jobs once the transaction commits."""
    ids = [document.pk for document in documents]
    PlanDocument.all_objects.filter(pk__in=ids).update(queued_at=timezone.now())
    transaction.on_commit(lambda: _send(ids))


def _lost(now):
    """Documents whose job is gone: never sent, or queued or running past STALE_AFTER."""
    cutoff = now - STALE_AFTER
    queued = Q(status=DocumentStatus.QUEUED) & (Q(queued_at__isnull=True)
                                                 | Q(queued_at__lt=cutoff))
    running = Q(status=DocumentStatus.RUNNING) & (Q(started_at__isnull=True)
                                                   | Q(started_at__lt=cutoff))
    return queued | running


def _check_person(household, person):
    if person is None:
        return
    if person.household_id != household.pk or not person.is_adult(household.takeover_on):
        raise ValidationError(_("En personlig plan kan kun laves for en voksen i husstanden."))


def _is_lost(document):
    return document.is_pending and (PlanDocument.all_objects
                                     .filter(_lost(timezone.now()), pk=document.pk).exists())


def _requeue(document):
    """Queue a failed or lost document again, as a fresh request with all its attempts."""
    document.status = DocumentStatus.QUEUED
    document.error = ""
    document.attempts = 0
    document.requested_at = timezone.now()
    document.save(update_fields=["status", "error", "attempts", "requested_at"])


def _request(*, household, by, language, person, force, request):
    """The document for the plan as it is now, and whether it needs a job (no job sent)."""
    locked = (Household.objects.editable_by(by).select_for_update(of=("self",))
              .select_related("coordinator", "municipality").get(pk=household.pk))
    _check_person(locked, person)
    snapshot = plan_snapshot(by, locked, person=person)
    key = {"household": locked, "person": person, "language": language,
           "plan_hash": plan_hash(snapshot)}
    latest = (PlanDocument.objects.editable_by(by).filter(**key)
              .order_by("-revision").first())
    if latest is not None and not force:
        if latest.status == DocumentStatus.FAILED or _is_lost(latest):
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
    return document, True


def request_plan_document(*, household, by, language="da", person=None, force=False,
                          request=None):
    """Ask for the PDF of the household's plan (or one adult's); returns (document, queued).

    The household row is locked, so two presses at once are serialised. The same plan
    data in the same language gives the same document and no new job, unless
    ``force`` asks for a new version. A failed (or lost) document is queued again.
    The job is sent after commit; if the broker does not answer, the document says so
    (``waits_for_broker``) and the sweep sends it later.
    """
    with transaction.atomic():
        document, queued = _request(household=household, by=by, language=language,
                                    person=person, force=force, request=request)
        if queued:
            _queue_on_commit([document])
    if queued:  # after commit (unless inside an outer transaction): was it sent?
        document.refresh_from_db(fields=["queued_at", "error"])
    return document, queued


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
    requested = [_request(household=household, by=by, language=language, person=None,
                          force=False, request=None)
                 for household in batch_households(by)]
    batch.documents.set([document for document, _queued in requested])
    _queue_on_commit([document for document, queued in requested if queued])
    audit.record(by, "cases.plan_document.batch_requested", AuditAction.CREATE,
                 owner_municipality_id=by.municipality_id, request=request,
                 detail=f"{len(requested)}")
    return batch


def requeue_lost_documents(*, now=None):
    """Send again the jobs of documents whose job is lost (see ``_lost``); returns how many.

    Run by the periodic sweep. A document that has already started MAX_ATTEMPTS times
    is failed instead. Rows a worker holds are skipped; the next sweep sees them.
    """
    now = now or timezone.now()
    with transaction.atomic():
        lost = list(PlanDocument.all_objects.select_for_update(skip_locked=True)
                    .filter(_lost(now), status__in=PENDING_STATUSES)
                    .order_by("pk")[:SWEEP_BATCH])
        again = []
        for document in lost:
            if document.attempts >= MAX_ATTEMPTS:
                _fail(document, CRASHED)
            else:
                document.status, document.error = DocumentStatus.QUEUED, ""
                document.save(update_fields=["status", "error"])
                again.append(document)
        _queue_on_commit(again)
    if lost:
        logger.info("Plan documents: %s lost job(s) sent again, %s failed", len(again),
                    len(lost) - len(again))
    return len(again)


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
