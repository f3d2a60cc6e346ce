"""On PostgreSQL: the coordinator must belong to the household's municipality.

A composite foreign key (coordinator_id, municipality_id) onto the user's
(id, municipality_id), so the database itself refuses a coordinator from another
municipality. Immediate (not deferred), so the refusal comes at the statement.
"""

from django.db import migrations

CONSTRAINT = "cases_household_coordinator_same_municipality"


def add_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"ALTER TABLE cases_household ADD CONSTRAINT {CONSTRAINT} "
        "FOREIGN KEY (coordinator_id, municipality_id) "
        "REFERENCES integration_portal_user (id, municipality_id)"
    )


def drop_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER TABLE cases_household DROP CONSTRAINT {CONSTRAINT}")


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0001_initial"),
        ("integration_portal", "0004_user_id_municipality_key"),
    ]

    operations = [migrations.RunPython(add_constraint, drop_constraint)]
