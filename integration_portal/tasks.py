from celery import shared_task
from django.db import connection


@shared_task
def ping():
    """A round trip through broker, worker and database, for health and tests."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        (one,) = cursor.fetchone()
    return {"pong": True, "database": connection.vendor, "select": one}
