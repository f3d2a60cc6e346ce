"""Load the 98 Danish municipalities (code, name, region) from the shipped CSV."""

import csv
from pathlib import Path

from django.db import migrations

CSV_PATH = Path(__file__).resolve().parent.parent / "data" / "municipalities.csv"


def load(apps, schema_editor):
    Municipality = apps.get_model("integration_portal", "Municipality")
    with CSV_PATH.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            Municipality.objects.update_or_create(
                code=row["kommunekode"].zfill(3),
                defaults={"name": row["navn"], "region": row["regionskode"]},
            )


class Migration(migrations.Migration):
    dependencies = [("integration_portal", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
