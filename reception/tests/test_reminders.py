"""The daily reminder job: one mail per coordinator with due tasks, none to others."""

import datetime

from django.conf import settings
from django.core import mail
from django.utils import timezone

from cases.tests.factories import PersonFactory
from integration_portal.testing.factories import UserFactory
from reception.models import PlanTask, TaskStatus
from reception.tasks import send_daily_reminders
from reception.tests.factories import register

CPR = "140388-1234"


def test_each_coordinator_with_due_tasks_gets_exactly_one_mail(alice, bob, charlie):
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


def test_the_job_mails_each_person_once_a_day_however_often_it_runs(alice):
    register(by=alice, decided_on=timezone.localdate() - datetime.timedelta(days=60))
    send_daily_reminders.delay()
    send_daily_reminders.delay()
    assert len(mail.outbox) == 1


def test_no_mail_when_nothing_is_due(alice):
    plan = register(by=alice, decided_on=timezone.localdate() - datetime.timedelta(days=60))
    PlanTask.all_objects.filter(plan=plan).update(status=TaskStatus.DONE,
                                                  completed_on=timezone.localdate())
    assert send_daily_reminders.delay().get() == 0
    assert mail.outbox == []


def test_the_job_is_scheduled_daily_by_beat():
    entry = settings.CELERY_BEAT_SCHEDULE["reception-daily-reminders"]
    assert entry["task"] == send_daily_reminders.name == "reception.tasks.send_daily_reminders"
