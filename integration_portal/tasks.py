from celery import shared_task
from django.db import connection

from integration_portal import mail


@shared_task
def ping():
    """A round trip through broker, worker and database, for health and tests."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        (one,) = cursor.fetchone()
    return {"pong": True, "database": connection.vendor, "select": one}


@shared_task(bind=True, acks_late=True, ignore_result=True, time_limit=120, soft_time_limit=100)
def send_email(self, *, subject, body, to):
    """Deliver one mail queued by integration_portal.mail.send_after_commit."""
    return mail.deliver(self, subject=subject, body=body, to=to)
