"""Settings for Integrationsportalen, read from the environment.

With nothing configured the portal runs on an embedded default: DEBUG on, a SQLite
file and Celery tasks executed in-process. A deployment sets DATABASE_URL, which turns
DEBUG off by default; then a missing SECRET_KEY fails loudly and every HTTPS
hardening setting is on.

A `.env` file beside manage.py is read only when DJANGO_READ_DOT_ENV_FILE=true: docker
compose hands the file to the containers itself, and `make run` must not pick up a
production host list from it.
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from integration_portal.celery import RETRY_BACKOFF_MAX

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
if env.bool("DJANGO_READ_DOT_ENV_FILE", default=False):
    environ.Env.read_env(BASE_DIR / ".env", overwrite=False)


def env_file(name, default=None):
    """Read NAME, or the file named by NAME_FILE (Docker and Kubernetes secrets)."""
    path = env.str(f"{name}_FILE", default="")
    if path:
        return Path(path).read_text().strip()
    return env.str(name, default=default)


# Nothing configured means the embedded default: a developer trying the portal.
# A deployment sets DATABASE_URL, and then DEBUG is off unless it says otherwise.
EMBEDDED = "DATABASE_URL" not in env
DEBUG = env.bool("DEBUG", default=EMBEDDED)
SECRET_KEY = env_file("SECRET_KEY", default="insecure-development-key-only" if DEBUG else None)
if not SECRET_KEY:
    raise environ.ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_htmx",
    "axes",
    "integration_portal",
    "cases",
    "reception",
    "training",
    "networks",
]

MIDDLEWARE = [
    # First: answers /healthz and /readyz before host validation, the HTTPS redirect
    # and sessions, so a health check works on 127.0.0.1 and with the database down.
    "integration_portal.middleware.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before anything reads a parameter or the session: a NUL byte is answered 400
    # (in the default language, Danish: the locale is not chosen yet).
    "integration_portal.nul_bytes.RejectNulBytesMiddleware",
    "integration_portal.sessions.IdleSessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # The ids of the households a share or transfer opens: looked up once per request.
    "integration_portal.access.GrantCacheMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "integration_portal.urls"
WSGI_APPLICATION = "integration_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Database: PostgreSQL from DATABASE_URL, else the embedded SQLite file.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A health check must answer while the database host is unreachable, not hang.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", env.int("DATABASE_CONNECT_TIMEOUT", default=5)
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "integration_portal.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

# Sessions end after SESSION_IDLE_MINUTES without a request (a page polling a status
# fragment does not count), renewed by at most one write a minute, not one per request
# (integration_portal.sessions).
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_MINUTES", default=30) * 60
SESSION_SAVE_EVERY_REQUEST = False
SESSION_REFRESH_SECONDS = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Lockout after repeated failed logins (django-axes).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Lockout is per username on purpose: municipal staff share NAT addresses, and an
# IP lockout would shut a whole town hall out after five typos.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Dansk")), ("en", _("Engelsk"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
STORAGES = {
    # Generated files (plans, certificates) are private: never served from a URL,
    # only through views that check the access policy.
    "default": {
        "BACKEND": env.str("FILE_STORAGE", default="django.core.files.storage.FileSystemStorage"),
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG else "django.contrib.staticfiles.storage.StaticFilesStorage",
    },
}
if STORAGES["default"]["BACKEND"].startswith("storages."):
    AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
    AWS_S3_ENDPOINT_URL = env.str("AWS_S3_ENDPOINT_URL", default=None)
    AWS_S3_REGION_NAME = env.str("AWS_S3_REGION_NAME", default=None)
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = True

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Celery: Redis from REDIS_URL, else tasks run in-process.
REDIS_URL = env.str("REDIS_URL", default="")
CELERY_BROKER_URL = REDIS_URL or "memory://localhost/"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
# Time limits. No task may run longer than CELERY_TASK_TIME_LIMIT (tasks set shorter
# limits of their own; a test checks every registered task), so the broker's redelivery
# can be derived from it. The plan PDF's limit is its own setting because the sweep
# that finds lost PDF jobs is derived from it (cases.documents.services.STALE_AFTER).
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=600)
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT",
                                      default=CELERY_TASK_TIME_LIMIT - 60)
PLAN_RENDER_TIME_LIMIT = env.int("PLAN_RENDER_TIME_LIMIT", default=180)
PLAN_SWEEP_INTERVAL = env.int("PLAN_SWEEP_INTERVAL", default=60)
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_TASK_DEFAULT_QUEUE", default="celery")
CELERY_RESULT_EXPIRES = 3600
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Publishing from a web request gives up within seconds when Redis is away (a refused
# connection at once, an unanswered one after the connect timeout, one retry), so the
# caseworker gets a message instead of a hanging page; the sweep sends the job later.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1, "interval_start": 0, "interval_step": 0.5, "interval_max": 0.5,
}
# The result store (Redis too) is asked first for any task whose result is kept; its
# own default policy retries for about 20 s.
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = 2
CELERY_REDIS_SOCKET_TIMEOUT = 5
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {"retry_policy": CELERY_TASK_PUBLISH_RETRY_POLICY}
# With Redis, a message a worker took but never acknowledged (acks_late: the worker
# died) is handed out again once it has been unacknowledged for the visibility
# timeout. A message stays unacknowledged while its task runs and, for a retried task,
# while it waits for its countdown, so the default is the longest run plus the longest
# retry wait (RETRY_BACKOFF_MAX) plus a minute. Every worker looks for such messages
# every unacked_restore_interval x unacked_restore_throttle seconds (kombu 5.7), so a
# lost message comes back at worst visibility_timeout + interval x throttle after it
# was taken: 600 + 300 + 60 + 10 x 10 = 1060 s by default.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int(
        "CELERY_VISIBILITY_TIMEOUT", default=CELERY_TASK_TIME_LIMIT + RETRY_BACKOFF_MAX + 60),
    "unacked_restore_interval": env.int("CELERY_UNACKED_RESTORE_INTERVAL", default=10),
    "unacked_restore_throttle": env.int("CELERY_UNACKED_RESTORE_THROTTLE", default=10),
    "socket_connect_timeout": CELERY_BROKER_CONNECTION_TIMEOUT,
    "socket_timeout": 5,
}
CELERY_TIMEZONE = TIME_ZONE
# Beat keeps its schedule under var/ (never the repository root) and touches
# <schedule>.heartbeat on every loop, at least once a minute, for its health check.
CELERY_BEAT_SCHEDULER = "integration_portal.beat.HeartbeatScheduler"
CELERY_BEAT_SCHEDULE_FILENAME = env.str(
    "CELERY_BEAT_SCHEDULE_FILENAME", default=str(BASE_DIR / "var" / "celerybeat-schedule")
)
CELERY_BEAT_MAX_LOOP_INTERVAL = 60
CELERY_BEAT_SCHEDULE = {
    "reception-daily-reminders": {
        "task": "reception.tasks.send_daily_reminders",
        "schedule": crontab(hour=6, minute=30),
    },
    # PDF jobs lost with a worker or never sent (broker away) are queued again.
    "cases-requeue-lost-plan-documents": {
        "task": "cases.tasks.requeue_lost_plan_documents",
        "schedule": timedelta(seconds=PLAN_SWEEP_INTERVAL),
    },
    # Certificate jobs never sent (broker away) are queued again.
    "training-queue-missing-certificates": {
        "task": "training.tasks.queue_missing_certificates",
        "schedule": timedelta(minutes=15),
    },
}

# E-mail, sent only by integration_portal.mail: a Celery task queued on commit that
# retries SMTP and connection errors EMAIL_MAX_RETRIES times, waiting EMAIL_RETRY_DELAY
# seconds and doubling up to EMAIL_RETRY_MAX_DELAY.
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25")
vars().update(EMAIL_CONFIG)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
EMAIL_MAX_RETRIES = env.int("EMAIL_MAX_RETRIES", default=14)
EMAIL_RETRY_DELAY = env.int("EMAIL_RETRY_DELAY", default=60)
EMAIL_RETRY_MAX_DELAY = env.int("EMAIL_RETRY_MAX_DELAY", default=600)
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Integrationsportalen <noreply@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL


def portal_base_url():
    """The absolute address mails link to: PORTAL_BASE_URL, else derived.

    In development the runserver address; in production https:// and the first
    ALLOWED_HOSTS entry, which must then be a plain host name.
    """
    url = env.str("PORTAL_BASE_URL", default="")
    if not url and DEBUG:
        url = "http://127.0.0.1:8000"
    elif not url:
        host = ALLOWED_HOSTS[0] if ALLOWED_HOSTS else ""
        if not host or host.startswith(".") or "*" in host:
            raise environ.ImproperlyConfigured(
                "PORTAL_BASE_URL must be set when the first ALLOWED_HOSTS entry is not "
                "a plain host name.")
        url = f"https://{host}"
    if not url.startswith(("http://", "https://")):
        raise environ.ImproperlyConfigured("PORTAL_BASE_URL must start with http:// or https://")
    return url.rstrip("/")


PORTAL_BASE_URL = portal_base_url()

# Test hook only: seconds a worker waits before rendering a plan PDF, so a test can
# kill it mid-task. Never set in a deployment.
PLAN_RENDER_TEST_DELAY = env.float("PLAN_RENDER_TEST_DELAY", default=0)

# Case numbers: municipality code, year, sequence (see cases.services).
CASE_NUMBER_FORMAT = env.str("CASE_NUMBER_FORMAT", default="{code:04d}-{year}-{seq:05d}")

# Production hardening; each can be relaxed from the environment behind a proxy.
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {
        "mask_cpr": {"()": "integration_portal.cpr.MaskCprLogFilter"},
        "one_line_4xx": {"()": "integration_portal.logfilters.ClientErrorsWithoutTraceback"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler", "formatter": "plain", "filters": ["mask_cpr"],
        },
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # A logger's filter runs before any handler: 403s and 404s are one line
        # everywhere, 500s keep their traceback.
        "django.request": {"filters": ["one_line_4xx"]},
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
