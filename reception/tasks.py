from celery import shared_task

from reception import services


@shared_task(acks_late=True, time_limit=600, soft_time_limit=540)
def send_daily_reminders():
    """Daily (beat): each coordinator's overdue and soon-due reception tasks by mail."""
    return services.send_reminders()
