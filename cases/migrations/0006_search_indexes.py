"""Indexes for the case search and the household page's journal.

The search matches names and case numbers with Django's ``icontains``, which
PostgreSQL runs as ``UPPER(column::text) LIKE UPPER('%term%')``. A GIN trigram index
on that very expression serves it (and ``istartswith``), so the search reads the
matching rows instead of every person in the country.

pg_trgm and GIN exist on PostgreSQL only; SQLite (the embedded default for
``make run``) searches its few demo rows without them. The trigram indexes are
therefore created on PostgreSQL only and kept out of the model state, so that a
later table rebuild on SQLite never tries to create them.
"""

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models
from django.db.models.functions import Upper


class AddIndexOnPostgreSQL(migrations.AddIndex):
    """AddIndex that touches the database only on PostgreSQL and not the state."""

    def state_forwards(self, app_label, state):
        pass

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            model = to_state.apps.get_model(app_label, self.model_name)
            schema_editor.add_index(model, self.index)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            model = from_state.apps.get_model(app_label, self.model_name)
            schema_editor.remove_index(model, self.index)

    def describe(self):
        return f"Create trigram index {self.index.name} (PostgreSQL only)"


def trigram_index(column, name):
    return GinIndex(OpClass(Upper(column), name="gin_trgm_ops"), name=name)


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0005_plandocument_queued_at'),
    ]

    operations = [
        TrigramExtension(),
        AddIndexOnPostgreSQL("person", trigram_index("first_name", "person_first_name_trgm")),
        AddIndexOnPostgreSQL("person", trigram_index("last_name", "person_last_name_trgm")),
        AddIndexOnPostgreSQL("household",
                             trigram_index("case_number", "household_case_number_trgm")),
        migrations.AddIndex(
            model_name='journalnote',
            index=models.Index(fields=['household', '-occurred_on', '-written_at', '-id'],
                               name='journal_household_newest'),
        ),
    ]
