"""factory-boy factories for case files. Households get their coordinator through
the service, so the history is real."""

import datetime

import factory
from django.utils import timezone

from cases import services
from cases.models import (
    Action,
    Goal,
    GoalDomain,
    HouseholdStatus,
    InvolvedParty,
    PartyKind,
    Person,
    Relation,
    ResidenceGround,
)
from integration_portal.testing.factories import UserFactory


def make_household(*, coordinator=None, by=None, interim=False, **fields):
    """A household registered through the service; ``by`` defaults to the coordinator."""
    by = by or coordinator or UserFactory(role="teamleder")
    fields.setdefault("status", HouseholdStatus.ACTIVE)
    fields.setdefault("arrived_on", timezone.localdate() - datetime.timedelta(days=20))
    fields.setdefault("takeover_on", fields["arrived_on"])
    return services.create_household(
        by=by, coordinator=None if interim else (coordinator or by), **fields
    )


class CaseFactory(factory.django.DjangoModelFactory):
    """Creates through ``all_objects``: test set-up needs no user's scope."""

    class Meta:
        abstract = True

    @classmethod
    def _get_manager(cls, model_class):
        return model_class.all_objects


class PersonFactory(CaseFactory):
    class Meta:
        model = Person

    household = factory.LazyFunction(make_household)
    first_name = factory.Faker("first_name", locale="ar_AA")
    last_name = factory.Faker("last_name", locale="ar_AA")
    birth_date = datetime.date(1988, 3, 14)
    relation = Relation.MAIN
    residence_ground = ResidenceGround.S7_1
    country_of_origin = "Syrien"


class PartyFactory(CaseFactory):
    class Meta:
        model = InvolvedParty

    household = factory.LazyFunction(make_household)
    kind = PartyKind.SCHOOL
    organisation = factory.Sequence(lambda n: f"Skole {n}")
    contact_name = "Karen Lærer"


class GoalFactory(CaseFactory):
    class Meta:
        model = Goal

    person = factory.SubFactory(PersonFactory)
    domain = GoalDomain.EMPLOYMENT
    description = "Ordinært job inden for et år"


class ActionFactory(CaseFactory):
    class Meta:
        model = Action

    goal = factory.SubFactory(GoalFactory)
    description = "Virksomhedspraktik"
    deadline = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=3))


