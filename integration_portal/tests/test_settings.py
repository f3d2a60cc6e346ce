import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from integration_portal.models import Municipality, Region, User

ROOT = Path(__file__).resolve().parents[2]


def manage(*args, env, cwd=ROOT):
    clean = {k: v for k, v in os.environ.items()
             if k not in ("DATABASE_URL", "REDIS_URL", "DEBUG", "SECRET_KEY",
                          "DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_READ_DOT_ENV_FILE")}
    clean.update(env)
    return subprocess.run([sys.executable, "manage.py", *args], cwd=cwd, env=clean,
                          capture_output=True, text=True, timeout=120)


def copy_of_the_project(target):
    """The project without its local state, so a test may put a .env beside manage.py."""
    shutil.copytree(ROOT, target, symlinks=True, ignore=shutil.ignore_patterns(
        ".venv", ".git", ".env", "media", "staticfiles", "var", "db.sqlite3", "__pycache__",
        ".pytest_cache", ".ruff_cache", "celerybeat-schedule*",
    ))
    return target


def test_check_deploy_is_clean_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env={
        "DEBUG": "false",
        "SECRET_KEY": "k8Vd2#pQ9z!mW4xR7tL1yN6bH3cJ0fG5sA8eU2iO9wE4rT7yU1iO3pA6sD9fG2hJ",
        "ALLOWED_HOSTS": "portal.example.dk",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres",
    })
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", env={"DEBUG": "false"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_with_nothing_configured_the_portal_uses_sqlite_and_in_process_tasks():
    code = ("from django.conf import settings as s; from integration_portal.celery import app; "
            "print(s.DATABASES['default']['ENGINE'], app.conf.task_always_eager, s.DEBUG)")
    result = manage("shell", "-c", code, env={})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("django.db.backends.sqlite3 True True")


def test_a_configured_database_turns_debug_off_by_default():
    result = manage("check", env={"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_all_98_municipalities_in_5_regions_are_loaded(db):
    assert Municipality.objects.count() == 98
    assert set(Municipality.objects.values_list("region", flat=True)) == set(Region.values)
    assert Municipality.objects.get(code="420").name == "Assens"
    assert Municipality.objects.get(code="101").get_region_display() == "Region Hovedstaden"


def test_every_role_is_a_group(db):
    names = set(Group.objects.values_list("name", flat=True))
    assert {"sagsbehandler", "teamleder", "uddannelsesadministrator",
            "kommunal administrator"} <= names


def test_seed_demo_is_idempotent(db, settings, monkeypatch):
    settings.DEBUG = True
    monkeypatch.setenv("DEMO_PASSWORD", "et-demo-kodeord-99")
    call_command("seed_demo")
    first = User.objects.count()
    call_command("seed_demo")
    assert User.objects.count() == first
    user = User.objects.get(username="assens-sagsbehandler")
    assert user.check_password("et-demo-kodeord-99")
    assert user.municipality.name == "Assens"
    assert User.objects.filter(username__startswith="odense-").exists()


def test_seed_demo_refuses_when_debug_is_off(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")
    assert not User.objects.filter(username="assens-sagsbehandler").exists()




LOGIN_STATUS = ("from django.test import Client; "
                "print(Client(HTTP_HOST='127.0.0.1:8000').get('/login/').status_code)")


def test_make_run_serves_pages_after_cp_env_example_env(tmp_path):
    project = copy_of_the_project(tmp_path / "portal")
    shutil.copy(project / ".env.example", project / ".env")
    # `make run` sets DEBUG=true and nothing else; the production .env must not win.
    result = manage("shell", "-c", LOGIN_STATUS, env={"DEBUG": "true"}, cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] == "200"
    # Asked for explicitly, the file is read: its host list then refuses 127.0.0.1.
    result = manage("shell", "-c", LOGIN_STATUS, cwd=project,
                    env={"DEBUG": "true", "DJANGO_READ_DOT_ENV_FILE": "true"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] == "400"
