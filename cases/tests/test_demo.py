from django.core.management import call_command

from cases.models import Household, HouseholdStatus, InvolvedParty, Person


def seed(settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)


def test_the_demo_shows_households_in_every_situation(db, settings):
    seed(settings)
    statuses = set(Household.all_objects.values_list("status", flat=True))
    assert statuses == set(HouseholdStatus.values)
    assert Household.all_objects.filter(coordinator_is_interim=True,
                                        municipality__code="420").exists()
    biggest = max(Household.all_objects.all(), key=lambda h: h.parties.count())
    assert biggest.parties.count() >= 12


def test_seeding_twice_changes_nothing(db, settings):
    seed(settings)
    counts = (Household.all_objects.count(), Person.all_objects.count(),
              InvolvedParty.all_objects.count())
    seed(settings)
    assert (Household.all_objects.count(), Person.all_objects.count(),
            InvolvedParty.all_objects.count()) == counts
