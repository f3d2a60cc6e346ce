FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
# WeasyPrint needs Pango; DejaVu gives the PDFs their æøå; `manage.py backup` and
# `restore` need pg_dump and pg_restore of the server's major version (15).
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
    postgresql-client-15 \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
# Runtime packages only; tests and tooling (requirements-dev.txt) stay out of the image.
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . .
# Static files with the production storage (DEBUG off): hashed names and the manifest
# the running containers need. The key on this line exists only for this build step.
RUN DEBUG=false SECRET_KEY=build-only-collectstatic-key-never-used-at-runtime \
    python manage.py collectstatic --no-input \
 && useradd --system --uid 1000 portal \
 && mkdir -p /data/media /data/beat && chown portal /data/media /data/beat
USER portal
# Beat's schedule and heartbeat: writable by portal, outside the code (compose mounts a volume).
ENV CELERY_BEAT_SCHEDULE_FILENAME=/data/beat/celerybeat-schedule
EXPOSE 8000
CMD ["gunicorn", "integration_portal.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-",
     "--access-logformat", "%(h)s %(t)s \"%(m)s %(U)s\" %(s)s %(b)s %(L)s"]
