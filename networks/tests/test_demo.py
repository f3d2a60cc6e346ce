from django.core.management import call_command

from networks.models import CaseShare, CaseTransfer, Meeting, Network, Solution


def seed(settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)


def counts():
    return (CaseShare.objects.count(), CaseTransfer.objects.count(), Network.objects.count(),
            Meeting.objects.count(), Solution.objects.count())


def test_the_demo_shares_each_way_and_has_a_family_moving(db, settings):
    seed(settings)
    directions = set(CaseShare.objects.active().values_list(
        "from_municipality__code", "to_municipality__code"))
    assert directions == {("420", "461"), ("461", "420")}
    assert CaseTransfer.objects.get().status == "proposed"
    assert Network.objects.get().meetings.count() == 1
    titles = set(Solution.objects.values_list("title", flat=True))
    assert {"Fast Track med Røde Kors", "Skoleboost for flygtningebørn",
            "Frivillige flygtningegrupper", "Stærk fra Start",
            "Helbredsvurdering i samarbejde med lægehusene"} <= titles


def test_seeding_twice_changes_nothing(db, settings):
    seed(settings)
    before = counts()
    seed(settings)
    assert counts() == before
