"""Every networks page answers, the household page links to sharing for the owner,
the dashboard card counts what waits, and reading a shared case costs fixed queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases import services as case_services
from cases.tests.factories import PartyFactory, PersonFactory
from networks import services
from networks.tests.factories import SolutionFactory, make_share


@pytest.mark.parametrize("name", ["share_list", "transfer_list", "network_list",
                                  "network_create", "solution_list", "solution_create"])
def test_the_pages_answer_a_team_lead(client, bob, name):
    client.force_login(bob)
    assert client.get(reverse(f"networks:{name}")).status_code == 200


def test_the_training_administrator_reaches_the_catalogue_but_not_shares(client, trine):
    client.force_login(trine)
    assert client.get(reverse("networks:solution_list")).status_code == 200
    assert client.get(reverse("networks:share_list")).status_code == 403
    assert client.get(reverse("networks:transfer_list")).status_code == 403


def test_the_owner_finds_sharing_and_transfer_on_the_household_page(client, alice, charlie,
                                                                    family):
    client.force_login(alice)
    page = client.get(family["household"].get_absolute_url()).content.decode()
    assert "Del sagen" in page and "Foreslå overdragelse" in page
    make_share(family["household"], by=alice)
    client.force_login(charlie)
    page = client.get(family["household"].get_absolute_url()).content.decode()
    assert "Deling og flytning" not in page


def test_the_dashboard_card_counts_what_waits_for_the_municipality(client, alice, charlie,
                                                                   family):
    make_share(family["household"], by=alice, accept=False)
    client.force_login(charlie)
    page = client.get(reverse("dashboard")).content.decode()
    assert "1 deling venter på jeres svar" in page
    assert "0 familier flytter til jer" in page


def test_the_receiver_can_accept_and_the_owner_revoke_through_the_pages(client, alice,
                                                                        charlie, family):
    share = make_share(family["household"], by=alice, accept=False)
    client.force_login(charlie)
    client.post(reverse("networks:share_answer", args=[share.pk]), {"svar": "accepter"})
    assert client.get(family["household"].get_absolute_url()).status_code == 200
    client.force_login(alice)
    url = reverse("networks:share_end", args=[share.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {}).status_code == 302
    client.force_login(charlie)
    assert client.get(family["household"].get_absolute_url()).status_code == 404


def test_the_receiver_cannot_revoke_and_the_owner_cannot_accept(client, alice, charlie,
                                                                family):
    share = make_share(family["household"], by=alice, accept=False)
    client.force_login(alice)
    client.post(reverse("networks:share_answer", args=[share.pk]), {"svar": "accepter"})
    share.refresh_from_db()
    assert share.status == "pending"
    services.answer_share(share=share, by=charlie, accept=True)
    client.force_login(charlie)
    client.post(reverse("networks:share_end", args=[share.pk]), {})
    share.refresh_from_db()
    assert share.status == "accepted"


def queries_for(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_reading_a_shared_household_costs_a_fixed_number_of_queries(client, alice, charlie,
                                                                    family):
    make_share(family["household"], by=alice,
               parts=["basic", "persons", "parties", "plan", "journal"])
    client.force_login(charlie)
    url = family["household"].get_absolute_url()
    few = queries_for(client, url)
    for n in range(10):
        person = PersonFactory(household=family["household"], first_name=f"Ekstra{n}")
        PartyFactory(household=family["household"]).concerns.add(person)
        case_services.add_journal_note(household=family["household"], author=alice,
                                       text=f"Notat {n}", category="meeting")
    # the owner's page (20, with the granted households, printed plans and the
    # reception panel) + the parts the reader may see + the banner's share and its
    # transfer check
    assert (few, queries_for(client, url)) == (23, 23)


def test_a_catalogue_search_costs_a_fixed_number_of_queries(client, alice):
    client.force_login(alice)
    SolutionFactory()
    few = queries_for(client, reverse("networks:solution_list") + "?q=løsning")
    for _n in range(30):
        SolutionFactory()
    assert queries_for(client, reverse("networks:solution_list") + "?q=løsning") == few


def test_the_banner_speaks_english_too(client, alice, charlie, family):
    from django.utils import translation

    make_share(family["household"], by=alice)
    client.force_login(charlie)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    try:
        page = client.get(family["household"].get_absolute_url()).content.decode()
        assert "This case belongs to Assens Kommune and is shared with you until" in page
        assert "Shared cases" in client.get(reverse("networks:share_list")).content.decode()
    finally:
        translation.activate("da")  # the test client leaves the language active


def test_the_case_list_of_shared_households_costs_fixed_queries_and_audits_each_row(
        client, alice, charlie):
    from cases.tests.factories import make_household
    from integration_portal.models import AuditEvent

    def shared_households(count):
        for _ in range(count):
            make_share(make_household(coordinator=alice), by=alice)

    client.force_login(charlie)
    shared_households(1)
    few = queries_for(client, reverse("cases:case_list"))
    shared_households(9)
    before = AuditEvent.objects.filter(code="cases.household.listed").count()
    many = queries_for(client, reverse("cases:case_list"))
    assert few == many  # the rows' READ events are one INSERT, not one per row
    listed = AuditEvent.objects.filter(code="cases.household.listed").count() - before
    assert listed == 10
