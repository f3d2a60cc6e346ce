"""Every read through a share is logged, and the owning municipality sees it."""

from django.urls import reverse

from integration_portal.models import AuditEvent
from networks.selectors import foreign_reads
from networks.tests.factories import make_share


def test_reads_through_a_share_appear_for_the_owning_municipality(
        client, alice, charlie, dorte, erik, family):
    make_share(family["household"], by=alice, parts=["basic", "persons"])
    client.force_login(alice)
    client.get(family["household"].get_absolute_url())  # an own read: not listed
    client.force_login(charlie)
    client.get(family["household"].get_absolute_url())
    client.get(reverse("cases:person_detail", args=[family["person"].pk]))

    codes = sorted(foreign_reads(dorte).values_list("code", flat=True))
    assert codes == ["cases.household.read", "cases.person.read"]
    assert set(foreign_reads(dorte).values_list("actor_name", flat=True)) == {"charlie"}
    assert AuditEvent.objects.filter(actor=alice, code="cases.household.read").exists()

    client.force_login(dorte)
    page = client.get(reverse("networks:foreign_reads")).content.decode()
    assert "<h1>Opslag fra andre kommuner</h1>" in page
    assert page.count("charlie") == 2 and "Odense Kommune" in page
    client.force_login(erik)  # Odense's admin sees reads of Odense's data only
    page = client.get(reverse("networks:foreign_reads")).content.decode()
    assert "charlie" not in page


def test_a_caseworker_may_not_open_the_reads_page(client, alice):
    client.force_login(alice)
    assert client.get(reverse("networks:foreign_reads")).status_code == 403


def test_a_shared_case_in_the_receivers_list_and_export_is_logged_for_the_owner(
        client, alice, charlie, dorte, family):
    make_share(family["household"], by=alice, parts=["basic"])
    client.force_login(alice)
    client.get(reverse("cases:case_list"))  # the owner's own list: nothing to report
    client.force_login(charlie)
    client.get(reverse("cases:case_list"))
    client.get(reverse("cases:case_export"))
    reads = foreign_reads(dorte)
    assert sorted(reads.values_list("code", flat=True)) == [
        "cases.household.exported", "cases.household.listed"]
    assert {event.object_id for event in reads} == {str(family["household"].pk)}
