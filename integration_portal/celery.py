"""The Celery app: ``celery -A integration_portal worker`` (and ``beat``).

Defaults for every task come from settings (CELERY_*): JSON only, acks_late with
reject-on-worker-lost so a killed worker's job is redelivered, time limits, and
at most MAX_RETRIES retries on transient errors through ``PortalTask``.
"""

import os

from celery import Celery, Task

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "integration_portal.settings")

MAX_RETRIES = 3
# The longest a retried task waits before it runs again; settings derive the
# broker's visibility timeout from it.
RETRY_BACKOFF_MAX = 300


class PortalTask(Task):
    """Base task: retries only transient connection errors, a bounded number of times."""

    autoretry_for = (ConnectionError, TimeoutError)
    max_retries = MAX_RETRIES
    retry_backoff = True
    retry_backoff_max = RETRY_BACKOFF_MAX
    retry_jitter = True
    acks_late = True


app = Celery("integration_portal", task_cls=PortalTask)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
