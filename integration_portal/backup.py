"""Backup and restore of the database and the generated files, checked by a manifest.

A backup is one folder: ``database.dump`` (``pg_dump`` custom format), ``media/`` (a
copy of MEDIA_ROOT) and ``manifest.json`` with the row count of every table and the
SHA-256 of the dump and of every file. The manifest is written last, so a folder
without one is an unfinished backup. The row counts are taken in the very snapshot
``pg_dump`` dumps, so they match the dump even while the portal is in use.

A restore goes into an empty database and an empty MEDIA_ROOT and then checks every
count and every hash against the manifest. The password reaches ``pg_dump`` and
``pg_restore`` through PGPASSWORD, never on their command line.
"""

import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connection, transaction
from django.utils import timezone

MANIFEST = "manifest.json"
DUMP = "database.dump"
MEDIA = "media"
FORMAT = 1


class BackupError(Exception):
    pass


def pg_command(program, *args, database=None):
    """The argv and environment to run a PostgreSQL client program on ``database``."""
    db = database or connection.settings_dict
    argv = [program, *args, "--dbname", db["NAME"]]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            argv += [option, str(db[key])]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    if db.get("OPTIONS", {}).get("sslmode"):
        env["PGSSLMODE"] = db["OPTIONS"]["sslmode"]
    return argv, env


def _run(program, *args):
    if shutil.which(program) is None:
        raise BackupError(f"{program} findes ikke: installér PostgreSQL' klientprogrammer "
                          "(Debian-pakken postgresql-client).")
    argv, env = pg_command(program, *args)
    result = subprocess.run(argv, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{program} fejlede: {result.stderr.strip()}")


def _require_postgresql():
    if connection.vendor != "postgresql":
        raise BackupError("Backup og gendannelse kræver PostgreSQL (DATABASE_URL).")


def media_root():
    """The folder of the file storage; other storages (S3) keep their own backups."""
    if not isinstance(default_storage, FileSystemStorage):
        raise BackupError("Filerne ligger ikke i en lokal mappe (FileSystemStorage); "
                          "tag backup af fillageret med dets egne værktøjer.")
    return Path(default_storage.location)


def sha256_of(path):
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def files_in(folder):
    """Every regular file under ``folder``, by its POSIX path relative to it."""
    folder = Path(folder)
    if not folder.exists():
        return {}
    return {path.relative_to(folder).as_posix(): path
            for path in sorted(folder.rglob("*")) if path.is_file() and not path.is_symlink()}


def row_counts():
    """Rows per table of the current database (all tables, the audit log included)."""
    with connection.cursor() as cursor:
        tables = sorted(connection.introspection.table_names(cursor))
        counts = {}
        for table in tables:
            cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def copy_files(source, target):
    """Copy every file under ``source`` into ``target``; returns {path: SHA-256}."""
    hashes = {}
    for name, path in files_in(source).items():
        destination = Path(target) / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, destination)
        hashes[name] = sha256_of(destination)
    return hashes


def _dump_database(target):
    """pg_dump of one snapshot, and the row counts seen in that same snapshot."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        _run("pg_dump", "--format=custom", "--snapshot", snapshot, "--file", str(target))
        return row_counts()


def create_backup(target):
    """Write a backup folder at ``target`` (new or empty) and return its manifest."""
    _require_postgresql()
    target = Path(target)
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"{target} findes og er ikke tom.")
    source_media = media_root()
    target.mkdir(parents=True, exist_ok=True)
    target.chmod(0o700)  # the dump holds every case file, CPR numbers included
    tables = _dump_database(target / DUMP)
    manifest = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "database": {"file": DUMP, "sha256": sha256_of(target / DUMP), "tables": tables},
        "media": {"folder": MEDIA, "files": copy_files(source_media, target / MEDIA)},
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True))
    return manifest


def read_manifest(source):
    path = Path(source) / MANIFEST
    if not path.exists():
        raise BackupError(f"{path} mangler: mappen er ikke en færdig backup.")
    manifest = json.loads(path.read_text())
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Ukendt backupformat {manifest.get('format')!r}.")
    dump = Path(source) / manifest["database"]["file"]
    if sha256_of(dump) != manifest["database"]["sha256"]:
        raise BackupError(f"{dump} er ændret eller beskadiget (SHA-256 passer ikke).")
    return manifest


def differences(manifest):
    """What the current database and MEDIA_ROOT lack or hold differently from ``manifest``."""
    problems = []
    counts = row_counts()
    for table, expected in manifest["database"]["tables"].items():
        found = counts.get(table)
        if found != expected:
            problems.append(f"tabel {table}: {found} rækker, backuppen har {expected}")
    present = files_in(media_root())
    for name, expected in manifest["media"]["files"].items():
        if name not in present:
            problems.append(f"fil {name} mangler")
        elif sha256_of(present[name]) != expected:
            problems.append(f"fil {name}: SHA-256 passer ikke")
    return problems


def _check_empty(replace_existing):
    if replace_existing:
        return
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    if tables:
        raise BackupError(f"Databasen {connection.settings_dict['NAME']} har allerede "
                          f"{len(tables)} tabeller; gendan kun i en tom database.")
    if files_in(media_root()):
        raise BackupError(f"{media_root()} indeholder allerede filer; gendan kun i en tom mappe.")


def restore_backup(source, *, replace_existing=False):
    """Restore the backup at ``source``; returns (manifest, differences found afterwards).

    Refuses a database with tables or a MEDIA_ROOT with files, unless
    ``replace_existing`` (then the dump's objects are dropped and created again, and
    files of the same name overwritten). pg_restore runs as one transaction.
    """
    _require_postgresql()
    source = Path(source)
    manifest = read_manifest(source)
    _check_empty(replace_existing)
    options = ["--clean", "--if-exists"] if replace_existing else []
    _run("pg_restore", "--no-owner", "--no-privileges", "--exit-on-error",
         "--single-transaction", *options, str(source / manifest["database"]["file"]))
    copy_files(source / manifest["media"]["folder"], media_root())
    return manifest, differences(manifest)
