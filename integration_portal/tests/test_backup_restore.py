"""Backup and restore drill on PostgreSQL: every row, every file and the audit log return.

The commands run as subprocesses, as an operator runs them: the backup reads the test
database, the restore writes a fresh database and a fresh MEDIA_ROOT.
"""

import datetime
import hashlib
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import quote

import psycopg2
import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection

from cases import services
from cases.documents.services import request_plan_document
from cases.models import DocumentStatus, JournalCategory
from cases.tests.factories import ActionFactory, GoalFactory, PersonFactory, make_household
from integration_portal import audit
from integration_portal.backup import pg_command
from integration_portal.models import AuditAction

AUDIT_TABLE = "integration_portal_auditevent"


def database_url(name):
    db = connection.settings_dict
    password = f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{name}"


def manage(*args, database, media):
    env = dict(os.environ, DATABASE_URL=database_url(database), MEDIA_ROOT=str(media),
               DEBUG="true")
    return subprocess.run([sys.executable, "manage.py", *args], cwd=settings.BASE_DIR,
                          env=env, capture_output=True, text=True, timeout=300)


def query(database, sql):
    db = connection.settings_dict
    with psycopg2.connect(dbname=database, host=db["HOST"], port=db["PORT"], user=db["USER"],
                          password=db["PASSWORD"]) as conn, conn.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchall()


def table_counts(database):
    tables = [row[0] for row in query(database, "SELECT tablename FROM pg_tables "
                                                "WHERE schemaname = 'public'")]
    return {table: query(database, f'SELECT count(*) FROM "{table}"')[0][0]
            for table in tables}


def file_hashes(folder):
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in Path(folder).rglob("*") if path.is_file()}


@pytest.fixture
def fresh_database(transactional_db, postgres):
    """An empty database beside the test database, dropped afterwards."""
    stem = connection.settings_dict["NAME"].removeprefix("test_")
    name = f"{stem}_restore_{uuid.uuid4().hex[:8]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield name
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def seed_case_file(alice):
    """Households, persons, goals, journal notes, audit events and a rendered plan PDF."""
    household = make_household(coordinator=alice, address="Østergade 1, 5610 Assens")
    mother = PersonFactory(household=household, first_name="Amina", last_name="Haddad",
                           cpr="140388-1234", birth_date=datetime.date(1988, 3, 14))
    PersonFactory(household=household, first_name="Lina", last_name="Haddad",
                  birth_date=datetime.date(2016, 9, 1), relation="child")
    ActionFactory(goal=GoalFactory(person=mother, description="Lære dansk på modul 3"))
    for text in ("Første samtale", "Opfølgning med jobcentret"):
        services.add_journal_note(household=household, author=alice, text=text,
                                  category=JournalCategory.CONVERSATION)
    audit.record(alice, "cases.household.read", AuditAction.READ, target=household)
    make_household(coordinator=alice, address="Vestergade 2, 5610 Assens")
    document, _queued = request_plan_document(household=household, by=alice)
    document.refresh_from_db()  # rendered on commit by the eager task
    assert document.status == DocumentStatus.READY
    default_storage.save("bilag/kursusbevis æøå.txt", ContentFile("Bestået\n".encode()))


def test_a_backup_restores_every_row_every_file_and_the_audit_log(
        fresh_database, media, alice, tmp_path):
    seed_case_file(alice)
    source = connection.settings_dict["NAME"]
    backup = tmp_path / "backup"

    made = manage("backup", "--to", str(backup), database=source, media=media)
    assert made.returncode == 0, made.stderr
    assert backup.stat().st_mode & 0o777 == 0o700
    restored_media = tmp_path / "restored-media"
    restore = ["restore", "--from", str(backup)]
    restored = manage(*restore, database=fresh_database, media=restored_media)
    assert restored.returncode == 0, restored.stderr
    again = manage(*restore, database=fresh_database, media=restored_media)
    assert again.returncode != 0 and "gendan kun i en tom database" in again.stderr
    replaced = manage(*restore, "--replace-existing", database=fresh_database,
                      media=restored_media)
    assert replaced.returncode == 0, replaced.stderr

    manifest = json.loads((backup / "manifest.json").read_text())
    counts = table_counts(source)
    assert all(counts[table] > 0 for table in (
        "cases_household", "cases_person", "cases_journalnote", "cases_plandocument",
        AUDIT_TABLE))
    assert manifest["database"]["tables"] == counts
    assert table_counts(fresh_database) == counts

    hashes = file_hashes(media)
    assert len(hashes) == 2 and "bilag/kursusbevis æøå.txt" in hashes
    assert manifest["media"]["files"] == hashes
    assert file_hashes(restored_media) == hashes

    events = f"SELECT * FROM {AUDIT_TABLE} ORDER BY id"
    assert query(fresh_database, events) == query(source, events)
    for change in (f"UPDATE {AUDIT_TABLE} SET detail = 'ændret'", f"DELETE FROM {AUDIT_TABLE}"):
        with pytest.raises(psycopg2.Error, match="append-only"):
            query(fresh_database, change)
    assert query(fresh_database, events) == query(source, events)


def test_a_restore_that_does_not_match_the_manifest_exits_non_zero(
        fresh_database, media, alice, tmp_path):
    default_storage.save("plans/1/plan.pdf", ContentFile(b"%PDF-1.7"))
    backup = tmp_path / "backup"
    source = connection.settings_dict["NAME"]
    assert manage("backup", "--to", str(backup), database=source, media=media).returncode == 0
    (backup / "media" / "plans" / "1" / "plan.pdf").write_bytes(b"%PDF-1.7 changed")
    manifest = json.loads((backup / "manifest.json").read_text())
    manifest["database"]["tables"]["integration_portal_user"] += 1
    (backup / "manifest.json").write_text(json.dumps(manifest))

    restored = manage("restore", "--from", str(backup), database=fresh_database,
                      media=tmp_path / "restored-media")
    assert restored.returncode != 0
    assert "fil plans/1/plan.pdf: SHA-256 passer ikke" in restored.stderr
    assert "tabel integration_portal_user" in restored.stderr


def test_the_database_password_goes_through_the_environment_not_the_command_line():
    database = {"NAME": "portal", "HOST": "db", "PORT": 5432, "USER": "portal",
                "PASSWORD": "hemmelig-kode"}
    argv, env = pg_command("pg_dump", "--format=custom", database=database)
    assert not any("hemmelig-kode" in arg for arg in argv)
    assert env["PGPASSWORD"] == "hemmelig-kode"
    assert argv[:2] == ["pg_dump", "--format=custom"]
    assert {"--dbname", "portal", "--host", "db", "--port", "5432", "--username"} <= set(argv)
