"""Load the 98 Danish municipalities (code, name, region) from the shipped CSV."""

from django.db import migrations

from integration_portal.reference import load_municipalities


def load(apps, schema_editor):
    load_municipalities(apps)


class Migration(migrations.Migration):
    dependencies = [("integration_portal", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
