"""The printed integration plan: a snapshot of the plan, a PDF made from it by a
Celery worker, kept as versions, downloaded through the access policy."""
