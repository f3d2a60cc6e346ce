"""manage.py create_first_admin: the first administrators of a new deployment."""

import pytest
from django.core.management import CommandError, call_command

from integration_portal.models import AuditEvent, User
from integration_portal.roles import Role

PASSWORD = "et-langt-kodeord-til-assens-2026"


def create(*args):
    call_command("create_first_admin", *args)


@pytest.fixture
def password_env(monkeypatch):
    monkeypatch.setenv("FIRST_ADMIN_PASSWORD", PASSWORD)


def test_it_creates_a_municipal_administrator_who_can_log_in(db, client, password_env):
    create("--municipality", "420", "--username", "hanne", "--email", "hanne@assens.dk")
    user = User.objects.get(username="hanne")
    assert user.municipality.name == "Assens"
    assert user.email == "hanne@assens.dk"
    assert user.roles == [Role.MUNICIPAL_ADMIN]
    response = client.post("/login/", {"username": "hanne", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/medarbejdere/").status_code == 200
    event = AuditEvent.objects.get(code="integration_portal.user.created")
    assert event.object_id == str(user.pk)
    assert event.owner_municipality_id == user.municipality_id


def test_it_creates_the_national_training_administrator_from_a_password_file(db, tmp_path):
    secret = tmp_path / "password"
    secret.write_text(PASSWORD + "\n")
    create("--training-admin", "--username", "karin", "--email", "karin@example.dk",
           "--password-file", str(secret))
    user = User.objects.get(username="karin")
    assert user.municipality is None
    assert user.roles == [Role.TRAINING_ADMIN]
    assert user.check_password(PASSWORD)


def test_running_it_again_changes_nothing(db, password_env, monkeypatch, capsys):
    create("--municipality", "0420", "--username", "hanne", "--email", "hanne@assens.dk")
    monkeypatch.setenv("FIRST_ADMIN_PASSWORD", "et-helt-andet-kodeord-2027")
    create("--municipality", "420", "--username", "hanne", "--email", "hanne@assens.dk")
    assert "Findes allerede" in capsys.readouterr().out
    assert User.objects.filter(username="hanne").count() == 1
    assert User.objects.get(username="hanne").check_password(PASSWORD)


def test_it_refuses_a_taken_username_with_another_role(alice, password_env):
    with pytest.raises(CommandError, match="findes allerede"):
        create("--municipality", "420", "--username", "alice", "--email", "a@assens.dk")
    assert User.objects.get(pk=alice.pk).roles == [Role.CASEWORKER]


def test_it_refuses_a_weak_or_missing_password_and_an_unknown_municipality(db, monkeypatch):
    monkeypatch.delenv("FIRST_ADMIN_PASSWORD", raising=False)
    with pytest.raises(CommandError, match="FIRST_ADMIN_PASSWORD"):
        create("--municipality", "420", "--username", "hanne", "--email", "h@assens.dk")
    monkeypatch.setenv("FIRST_ADMIN_PASSWORD", "kort")
    with pytest.raises(CommandError, match="Adgangskoden afvises"):
        create("--municipality", "420", "--username", "hanne", "--email", "h@assens.dk")
    monkeypatch.setenv("FIRST_ADMIN_PASSWORD", PASSWORD)
    with pytest.raises(CommandError, match="kommunekode 999"):
        create("--municipality", "999", "--username", "hanne", "--email", "h@assens.dk")
    assert not User.objects.filter(username="hanne").exists()
