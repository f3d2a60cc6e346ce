"""A family moves: ownership and tovholder move together, once, and both sides see it."""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from cases.models import CoordinatorAssignment, Household, JournalNote
from integration_portal.testing.factories import UserFactory, municipality
from networks import services
from networks.models import CaseTransfer
from networks.tests.factories import make_family

TODAY = timezone.localdate


def propose(household, by, *, to="461", access_days=60):
    return services.propose_transfer(
        household=household, by=by, to_municipality=municipality(to),
        moving_on=TODAY() + datetime.timedelta(days=7),
        sender_access_until=TODAY() + datetime.timedelta(days=access_days),
        note="Familien flytter til Odense",
    )


def open_assignments(household):
    return list(CoordinatorAssignment.all_objects.filter(household=household,
                                                         ended_at__isnull=True))


def test_acceptance_moves_ownership_and_tovholder_together(alice, charlie, olga, family):
    household = family["household"]
    transfer = propose(household, alice)
    services.accept_transfer(transfer=transfer, by=olga, coordinator=charlie)

    household.refresh_from_db()
    assert household.municipality == municipality("461")
    assert household.coordinator == charlie and not household.coordinator_is_interim
    [current] = open_assignments(household)
    assert current.coordinator == charlie
    previous = CoordinatorAssignment.all_objects.get(household=household, coordinator=alice)
    assert previous.ended_at == current.started_at
    note = JournalNote.objects.visible_to(charlie).filter(household=household).first()
    assert "overtaget fra Assens Kommune" in note.text and note.author == olga
    assert CaseTransfer.objects.get().status == "accepted"


def test_the_new_municipality_gets_the_full_file_and_may_change_it(
        client, alice, charlie, olga, family):
    services.accept_transfer(transfer=propose(family["household"], alice), by=olga,
                             coordinator=charlie)
    client.force_login(charlie)
    page = client.get(family["household"].get_absolute_url()).content.decode()
    assert "Amina" in page and "Første samtale" in page and "Ret husstand" in page
    url = reverse("cases:household_update", args=[family["household"].pk])
    assert client.get(url).status_code == 200


def test_the_sending_side_reads_until_the_agreed_date_only(client, alice, charlie, olga,
                                                           family):
    transfer = services.accept_transfer(transfer=propose(family["household"], alice),
                                        by=olga, coordinator=charlie)
    client.force_login(alice)
    page = client.get(family["household"].get_absolute_url()).content.decode()
    assert "Første samtale" in page and "Sagen er overdraget til Odense Kommune" in page
    assert "Ret husstand" not in page
    update = reverse("cases:household_update", args=[family["household"].pk])
    assert client.get(update).status_code == 404
    CaseTransfer.objects.filter(pk=transfer.pk).update(
        sender_access_until=TODAY() - datetime.timedelta(days=1))
    assert client.get(family["household"].get_absolute_url()).status_code == 404


def test_a_share_ends_when_the_case_changes_owner(client, alice, charlie, olga, family):
    from networks.tests.factories import make_share

    make_share(family["household"], by=alice, to="751", parts=["basic"])
    aarhus = UserFactory(username="aage", municipality=municipality("751"),
                         role="sagsbehandler")
    client.force_login(aarhus)
    assert client.get(family["household"].get_absolute_url()).status_code == 200
    services.accept_transfer(transfer=propose(family["household"], alice), by=olga,
                             coordinator=charlie)
    assert client.get(family["household"].get_absolute_url()).status_code == 404


def test_rejection_and_withdrawal_are_recorded(alice, olga, family):
    rejected = services.reject_transfer(transfer=propose(family["household"], alice), by=olga,
                                        reason="Familien flytter ikke alligevel")
    withdrawn = services.withdraw_transfer(transfer=propose(family["household"], alice),
                                           by=alice)
    assert (rejected.status, rejected.decided_by, rejected.decision_note) == (
        "rejected", olga, "Familien flytter ikke alligevel")
    assert (withdrawn.status, withdrawn.decided_by) == ("withdrawn", alice)
    family["household"].refresh_from_db()
    assert family["household"].municipality == municipality("420")


def test_a_decided_transfer_cannot_be_decided_again(alice, charlie, olga, family):
    transfer = services.withdraw_transfer(transfer=propose(family["household"], alice),
                                          by=alice)
    with pytest.raises(ValidationError, match="allerede afgjort"):
        services.accept_transfer(transfer=transfer, by=olga, coordinator=charlie)


