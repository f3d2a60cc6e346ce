"""PostgreSQL triggers that make the database itself refuse changes to history.

Used from migrations: ``refuse_changes(...)`` returns a RunPython operation that
does nothing on other databases (the embedded SQLite default relies on the models).
"""

from django.db import migrations


def refuse_changes(*, table, name, events, message):
    """A BEFORE trigger on ``table`` raising ``message`` for the given events."""
    create = f"""
CREATE OR REPLACE FUNCTION {name}() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '{message}';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER {name}
    BEFORE {" OR ".join(events)} ON {table}
    FOR EACH ROW EXECUTE FUNCTION {name}();
"""
    drop = f"""
DROP TRIGGER IF EXISTS {name} ON {table};
DROP FUNCTION IF EXISTS {name}();
"""

    def run(sql):
        def operation(apps, schema_editor):
            if schema_editor.connection.vendor == "postgresql":
                schema_editor.execute(sql)
        return operation

    return migrations.RunPython(run(create), run(drop))
