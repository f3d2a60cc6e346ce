import importlib

import pytest
from django.apps import apps


@pytest.fixture
def reference_data(transactional_db):
    """Reload what the data migrations put in (municipalities, the real programme).

    A transactional test empties every table when it ends, so the next one would
    otherwise start without the 98 municipalities and the programme.
    """
    for module in ("integration_portal.migrations.0002_load_municipalities",
                   "training.migrations.0002_seed_programme"):
        migration = importlib.import_module(module)
        loader = getattr(migration, "load", None) or migration.seed
        loader(apps, None)