def test_the_new_tovholder_must_work_in_the_receiving_municipality(alice, bob, olga, family):
    transfer = propose(family["household"], alice)
    with pytest.raises(ValidationError):
        services.accept_transfer(transfer=transfer, by=olga, coordinator=bob)
    transfer.refresh_from_db()
    family["household"].refresh_from_db()
    assert transfer.status == "proposed"
    assert family["household"].municipality == municipality("420")


def test_only_the_receiving_municipality_accepts_and_only_the_sender_withdraws(
        alice, bob, charlie, olga, family):
    transfer = propose(family["household"], alice)
    with pytest.raises(ValidationError):
        services.accept_transfer(transfer=transfer, by=bob, coordinator=alice)
    with pytest.raises(ValidationError):
        services.withdraw_transfer(transfer=transfer, by=olga)


def test_one_open_transfer_per_household(alice, family):
    propose(family["household"], alice)
    with pytest.raises(ValidationError):
        propose(family["household"], alice, to="751")


def test_both_sides_see_the_transfer_in_their_lists(client, alice, olga, family):
    propose(family["household"], alice)
    case = family["household"].case_number
    client.force_login(alice)
    page = client.get(reverse("networks:transfer_list")).content.decode()
    outgoing = page.split("Fra os")[1]
    assert case in outgoing and case not in page.split("Fra os")[0]
    client.force_login(olga)
    page = client.get(reverse("networks:transfer_list")).content.decode()
    assert case in page.split("Fra os")[0] and "Besvar" in page


def test_the_team_lead_accepts_through_the_form(client, alice, charlie, olga, family):
    transfer = propose(family["household"], alice)
    client.force_login(olga)
    url = reverse("networks:transfer_accept", args=[transfer.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"coordinator": charlie.pk})
    assert response.status_code == 302
    assert Household.all_objects.get().coordinator == charlie


def test_the_form_refuses_a_tovholder_of_another_municipality(client, alice, olga, family):
    transfer = propose(family["household"], alice)
    client.force_login(olga)
    url = reverse("networks:transfer_accept", args=[transfer.pk])
    response = client.post(url, {"coordinator": alice.pk})
    assert response.status_code == 200
    assert Household.all_objects.get().municipality == municipality("420")


def test_a_third_municipality_cannot_see_or_answer_the_transfer(client, alice, family):
    transfer = propose(family["household"], alice)
    aarhus = UserFactory(username="aage", municipality=municipality("751"), role="teamleder")
    client.force_login(aarhus)
    assert client.get(reverse("networks:transfer_accept", args=[transfer.pk])).status_code == 404
    assert family["household"].case_number not in client.get(
        reverse("networks:transfer_list")).content.decode()


def race(round_number):
    """Accept and withdraw one transfer at the same moment from two connections."""
    sender = UserFactory(username=f"afsender{round_number}", role="sagsbehandler")
    lead = UserFactory(username=f"leder{round_number}", role="teamleder",
                       municipality=municipality("461"))
    new_coordinator = UserFactory(username=f"ny{round_number}", role="sagsbehandler",
                                  municipality=municipality("461"))
    household = make_family(sender, cpr=None)["household"]
    transfer = propose(household, sender)
    barrier = threading.Barrier(2)
    outcomes = {}

    def run(name, action, **kwargs):
        barrier.wait()
        try:
            action(transfer=transfer, **kwargs)
            outcomes[name] = "ok"
        except ValidationError:
            outcomes[name] = "refused"
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=("accept", services.accept_transfer),
                         kwargs={"by": lead, "coordinator": new_coordinator}),
        threading.Thread(target=run, args=("withdraw", services.withdraw_transfer),
                         kwargs={"by": sender}),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes, transfer, household, sender, new_coordinator


@pytest.mark.django_db(transaction=True)
def test_concurrent_acceptance_and_withdrawal_leave_one_outcome(postgres):
    for round_number in range(4):
        outcomes, transfer, household, sender, new_coordinator = race(round_number)
        assert sorted(outcomes.values()) == ["ok", "refused"]
        transfer.refresh_from_db()
        household.refresh_from_db()
        [current] = open_assignments(household)
        if outcomes["accept"] == "ok":
            assert transfer.status == "accepted"
            assert household.municipality == municipality("461")
            assert household.coordinator == current.coordinator == new_coordinator
        else:
            assert transfer.status == "withdrawn"
            assert household.municipality == municipality("420")
            assert household.coordinator == current.coordinator == sender
