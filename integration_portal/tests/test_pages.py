from django.urls import reverse


def test_the_accessibility_statement_is_public_and_linked(client, db):
    login_page = client.get(reverse("login")).content.decode()
    assert 'href="/tilgaengelighed/"' in login_page
    assert "Tilgængelighedserklæring" in login_page
    assert client.get(reverse("accessibility")).status_code == 200


def test_english_can_be_chosen_and_danish_chosen_back(client, alice):
    client.force_login(alice)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = client.get(reverse("dashboard")).content.decode()
    assert '<html lang="en">' in english
    assert "Log out" in english and "Caseworker" in english
    client.post(reverse("set_language"), {"language": "da", "next": "/"})
    danish = client.get(reverse("dashboard")).content.decode()
    assert '<html lang="da">' in danish
    assert "Log ud" in danish


def test_the_layout_has_a_skip_link_and_landmarks(client, alice):
    client.force_login(alice)
    body = client.get(reverse("dashboard")).content.decode()
    assert 'href="#main"' in body and 'id="main"' in body
    assert "<header" in body and "<main" in body and "<footer" in body and "<nav" in body


def test_every_asset_is_served_by_the_portal(client, alice):
    client.force_login(alice)
    body = client.get(reverse("dashboard")).content.decode()
    assert "bootstrap.min.css" in body
    assert "http://" not in body.replace("http://testserver", "")
    assert "https://" not in body


def test_each_role_sees_its_own_dashboard_cards(client, alice, bob, dorte, trine):
    expectations = {
        alice: ("Mine familier", "Tildeling af tovholder"),
        bob: ("Tildeling af tovholder", "Efteruddannelse"),
        dorte: ("Logning og indsigt", "Mine familier"),
        trine: ("Efteruddannelse", "Mine familier"),
    }
    for user, (shown, hidden) in expectations.items():
        client.force_login(user)
        body = client.get(reverse("dashboard")).content.decode()
        assert shown in body, (user, shown)
        assert hidden not in body, (user, hidden)
