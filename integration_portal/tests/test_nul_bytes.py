"""A NUL byte anywhere in a request is answered 400, never reaching a view or a query."""

import pytest
from django.urls import reverse

DANISH = "ugyldigt tegn"


@pytest.mark.parametrize("url", [
    "/sager/?q=%00",
    "/sager/?q=Hansen%00",
    "/sager/eksport.csv?q=%00",
    "/sager/eksport.csv?%00=1",
    "/samarbejde/katalog/?q=%00",
    "/sager/personer/%00/",
    "/log/person/?person=%00",
])
def test_a_nul_in_the_url_is_refused_with_400(client, alice, url):
    client.force_login(alice)
    response = client.get(url)
    assert response.status_code == 400
    assert DANISH in response.content.decode()


def test_a_nul_in_the_login_form_is_refused_with_400(client, alice):
    response = client.post(reverse("login"), {"username": "alice\x00", "password": "x"})
    assert response.status_code == 400
    assert DANISH in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_nul_in_a_form_field_name_is_refused_with_400(client, alice):
    client.force_login(alice)
    response = client.post(reverse("cases:household_create"), {"name\x00": "Familie"})
    assert response.status_code == 400


def test_a_nul_in_a_cookie_is_refused_with_400(client, alice):
    client.force_login(alice)
    client.cookies["sessionid"] = "abcdefgh\x00"
    assert client.get(reverse("cases:case_list")).status_code == 400


def test_ordinary_requests_pass(client, alice):
    client.force_login(alice)
    assert client.get("/sager/?q=Hansen").status_code == 200
    assert client.get("/sager/eksport.csv?q=Hansen").status_code == 200
