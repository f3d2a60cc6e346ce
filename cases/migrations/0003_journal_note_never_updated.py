"""On PostgreSQL the database itself refuses UPDATE of a journal note.

A correction is a new note. DELETE is left to the application (which refuses it),
so that a whole case file can still be removed when its retention period ends.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION cases_journal_note_never_updated() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'cases_journalnote is never updated; write a correction';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER cases_journal_note_never_updated
    BEFORE UPDATE ON cases_journalnote
    FOR EACH ROW EXECUTE FUNCTION cases_journal_note_never_updated();
"""
DROP = """
DROP TRIGGER IF EXISTS cases_journal_note_never_updated ON cases_journalnote;
DROP FUNCTION IF EXISTS cases_journal_note_never_updated();
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_coordinator_same_municipality")]
    operations = [migrations.RunPython(create, drop)]
