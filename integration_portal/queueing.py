"""The one way the portal hands a job to the broker.

When Redis is away, publishing raises (kombu wraps the connection errors) after the
short connect timeout and single retry set in settings. A request must never turn
that into a 500 after its transaction has committed, and the job must not be lost:
``enqueue`` returns False instead of raising, and each kind of job has a sweep (a
beat task) that finds the work still undone and queues it again. No other module
calls ``delay`` or ``apply_async`` (a test checks it).
"""

import logging

from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)

# What publishing raises when the broker does not answer.
BROKER_ERRORS = (OperationalError, ConnectionError, TimeoutError)


def enqueue(task, *args, **kwargs):
    """Send ``task`` with these arguments; False (and a warning) when the broker is away."""
    try:
        task.delay(*args, **kwargs)
    except BROKER_ERRORS as error:
        logger.warning("Broker unreachable: %s not queued; its sweep will send it later (%s)",
                       task.name, error)
        return False
    return True


def enqueue_each(task, ids):
    """Send ``task`` once per id, in order; stops at the first refusal (the broker is
    then away for the rest too, and each try would wait as long). Returns how many
    were sent."""
    for sent, job_id in enumerate(ids):
        if not enqueue(task, job_id):
            return sent
    return len(ids)
