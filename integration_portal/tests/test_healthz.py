"""/healthz (liveness) and /readyz (readiness and status): never a 500."""

import socket
import time
import uuid

import pytest
from django.db import connection

from conftest import require
from integration_portal.celery import app

PRODUCTION_LIKE = {"DEBUG": False, "ALLOWED_HOSTS": ["portal.example.dk"],
                   "SECURE_SSL_REDIRECT": True,
                   "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https")}


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def real_broker(redis_url):
    app.conf.task_always_eager = False
    yield
    app.conf.task_always_eager = True


@pytest.fixture
def broker_down(real_broker):
    original = app.conf.broker_url
    app.conf.broker_url = f"redis://127.0.0.1:{closed_port()}/0"
    yield
    app.conf.broker_url = original


@pytest.fixture
def database_down(transactional_db):
    """The default connection pointed at a port where no PostgreSQL listens."""
    require(connection.vendor == "postgresql", "this test needs PostgreSQL")
    original = connection.settings_dict["PORT"]
    connection.close()
    connection.settings_dict["PORT"] = str(closed_port())
    yield
    connection.close()
    connection.settings_dict["PORT"] = original


@pytest.fixture
def production_like(settings):
    for name, value in PRODUCTION_LIKE.items():
        setattr(settings, name, value)


def test_healthz_is_200_when_the_database_answers(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_stays_200_when_only_the_broker_is_down(client, db, broker_down):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok"}


def test_healthz_answers_a_host_outside_allowed_hosts_over_plain_http(
        client, db, production_like):
    # The compose health check: http://127.0.0.1:8000/healthz, no proxy headers.
    assert client.get("/login/", HTTP_HOST="127.0.0.1:8000").status_code == 400
    assert client.get("/login/", HTTP_HOST="portal.example.dk").status_code == 301
    response = client.get("/healthz", HTTP_HOST="127.0.0.1:8000")
    assert response.status_code == 200
    assert client.get("/readyz", HTTP_HOST="127.0.0.1:8000").status_code == 200


def test_healthz_is_503_not_500_when_the_database_is_down(client, alice, database_down):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"database": "unavailable"}


def test_a_logged_in_healthz_is_503_not_500_when_the_database_is_down(
        client, alice, transactional_db, production_like):
    require(connection.vendor == "postgresql", "this test needs PostgreSQL")
    client.force_login(alice)
    original = connection.settings_dict["PORT"]
    connection.close()
    connection.settings_dict["PORT"] = str(closed_port())
    try:
        healthz = client.get("/healthz", HTTP_HOST="portal.example.dk",
                             HTTP_X_FORWARDED_PROTO="https")
        readyz = client.get("/readyz", HTTP_HOST="portal.example.dk",
                            HTTP_X_FORWARDED_PROTO="https")
    finally:
        connection.close()
        connection.settings_dict["PORT"] = original
    assert healthz.status_code == 503
    assert healthz.json() == {"database": "unavailable"}
    assert readyz.status_code == 503
    assert readyz.json()["status"] == "unavailable"


def test_readyz_reports_in_process_tasks_as_ok(client, db):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "broker": "in-process", "workers": None,
                               "queue_length": 0, "status": "ok"}


def test_readyz_is_degraded_with_200_when_the_broker_is_down(client, db, broker_down):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "broker": "unavailable", "workers": None,
                               "queue_length": None, "status": "degraded"}


def test_readyz_answers_only_callers_on_this_machine(client, db):
    assert client.get("/readyz", REMOTE_ADDR="::1").status_code == 200
    assert client.get("/readyz", REMOTE_ADDR="203.0.113.7").status_code == 404
    assert client.get("/healthz", REMOTE_ADDR="203.0.113.7").status_code == 200


def test_readyz_counts_waiting_tasks_and_is_degraded_without_a_worker(client, db, real_broker):
    queue = f"test-{uuid.uuid4().hex[:8]}"
    original = app.conf.task_default_queue
    app.conf.task_default_queue = queue
    try:
        app.send_task("integration_portal.tests.never_run", queue=queue)
        app.send_task("integration_portal.tests.never_run", queue=queue)
        response = client.get("/readyz")
    finally:
        app.conf.task_default_queue = original
        with app.connection_for_write() as conn:
            conn.default_channel.queue_purge(queue)
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "broker": "ok", "workers": 0,
                               "queue_length": 2, "status": "degraded"}


@pytest.mark.worker
def test_readyz_is_ok_once_a_real_worker_answers_the_ping(client, celery_worker_process):
    deadline = time.monotonic() + 60
    report = client.get("/readyz").json()
    while report["workers"] == 0 and time.monotonic() < deadline:
        time.sleep(0.5)
        report = client.get("/readyz").json()
    assert report["broker"] == "ok"
    assert report["workers"] >= 1
    assert report["status"] == "ok"
