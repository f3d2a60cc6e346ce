"""PDF jobs that never get stuck: a broker that is away when "Lav PDF" is pressed, the
sweep that sends lost jobs again, and a status poll that neither runs forever nor keeps
an idle session alive."""

import datetime

import pytest
from django.contrib.sessions.models import Session
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from cases.documents import services
from cases.models import DocumentStatus, PlanBatch, PlanDocument
from cases.tasks import render_plan_document
from cases.tests.test_plan_documents import make_plan_family
from cases.tests.test_plan_worker import wait_for
from integration_portal.celery import RETRY_BACKOFF_MAX, app
from integration_portal.testing.broker import broker_at, closed_port
from integration_portal.testing.sessions import renewed_ago

LONG_AGO = datetime.timedelta(hours=1)


@pytest.fixture
def sent(monkeypatch):
    """The ids of the render jobs handed to the broker."""
    jobs = []
    monkeypatch.setattr(render_plan_document, "delay", jobs.append)
    return jobs


def make_document(household, by, **fields):
    document, _queued = services.request_plan_document(household=household, by=by,
                                                        force=True)
    PlanDocument.all_objects.filter(pk=document.pk).update(**fields)
    return document.pk


# --- The broker is away -------------------------------------------------------------


@pytest.mark.worker
def test_lav_pdf_with_the_broker_away_says_so_and_the_sweep_sends_it_later(
        celery_worker_process, alice, client):
    household = make_plan_family(alice)
    client.force_login(alice)
    with broker_at(f"redis://127.0.0.1:{closed_port()}/0"):
        response = client.post(reverse("cases:plan_document_request", args=[household.pk]),
                               {"language": "da"}, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "jobkøen svarer ikke lige nu" in page and "du behøver ikke bestille den igen" in page
    assert "Jobkøen svarede ikke" in page  # and the versions table says so too
    document = PlanDocument.all_objects.get()
    assert (document.status, document.queued_at, document.error) == (
        DocumentStatus.QUEUED, None, services.QUEUE_UNAVAILABLE)
    # The broker is back (the real Redis): the sweep sends it, a real worker makes it.
    assert services.requeue_lost_documents() == 1
    document = wait_for(document.pk, [DocumentStatus.READY, DocumentStatus.FAILED])
    assert (document.status, document.error) == (DocumentStatus.READY, "")
    assert default_storage.exists(document.file.name)


@pytest.mark.django_db(transaction=True)
def test_printing_all_plans_with_the_broker_away_leaves_every_plan_for_the_sweep(
        alice, bob, client):
    for _ in range(3):
        make_plan_family(alice, cpr=None)
    client.force_login(bob)
    with broker_at(f"redis://127.0.0.1:{closed_port()}/0"):
        response = client.post(reverse("cases:plan_batch"), {"language": "da"}, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "3 planer er bestilt." in page and "Jobkøen svarer ikke lige nu" in page
    documents = PlanBatch.objects.get().documents.all()
    assert {(d.status, d.queued_at, d.error) for d in documents} == {
        (DocumentStatus.QUEUED, None, services.QUEUE_UNAVAILABLE)}
    # Back (here the jobs run in-process): the sweep sends all three.
    assert services.requeue_lost_documents() == 3
    assert {d.status for d in PlanDocument.all_objects.all()} == {DocumentStatus.READY}


def test_pressing_again_while_the_broker_was_away_sends_the_job_at_once(
        family_household, alice, sent, django_capture_on_commit_callbacks):
    pk = make_document(family_household, alice, queued_at=None,
                       error=services.QUEUE_UNAVAILABLE)
    sent.clear()
    with django_capture_on_commit_callbacks(execute=True):
        document, queued = services.request_plan_document(household=family_household,
                                                          by=alice)
    assert (document.pk, queued, sent) == (pk, True, [pk])
    document.refresh_from_db()
    assert document.queued_at is not None and document.error == ""


# --- The sweep ----------------------------------------------------------------------


@pytest.fixture
def family_household(alice):
    return make_plan_family(alice)


def test_the_sweep_sends_lost_jobs_again_and_leaves_live_ones(
        family_household, alice, sent, django_capture_on_commit_callbacks):
    now = timezone.now()
    lost = now - services.STALE_AFTER - datetime.timedelta(seconds=1)
    live = now - services.STALE_AFTER + datetime.timedelta(seconds=30)
    never_sent = make_document(family_household, alice, queued_at=None)
    queued_long_ago = make_document(family_household, alice, queued_at=lost)
    killed = make_document(family_household, alice, status=DocumentStatus.RUNNING,
                           started_at=lost, attempts=2)
    waiting = make_document(family_household, alice, queued_at=live)
    rendering = make_document(family_household, alice, status=DocumentStatus.RUNNING,
                              started_at=live, attempts=1)
    worn_out = make_document(family_household, alice, status=DocumentStatus.RUNNING,
                             started_at=lost, attempts=services.MAX_ATTEMPTS)
    done = make_document(family_household, alice, status=DocumentStatus.FAILED,
                         queued_at=lost)
    sent.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.requeue_lost_documents(now=now) == 3
    assert sorted(sent) == [never_sent, queued_long_ago, killed]
    documents = PlanDocument.all_objects.in_bulk()
    for pk in (never_sent, queued_long_ago, killed):
        assert documents[pk].status == DocumentStatus.QUEUED
        assert documents[pk].queued_at >= now
    assert documents[killed].attempts == 2  # the killed start still counts
    assert documents[waiting].status == DocumentStatus.QUEUED
    assert documents[rendering].status == DocumentStatus.RUNNING
    assert (documents[worn_out].status, documents[worn_out].error) == (
        DocumentStatus.FAILED, services.CRASHED)
    assert documents[done].status == DocumentStatus.FAILED
    # Sent, the jobs are no longer lost: the next sweep leaves them alone.
    with django_capture_on_commit_callbacks(execute=True):
        assert services.requeue_lost_documents(now=now) == 0


def test_the_sweep_is_a_periodic_task_bounded_by_the_render_time_limit(settings):
    entry = next(entry for entry in settings.CELERY_BEAT_SCHEDULE.values()
                 if entry["task"] == "cases.tasks.requeue_lost_plan_documents")
    assert entry["schedule"] == datetime.timedelta(seconds=settings.PLAN_SWEEP_INTERVAL)
    assert render_plan_document.time_limit == settings.PLAN_RENDER_TIME_LIMIT
    assert datetime.timedelta(seconds=render_plan_document.time_limit) < services.STALE_AFTER


def test_a_lost_job_makes_its_pdf_when_the_sweep_runs(family_household, alice,
                                                      django_capture_on_commit_callbacks):
    pk = make_document(family_household, alice, status=DocumentStatus.RUNNING,
                       started_at=timezone.now() - LONG_AGO, attempts=1)
    with django_capture_on_commit_callbacks(execute=True):  # eager: the job runs here
        services.requeue_lost_documents()
    document = PlanDocument.all_objects.get(pk=pk)
    assert (document.status, document.attempts) == (DocumentStatus.READY, 2)


def test_pressing_again_on_a_lost_job_queues_it_again(family_household, alice, sent,
                                                      django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first, _queued = services.request_plan_document(household=family_household, by=alice)
        again = services.request_plan_document(household=family_household, by=alice)
    assert again == (first, False) and sent == [first.pk]  # still live: nothing to do
    PlanDocument.all_objects.filter(pk=first.pk).update(
        status=DocumentStatus.RUNNING, started_at=timezone.now() - LONG_AGO)
    with django_capture_on_commit_callbacks(execute=True):
        document, queued = services.request_plan_document(household=family_household,
                                                          by=alice)
    assert (document.pk, queued, sent) == (first.pk, True, [first.pk, first.pk])


def test_every_task_ends_well_within_the_visibility_timeout(settings):
    app.loader.import_default_modules()
    ours = [task for name, task in app.tasks.items() if not name.startswith("celery.")]
    assert len(ours) >= 4
    ceiling = settings.CELERY_TASK_TIME_LIMIT
    assert all((task.time_limit or ceiling) <= ceiling for task in ours), [
        (task.name, task.time_limit) for task in ours if (task.time_limit or 0) > ceiling]
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    assert ceiling + RETRY_BACKOFF_MAX < visibility <= ceiling + RETRY_BACKOFF_MAX + 60


# --- The status poll ----------------------------------------------------------------


def session_expiry(client):
    return Session.objects.get(session_key=client.session.session_key).expire_date


@pytest.mark.parametrize("poll", ["cases:plan_document_status", "cases:plan_batch_progress"])
def test_the_status_poll_does_not_keep_an_idle_session_alive(family_household, alice,
                                                            client, sent, poll):
    services.request_plan_document(household=family_household, by=alice)
    services.request_all_plans(by=alice)
    client.force_login(alice)
    url = reverse(poll, args=[family_household.pk] if "document" in poll else [])
    soon = timezone.now() + datetime.timedelta(minutes=5)
    renewed_ago(client, 120, expires_at=soon)  # a renewal is due, to a real request
    response = client.get(url, headers={"HX-Request": "true"})
    assert response.status_code == 200 and "data-hx-trigger" in response.content.decode()
    assert session_expiry(client) == soon  # polled, yet the session ends as before
    assert client.get(family_household.get_absolute_url()).status_code == 200
    assert session_expiry(client) > soon + datetime.timedelta(minutes=20)  # a real request
    # The idle timeout still ends the session, poll or not.
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1))
    response = client.get(url, headers={"HX-Request": "true"})
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_the_batch_progress_stops_polling_once_every_plan_is_ready_or_failed(
        alice, client, sent):
    for _ in range(2):
        make_plan_family(alice, cpr=None)
    batch = services.request_all_plans(by=alice)
    first, second = batch.documents.order_by("pk")
    client.force_login(alice)
    url = reverse("cases:plan_batch_progress")
    services.fail_plan_document(document_id=first.pk, message=services.RENDER_FAILED)
    progress = client.get(url).content.decode()
    assert "0 af 2 klar" in progress and "1 fejlede" in progress
    assert 'data-hx-trigger="every 2s"' in progress  # one is still queued
    services.fail_plan_document(document_id=second.pk, message=services.RENDER_FAILED)
    progress = client.get(url).content.decode()
    assert "2 fejlede" in progress and "hx-trigger" not in progress
