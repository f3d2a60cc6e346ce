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


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, autoretry_for=(),
             max_retries=3, time_limit=180, soft_time_limit=150)
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
