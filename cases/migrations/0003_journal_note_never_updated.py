"""On PostgreSQL the database itself refuses UPDATE of a journal note.

A correction is a new note. DELETE is left to the application (which refuses it),
so that a whole case file can still be removed when its retention period ends.
"""

from django.db import migrations

from integration_portal.dbtriggers import refuse_changes


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_coordinator_same_municipality")]
    operations = [
        refuse_changes(
            table="cases_journalnote", name="cases_journal_note_never_updated",
            events=["UPDATE"], message="cases_journalnote is never updated; write a correction",
        ),
    ]
