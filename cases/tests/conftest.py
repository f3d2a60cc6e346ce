import datetime

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
