"""An over-long username or password is a Danish form error, never a 500."""

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from integration_portal.testing.factories import PASSWORD

LOGIN_PAGES = ["/login/", "/admin/login/"]


@pytest.mark.parametrize("url", LOGIN_PAGES)
def test_a_5000_character_username_gets_the_login_page_with_an_error(client, alice, url):
    response = client.post(url, {"username": "a" * 5000, "password": "forkert"})
    assert response.status_code == 200
    assert "Brugernavnet er for langt." in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("url", LOGIN_PAGES)
def test_a_5000_character_password_gets_the_login_page_with_an_error(client, alice, url):
    response = client.post(url, {"username": "alice", "password": "p" * 5000})
    assert response.status_code == 200
    assert "Adgangskoden er for lang." in response.content.decode()


def test_a_username_at_the_limit_is_an_ordinary_failed_login(client, alice):
    response = client.post(reverse("login"), {"username": "a" * 150, "password": "forkert"})
    assert response.status_code == 200
    assert "Brugernavnet er for langt." not in response.content.decode()
    assert AccessAttempt.objects.filter(username="a" * 150).count() == 1


def test_the_right_credentials_still_log_in(client, alice):
    response = client.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302
