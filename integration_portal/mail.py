"""The one way the portal sends e-mail: after commit, by a Celery task, with retries.

A caller renders its message inside its transaction and calls ``send_after_commit``.
Nothing is queued if the transaction rolls back, and the request never waits for
SMTP: the task ``integration_portal.tasks.send_email`` delivers it. SMTP and
connection errors are retried with a doubling delay (EMAIL_RETRY_* settings); the
final failure is logged without the body. Without a broker (tasks eager, as in
the embedded mode and the tests), or when the broker cannot take the task, one
attempt is made in-process and a failure is logged, never raised into the view.
No other module calls django.core.mail's send functions (a test checks it).
"""

import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction

from integration_portal.queueing import enqueue

logger = logging.getLogger(__name__)

# socket.timeout is TimeoutError and ConnectionError is an OSError.
TRANSIENT_ERRORS = (smtplib.SMTPException, OSError)


def send_after_commit(*, subject, body, to):
    """Send one plain-text mail once the current transaction commits."""
    recipients = list(to)
    transaction.on_commit(lambda: _queue(subject=subject, body=body, to=recipients))


def _queue(*, subject, body, to):
    from integration_portal.tasks import send_email

    if not enqueue(send_email, subject=subject, body=body, to=to):
        # The broker is away: one attempt in this process rather than none.
        send_email.apply(kwargs={"subject": subject, "body": body, "to": to})


def deliver(task, *, subject, body, to):
    """Hand the mail to SMTP; on a transient error retry later or log the final failure."""
    try:
        EmailMessage(subject, body, None, to).send()
    except TRANSIENT_ERRORS as error:
        if task.request.is_eager or task.request.retries >= settings.EMAIL_MAX_RETRIES:
            _log_failure(task, error, recipients=len(to))
            return False
        raise task.retry(exc=error, countdown=retry_delay(task.request.retries),
                         max_retries=settings.EMAIL_MAX_RETRIES) from error
    return True


def retry_delay(retries):
    """Seconds before retry number ``retries + 1``: doubling, capped.

    Also capped at half the broker's visibility timeout, since Redis hands a message
    held for a later retry to another worker once that timeout passes.
    """
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS.get("visibility_timeout", 3600)
    delay = settings.EMAIL_RETRY_DELAY * 2 ** retries
    return max(0, min(delay, settings.EMAIL_RETRY_MAX_DELAY, visibility // 2))


def _log_failure(task, error, *, recipients):
    logger.error("Mail %s to %d recipient(s) not sent after %d attempt(s): %s: %s",
                 task.request.id, recipients, task.request.retries + 1,
                 type(error).__name__, error)
