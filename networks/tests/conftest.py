import pytest

from integration_portal.testing.factories import UserFactory, municipality
from networks.tests.factories import make_family


@pytest.fixture
def family(alice):
    """An Assens household with alice as tovholder and one of everything."""
    return make_family(alice)


@pytest.fixture
def olga(db):
    """Team lead in Odense: accepts transfers."""
    return UserFactory(username="olga", first_name="Olga", last_name="Olsen",
                       municipality=municipality("461"), role="teamleder")
