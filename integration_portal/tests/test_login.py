from datetime import timedelta

from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from integration_portal.testing.factories import PASSWORD
from integration_portal.testing.sessions import renewed_ago


def login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_the_login_page_is_danish_and_open(client, db):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert '<html lang="da">' in response.content.decode()
    assert "Log ind" in response.content.decode()


def test_pages_need_a_login(client, db):
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_user_logs_in_and_sees_name_municipality_and_role(client, alice):
    assert login(client, "alice", PASSWORD).status_code == 302
    body = client.get(reverse("dashboard")).content.decode()
    assert "Alice Andersen" in body
    assert "Assens Kommune" in body
    assert "Sagsbehandler" in body


def test_five_failed_logins_lock_the_account(client, alice):
    for _ in range(4):
        assert login(client, "alice", "forkert").status_code == 200
    assert login(client, "alice", "forkert").status_code == 429  # the fifth locks
    locked = login(client, "alice", PASSWORD)
    assert locked.status_code == 429
    assert "midlertidigt spærret" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_four_failed_logins_do_not_lock(client, alice):
    for _ in range(4):
        login(client, "alice", "forkert")
    assert login(client, "alice", PASSWORD).status_code == 302


def test_a_session_expires_after_inactivity(client, alice, settings):
    login(client, "alice", PASSWORD)
    assert client.get(reverse("dashboard")).status_code == 200
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_request_pushes_the_expiry_forward(client, alice, settings):
    login(client, "alice", PASSWORD)
    key = client.session.session_key
    soon = timezone.now() + timedelta(minutes=1)
    # Renewed at most once a minute (test_idle_session.py): as if logged in 2 min ago.
    renewed_ago(client, 120, expires_at=soon)
    client.get(reverse("dashboard"))
    expiry = Session.objects.get(session_key=key).expire_date
    assert expiry > timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)


def test_a_user_changes_their_password(client, alice):
    client.force_login(alice)
    response = client.post(reverse("password_change"), {
        "old_password": PASSWORD,
        "new_password1": "en-helt-ny-og-lang-kode-7",
        "new_password2": "en-helt-ny-og-lang-kode-7",
    })
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password("en-helt-ny-og-lang-kode-7")


def test_a_short_new_password_is_refused_in_danish(client, alice):
    client.force_login(alice)
    response = client.post(reverse("password_change"), {
        "old_password": PASSWORD, "new_password1": "kort", "new_password2": "kort",
    })
    assert response.status_code == 200
    assert "for kort" in response.content.decode()
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)
