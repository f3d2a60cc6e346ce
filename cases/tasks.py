import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.db import InterfaceError, OperationalError
from redis.exceptions import ConnectionError as RedisConnectionError

from cases.documents import services

logger = logging.getLogger(__name__)

# Errors worth another try: the database or the file storage was briefly away.
TRANSIENT = (OperationalError, InterfaceError, ConnectionError, TimeoutError,
             RedisConnectionError)


# Results are never read (the document row is the result), so none are stored: sending
# a job then touches only the broker.
@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, autoretry_for=(),
             max_retries=3, ignore_result=True, time_limit=services.RENDER_TIME_LIMIT,
             soft_time_limit=services.RENDER_TIME_LIMIT * 5 // 6)
def render_plan_document(self, document_id):
    """Make the PDF of a PlanDocument; a final failure becomes its status and message."""
    try:
        document = services.produce_plan_document(document_id=document_id)
    except SoftTimeLimitExceeded:
        services.fail_plan_document(document_id=document_id, message=services.TIMED_OUT)
        return None
    except TRANSIENT as exc:
        if self.request.retries >= self.max_retries:
            logger.exception("Plan document %s: giving up after retries", document_id)
            services.fail_plan_document(document_id=document_id, message=services.UNAVAILABLE)
            return None
        raise self.retry(exc=exc, countdown=5 * 2 ** self.request.retries) from exc
    except Exception:
        logger.exception("Plan document %s could not be rendered", document_id)
        services.fail_plan_document(document_id=document_id, message=services.RENDER_FAILED)
        return None
    return document.status if document else None


@shared_task(ignore_result=True, time_limit=120, soft_time_limit=100)
def requeue_lost_plan_documents():
    """Periodic (beat): send again the PDF jobs lost with a worker or never sent."""
    return services.requeue_lost_documents()
