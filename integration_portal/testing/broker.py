"""A broker that is away, for tests of what the portal does when Redis does not answer."""

from contextlib import contextmanager

from integration_portal.celery import app
from integration_portal.testing.smtp import free_port

# A local port nothing listens on (bound once to find it free, then closed).
closed_port = free_port


@contextmanager
def broker_at(url):
    """Publish through the broker at ``url`` (non-eager), as a web process would."""
    conf = app.conf
    saved = conf.broker_url, conf.task_always_eager

    def reconnect(to):
        conf.broker_url = to
        # Celery caches the app's pools; kombu keeps one per broker URL, so the
        # real broker's pool is found again afterwards.
        app._pool, app.amqp._producer_pool = None, None

    conf.task_always_eager = False
    reconnect(url)
    try:
        yield
    finally:
        conf.task_always_eager = saved[1]
        reconnect(saved[0])


def broker_away():
    """``broker_at`` a closed local port."""
    return broker_at(f"redis://127.0.0.1:{closed_port()}/0")
