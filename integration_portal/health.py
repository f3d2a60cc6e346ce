"""What the health views report: the database, the broker, the workers, the queue.

Each check answers within a few seconds and never raises: a service that is down is
a state to report, not an error.
"""

from django.db import Error as DatabaseError
from django.db import connection

from integration_portal.celery import app as celery_app

BROKER_TIMEOUT = 2
WORKER_PING_TIMEOUT = 1.0
IN_PROCESS = "in-process"


def database_ok():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        connection.close_if_unusable_or_obsolete()
        return False
    return True


def broker_report():
    """{"broker", "workers", "queue_length"}; workers and queue only when the broker answers."""
    if celery_app.conf.task_always_eager:
        return {"broker": IN_PROCESS, "workers": None, "queue_length": 0}
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=BROKER_TIMEOUT)
            queue_length = _queue_length(conn)
        workers = _worker_count()
    except Exception:  # any broker failure is a state to report, never a 500
        return {"broker": "unavailable", "workers": None, "queue_length": None}
    return {"broker": "ok", "workers": workers, "queue_length": queue_length}


def _queue_length(conn):
    """Tasks waiting in the default queue (not those a worker holds)."""
    name = celery_app.conf.task_default_queue
    return conn.default_channel.queue_declare(queue=name, passive=False).message_count


def _worker_count():
    """Workers consuming the default queue: another application's worker on the same
    Redis answers a broadcast too, but runs none of the portal's jobs."""
    name = celery_app.conf.task_default_queue
    replies = celery_app.control.inspect(timeout=WORKER_PING_TIMEOUT).active_queues() or {}
    return sum(1 for queues in replies.values()
               if any(queue.get("name") == name for queue in queues or []))


def readiness_report():
    """Every check, and a status: "unavailable" without a database, "degraded" when
    queued work (PDFs, mail) has no broker or no worker to run it, else "ok"."""
    report = {"database": "ok" if database_ok() else "unavailable", **broker_report()}
    queue_served = report["broker"] == IN_PROCESS or (
        report["broker"] == "ok" and report["workers"] > 0
    )
    if report["database"] != "ok":
        report["status"] = "unavailable"
    else:
        report["status"] = "ok" if queue_served else "degraded"
    return report
