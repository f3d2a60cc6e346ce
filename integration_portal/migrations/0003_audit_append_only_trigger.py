"""On PostgreSQL the database itself refuses UPDATE and DELETE of audit events."""

from django.db import migrations

from integration_portal.dbtriggers import refuse_changes


class Migration(migrations.Migration):
    dependencies = [("integration_portal", "0002_load_municipalities")]
    operations = [
        refuse_changes(
            table="integration_portal_auditevent", name="audit_event_append_only",
            events=["UPDATE", "DELETE"], message="integration_portal_auditevent is append-only",
        ),
    ]
