"""The daily reminder job: one mail per coordinator with due tasks, none to others."""

import datetime

import pytest
from django.conf import settings
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from cases.tests.factories import PersonFactory
from integration_portal.testing.factories import UserFactory
from integration_portal.testing.smtp import LocalSMTPServer, body_of, send_through_smtp_at
from reception.models import PlanTask, TaskStatus
from reception.tasks import send_daily_reminders
from reception.tests.factories import register

CPR = "140388-1234"


def test_each_coordinator_with_due_tasks_gets_exactly_one_mail(
        alice, bob, charlie, django_capture_on_commit_callbacks):
    today = timezone.localdate()
    idle = UserFactory(username="ida", role="sagsbehandler")
    first = register(by=alice, decided_on=today - datetime.timedelta(days=60))
    register(by=alice, decided_on=today - datetime.timedelta(days=40))
    register(by=charlie, decided_on=today - datetime.timedelta(days=30))
    PersonFactory(household=first.household, cpr=CPR, first_name="Amina", last_name="Haddad")
    # bob is named on one of alice's tasks; idle has no plan at all.
    PlanTask.all_objects.filter(plan=first, key="handover").update(responsible_user=bob)
    far = register(by=UserFactory(username="far", role="sagsbehandler"),
                   decided_on=today + datetime.timedelta(days=200))
    assert not PlanTask.all_objects.filter(
        plan=far, due_on__lte=today + datetime.timedelta(days=7)).exists()

    with django_capture_on_commit_callbacks(execute=True):
        sent = send_daily_reminders.delay().get()

    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert sent == 3
    assert recipients == sorted([alice.email, bob.email, charlie.email])
    assert idle.email not in recipients
    alice_mail = next(message for message in mail.outbox if message.to == [alice.email])
    assert first.household.case_number in alice_mail.body
    for message in mail.outbox:
        assert CPR not in message.body and "140388" not in message.body
        assert "Haddad" not in message.body and "Amina" not in message.body
    bob_mail = next(message for message in mail.outbox if message.to == [bob.email])
    assert "Overdragelsesskema" in bob_mail.body


def test_the_job_mails_each_person_once_a_day_however_often_it_runs(
        alice, django_capture_on_commit_callbacks):
    register(by=alice, decided_on=timezone.localdate() - datetime.timedelta(days=60))
    with django_capture_on_commit_callbacks(execute=True):
        send_daily_reminders.delay()
        send_daily_reminders.delay()
    assert len(mail.outbox) == 1


def test_no_mail_when_nothing_is_due(alice, django_capture_on_commit_callbacks):
    plan = register(by=alice, decided_on=timezone.localdate() - datetime.timedelta(days=60))
    PlanTask.all_objects.filter(plan=plan).update(status=TaskStatus.DONE,
                                                  completed_on=timezone.localdate())
    with django_capture_on_commit_callbacks(execute=True):
        assert send_daily_reminders.delay().get() == 0
    assert mail.outbox == []


def test_the_job_is_scheduled_daily_by_beat():
    entry = settings.CELERY_BEAT_SCHEDULE["reception-daily-reminders"]
    assert entry["task"] == send_daily_reminders.name == "reception.tasks.send_daily_reminders"


@pytest.fixture
def smtp_server(settings):
    """A real local SMTP server, and Django's SMTP backend aimed at it."""
    server = LocalSMTPServer().start()
    send_through_smtp_at(settings, server.port)
    yield server
    server.stop()


@override_settings(PORTAL_BASE_URL="https://integration.example.dk")
def test_a_reminder_delivered_by_smtp_links_to_the_plan_and_the_task_list(
        alice, smtp_server, django_capture_on_commit_callbacks):
    plan = register(by=alice, decided_on=timezone.localdate() - datetime.timedelta(days=60))

    with django_capture_on_commit_callbacks(execute=True):
        send_daily_reminders.delay()

    (message,) = smtp_server.wait_for(1)
    lines = [line.strip() for line in body_of(message).splitlines()]
    assert message["To"] == alice.email
    assert f"https://integration.example.dk/modtagelse/husstand/{plan.household_id}/" in lines
    assert "https://integration.example.dk/modtagelse/" in lines
