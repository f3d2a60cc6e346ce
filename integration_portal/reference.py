"""Reference data every installation has: the 98 municipalities.

Loaded by a data migration, and again after every migrate or flush (post_migrate),
so a flushed database (as after a transactional test) never lacks them.
"""

import csv
from pathlib import Path

from django.apps import apps as global_apps

CSV_PATH = Path(__file__).resolve().parent / "data" / "municipalities.csv"


def load_municipalities(apps=global_apps):
    Municipality = apps.get_model("integration_portal", "Municipality")
    with CSV_PATH.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    if Municipality.objects.count() == len(rows):
        return
    for row in rows:
        Municipality.objects.update_or_create(
            code=row["kommunekode"].zfill(3),
            defaults={"name": row["navn"], "region": row["regionskode"]},
        )


def ensure_reference_data(**kwargs):
    load_municipalities()
