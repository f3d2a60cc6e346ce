"""An SMTP outage never turns a cancellation into a 500 and never loses the promotion mail."""

import logging
import time

import pytest

from integration_portal.celery import app
from integration_portal.testing.smtp import (
    LocalSMTPServer,
    body_of,
    free_port,
    send_through_smtp_at,
)
from training import services
from training.models import EnrolmentStatus
from training.tests.factories import PractitionerFactory, make_session


def seated_and_waiting(by):
    session = make_session(capacity=1)
    return [services.enrol(session=session, practitioner=p, by=by)
            for p in PractitionerFactory.create_batch(2)]


def cancel_through_the_page(client, user, enrolment):
    client.force_login(user)
    return client.post(f"/efteruddannelse/tilmeldinger/{enrolment.pk}/afmeld/")


@pytest.fixture
def closed_smtp_port(settings):
    """Django's SMTP backend aimed at a port where nothing listens (yet)."""
    return send_through_smtp_at(settings, free_port()).EMAIL_PORT


def test_without_a_broker_the_page_answers_and_the_failure_is_logged(
        transactional_db, client, trine, closed_smtp_port, caplog):
    seated, waiting = seated_and_waiting(trine)

    with caplog.at_level(logging.ERROR, logger="integration_portal.mail"):
        response = cancel_through_the_page(client, trine, seated)

    assert response.status_code == 302
    seated.refresh_from_db()
    waiting.refresh_from_db()
    assert (seated.status, waiting.status) == (EnrolmentStatus.CANCELLED,
                                               EnrolmentStatus.CONFIRMED)
    assert "not sent after 1 attempt(s)" in caplog.text
    assert "Rådhuset" not in caplog.text  # the body stays out of the log


@pytest.fixture
def mail_worker(request, monkeypatch, closed_smtp_port):
    """A real worker whose SMTP server is down and which retries after 1 s, then 2 s,
    often enough to outlast a slow machine before the test starts the server."""
    monkeypatch.setenv("EMAIL_URL", f"smtp://127.0.0.1:{closed_smtp_port}")
    monkeypatch.setenv("EMAIL_MAX_RETRIES", "60")
    monkeypatch.setenv("EMAIL_RETRY_DELAY", "1")
    monkeypatch.setenv("EMAIL_RETRY_MAX_DELAY", "2")
    return request.getfixturevalue("celery_worker_process")


def worker_tasks(worker, kind):
    """The worker's tasks of one kind (active, reserved, scheduled), by remote control."""
    replies = getattr(app.control.inspect(timeout=2), kind)() or {}
    return [task for name, tasks in replies.items() if name.startswith(worker.queue)
            for task in tasks]


def wait_until(condition, timeout=45):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "gave up waiting"
        time.sleep(0.2)


@pytest.mark.worker
def test_the_promotion_mail_is_sent_once_when_smtp_answers_again(
        transactional_db, mail_worker, client, trine, closed_smtp_port):
    seated, waiting = seated_and_waiting(trine)

    response = cancel_through_the_page(client, trine, seated)

    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == EnrolmentStatus.CONFIRMED
    # The first attempt met the closed port, so the worker holds a retry for later.
    wait_until(lambda: worker_tasks(mail_worker, "scheduled"))

    server = LocalSMTPServer(port=closed_smtp_port).start()
    try:
        server.wait_for(1)
        wait_until(lambda: not any(worker_tasks(mail_worker, kind)
                                   for kind in ("active", "reserved", "scheduled")))
    finally:
        server.stop()

    (message,) = server.messages
    assert message["To"] == waiting.practitioner.email
    assert "plads" in message["Subject"]
    assert "Rådhuset" in body_of(message)
