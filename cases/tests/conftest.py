import datetime
import importlib

import pytest

from cases import services
from cases.models import JournalCategory
from cases.tests.factories import (
    ActionFactory,
    GoalFactory,
    PartyFactory,
    PersonFactory,
    make_household,
)

CPR = "140388-1234"


@pytest.fixture
def family(alice):
    """An Assens household with alice as tovholder and one of everything."""
    household = make_household(coordinator=alice, address="Østergade 1, 5610 Assens")
    person = PersonFactory(household=household, first_name="Amina", last_name="Haddad",
                           cpr=CPR, birth_date=datetime.date(1988, 3, 14))
    party = PartyFactory(household=household, organisation="Jobcenter Assens")
    party.concerns.add(person)
    goal = GoalFactory(person=person)
    action = ActionFactory(goal=goal, responsible_party=party)
    note = services.add_journal_note(household=household, author=alice, text="Første samtale",
                                     category=JournalCategory.CONVERSATION)
    household.refresh_from_db()
    return {"household": household, "person": person, "party": party, "goal": goal,
            "action": action, "note": note}


@pytest.fixture
def municipalities(transactional_db):
    """Reload the municipalities for a transactional test: an earlier transactional
    test's flush empties the table a data migration filled (and serialized rollback
    does not survive Playwright's greenlet context)."""
    from django.apps import apps

    importlib.import_module("integration_portal.migrations.0002_load_municipalities").load(
        apps, None
    )
