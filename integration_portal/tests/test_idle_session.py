"""The idle timeout costs at most one session write a minute, and still ends an idle
session."""

from datetime import timedelta

from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from integration_portal.testing.sessions import expiry, renewed_ago


def session_writes(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in context.captured_queries
            if "django_session" in query["sql"]
            and query["sql"].lstrip().startswith(("UPDATE", "INSERT"))]


def test_two_requests_within_a_minute_write_the_session_once(client, alice):
    client.force_login(alice)
    renewed_ago(client, 120)
    assert len(session_writes(client, reverse("dashboard"))) == 1
    assert session_writes(client, reverse("dashboard")) == []


def test_a_login_counts_as_the_renewal(client, alice):
    client.force_login(alice)
    assert session_writes(client, reverse("dashboard")) == []


def test_a_request_after_the_refresh_interval_extends_the_expiry(client, alice, settings):
    client.force_login(alice)
    soon = timezone.now() + timedelta(minutes=1)
    renewed_ago(client, settings.SESSION_REFRESH_SECONDS // 2, expires_at=soon)
    client.get(reverse("dashboard"))
    assert expiry(client) == soon  # renewed 55 s ago: not yet
    renewed_ago(client, settings.SESSION_REFRESH_SECONDS + 1, expires_at=soon)
    client.get(reverse("dashboard"))
    assert expiry(client) > timezone.now() + timedelta(
        seconds=settings.SESSION_COOKIE_AGE - settings.SESSION_REFRESH_SECONDS)


def test_an_idle_session_still_ends_after_the_idle_minutes(client, alice, settings):
    client.force_login(alice)
    assert settings.SESSION_COOKIE_AGE == 30 * 60  # SESSION_IDLE_MINUTES
    renewed = timezone.now()
    client.get(reverse("dashboard"))
    # A request within the minute does not move the end past the last renewal's.
    assert expiry(client) <= renewed + timedelta(seconds=settings.SESSION_COOKIE_AGE + 1)
    renewed_ago(client, 31 * 60, expires_at=timezone.now() - timedelta(seconds=1))
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_logging_out_ends_the_session_without_renewing_it(client, alice):
    client.force_login(alice)
    renewed_ago(client, 120)
    key = client.session.session_key
    client.post(reverse("logout"))
    assert not Session.objects.filter(session_key=key).exists()
    assert client.get(reverse("dashboard")).status_code == 302
