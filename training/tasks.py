from celery import shared_task

from training import services


@shared_task(acks_late=True, time_limit=120, soft_time_limit=100)
def issue_certificate(enrolment_id):
    """Make (or remake) the certificate PDF of a completed enrolment."""
    certificate = services.issue_certificate(enrolment_id=enrolment_id)
    return certificate.pk if certificate else None


@shared_task(acks_late=True, time_limit=300, soft_time_limit=280)
def queue_missing_certificates():
    """Beat: send again the certificate jobs lost while the broker was away."""
    return services.queue_missing_certificates()
