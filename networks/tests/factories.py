"""Shares and transfers through the services, so audit and rules are real."""

import datetime

import factory
from django.utils import timezone

from cases import services as case_services
from cases.models import JournalCategory
from cases.tests.factories import (
    ActionFactory,
    GoalFactory,
    PartyFactory,
    PersonFactory,
    make_household,
)
from integration_portal.testing.factories import UserFactory, municipality
from networks import services
from networks.models import LegalBasis, SharePurpose, Solution, TargetGroup, Theme


def make_family(coordinator, cpr="140388-1234"):
    """A household with one of everything, owned by the coordinator's municipality."""
    household = make_household(coordinator=coordinator, address="Østergade 1, 5610 Assens")
    person = PersonFactory(household=household, first_name="Amina", last_name="Haddad",
                           cpr=cpr, birth_date=datetime.date(1988, 3, 14))
    party = PartyFactory(household=household, organisation="Jobcenter Assens")
    party.concerns.add(person)
    goal = GoalFactory(person=person, description="Bestå Prøve i Dansk 2")
    action = ActionFactory(goal=goal, responsible_party=party, description="Sprogpraktik")
    note = case_services.add_journal_note(
        household=household, author=coordinator, text="Første samtale om helbred",
        category=JournalCategory.CONVERSATION)
    household.refresh_from_db()
    return {"household": household, "person": person, "party": party, "goal": goal,
            "action": action, "note": note}


def make_share(household, *, by, to="461", parts=("basic",), accept=True, answer_by=None,
               days=30):
    share = services.create_share(
        household=household, by=by, to_municipality=municipality(to),
        purpose=SharePurpose.CONSULTATION, legal_basis=LegalBasis.PROVISION,
        legal_provision="Forvaltningslovens § 28, stk. 2, nr. 1", parts=list(parts),
        expires_on=timezone.localdate() + datetime.timedelta(days=days),
    )
    if accept:
        answer_by = answer_by or UserFactory(municipality=municipality(to),
                                             role="sagsbehandler")
        share = services.answer_share(share=share, by=answer_by, accept=True)
    return share


class SolutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Solution

    title = factory.Sequence(lambda n: f"Løsning {n}")
    municipality = factory.LazyFunction(lambda: municipality("420"))
    theme = Theme.RECEPTION
    target_group = TargetGroup.ADULT_REFUGEES
    description = "En lokal løsning, der virkede."
