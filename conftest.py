"""Suite-wide rules: real services under CI, nothing skipped, shared people.

With CI=true the suite must run on PostgreSQL and reach Redis, and a skipped test
counts as a failure, so a missing service can never turn into a green run.
"""

import os
import subprocess
import sys
import uuid

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if IN_CI and report.skipped:
        report.outcome = "failed"
        report.longrepr = f"Skipped under CI=true, which is not allowed: {report.longrepr}"


@pytest.fixture(scope="session", autouse=True)
def _real_services_under_ci(django_db_setup, django_db_blocker):
    from django.db import connection

    if IN_CI:
        assert connection.vendor == "postgresql", "CI must run on PostgreSQL"
        assert redis_reachable(), "CI must reach Redis at REDIS_URL"


def redis_reachable():
    import redis
    from django.conf import settings

    if not settings.REDIS_URL:
        return False
    try:
        return redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2).ping()
    except redis.RedisError:
        return False


def require(condition, why):
    """Skip locally when a service is missing; under CI that skip becomes a failure."""
    if not condition:
        if IN_CI:
            pytest.fail(f"needed under CI: {why}")
        pytest.skip(why)


@pytest.fixture(autouse=True)
def _eager_celery(settings):
    from integration_portal.celery import app

    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    yield


@pytest.fixture
def postgres(db):
    from django.db import connection

    require(connection.vendor == "postgresql", "this test needs PostgreSQL")


@pytest.fixture
def redis_url():
    from django.conf import settings

    require(redis_reachable(), "this test needs Redis")
    return settings.REDIS_URL


# --- The named people shared by all tests -------------------------------------------


def _person(username, first_name, last_name, role, code="420"):
    from integration_portal.testing.factories import UserFactory, municipality

    return UserFactory(username=username, first_name=first_name, last_name=last_name,
                       municipality=municipality(code) if code else None, role=role)


@pytest.fixture
def alice(db):
    """Caseworker in Assens."""
    return _person("alice", "Alice", "Andersen", "sagsbehandler")


@pytest.fixture
def bob(db):
    """Team lead in Assens."""
    return _person("bob", "Bo", "Berg", "teamleder")


@pytest.fixture
def charlie(db):
    """Caseworker in Odense: must never see Assens' cases."""
    return _person("charlie", "Charlotte", "Christensen", "sagsbehandler", code="461")


@pytest.fixture
def dorte(db):
    """Municipal administrator in Assens."""
    return _person("dorte", "Dorte", "Dahl", "kommunal administrator")


@pytest.fixture
def erik(db):
    """Municipal administrator in Odense."""
    return _person("erik", "Erik", "Eriksen", "kommunal administrator", code="461")


@pytest.fixture
def trine(db):
    """National training administrator (no municipality)."""
    return _person("trine", "Trine", "Thomsen", "uddannelsesadministrator", code=None)


# --- A real Celery worker ---------------------------------------------------------------


@pytest.fixture
def celery_worker_process(redis_url, transactional_db, settings):
    """Start `celery -A integration_portal worker` on the test database and Redis.

    Tasks go to a queue of their own, so a developer's worker never takes them.
    Yields a handle with ``start()`` and ``kill()`` for crash tests.
    """
    from django.db import connection

    from integration_portal.celery import app

    queue = f"test-{uuid.uuid4().hex[:8]}"
    db = connection.settings_dict
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        REDIS_URL=redis_url,
        CELERY_TASK_ALWAYS_EAGER="false",
        CELERY_TASK_DEFAULT_QUEUE=queue,
        MEDIA_ROOT=str(settings.MEDIA_ROOT),
    )
    app.conf.task_always_eager = False
    app.conf.task_default_queue = queue
    handle = WorkerHandle(env, queue)
    handle.start()
    yield handle
    handle.stop()
    app.conf.task_default_queue = settings.CELERY_TASK_DEFAULT_QUEUE


class WorkerHandle:
    def __init__(self, env, queue):
        self.env, self.queue, self.process = env, queue, None

    def start(self):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "integration_portal", "worker",
             "-Q", self.queue, "--pool=solo", "--without-gossip", "--without-mingle",
             "--without-heartbeat", "-l", "warning", "-n", f"{self.queue}@%h"],
            env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )

    def kill(self):
        """SIGKILL, as an out-of-memory killer or a pulled plug would."""
        self.process.kill()
        self.process.wait(timeout=10)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()


# --- The browser ------------------------------------------------------------------------


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    from integration_portal.testing.browser import CHROMIUM, CHROMIUM_ARGS

    require(os.path.exists(CHROMIUM), f"Chromium not found at {CHROMIUM}")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, live_server):
    context = chromium.new_context(base_url=live_server.url, locale="da-DK")
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.fixture
def axe():
    from integration_portal.testing.browser import AxeAudit

    return AxeAudit()
