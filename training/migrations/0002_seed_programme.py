"""Seed the real programme (see training.reference)."""

from django.db import migrations

from training.reference import seed_programme


def seed(apps, schema_editor):
    seed_programme(apps)


class Migration(migrations.Migration):
    dependencies = [("training", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
