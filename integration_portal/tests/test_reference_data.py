import pytest
from django.contrib.auth.models import Group

from integration_portal.models import Municipality


@pytest.mark.parametrize("run", [1, 2, 3])
def test_each_transactional_test_starts_with_the_migrated_reference_data(transactional_db, run):
    # Run 1 empties the tables at its end; runs 2 and 3 must still find the data.
    assert Municipality.objects.count() == 98
    assert Group.objects.filter(name="sagsbehandler").exists()
    Municipality.objects.filter(code="101").update(name="Ændret")
