import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, transaction
from django.urls import reverse
from django.utils import timezone

from cases.models import CoordinatorAssignment, Household, JournalNote, Person
from cases.models.household import one_month_after
from cases.tests.factories import (
    ActionFactory,
    GoalFactory,
    PartyFactory,
    PersonFactory,
    make_household,
)
from integration_portal.models import AuditEvent

TODAY = timezone.localdate()


def days_ago(n):
    return TODAY - datetime.timedelta(days=n)


def test_one_month_after_keeps_the_day_or_takes_the_months_last():
    assert one_month_after(datetime.date(2026, 1, 31)) == datetime.date(2026, 2, 28)
    assert one_month_after(datetime.date(2026, 12, 15)) == datetime.date(2027, 1, 15)


def test_milestones_count_days_left_and_overdue_from_the_takeover(alice):
    household = make_household(coordinator=alice, takeover_on=days_ago(40),
                               contract_signed_on=days_ago(20))
    contract, danish, company = household.milestones()
    due = one_month_after(days_ago(40))
    assert contract.done_on and not contract.overdue
    assert danish.overdue and danish.days_overdue == (TODAY - due).days
    fresh = make_household(coordinator=alice, takeover_on=days_ago(2))
    assert all(not m.overdue and m.days_left >= 26 for m in fresh.milestones())


def test_the_household_page_shows_overdue_milestones(client, alice):
    household = make_household(coordinator=alice, takeover_on=days_ago(40))
    client.force_login(alice)
    body = client.get(household.get_absolute_url()).content.decode()
    assert "dage overskredet" in body and "Kontrakt" in body


def test_adults_and_children_are_told_apart_at_the_takeover(alice):
    takeover = datetime.date(2026, 3, 1)
    household = make_household(coordinator=alice, takeover_on=takeover)
    almost = PersonFactory(household=household, birth_date=datetime.date(2008, 3, 2))
    just = PersonFactory(household=household, birth_date=datetime.date(2008, 3, 1))
    assert not almost.is_adult() and just.is_adult()
    assert almost.is_adult(at=datetime.date(2026, 3, 2))


def test_a_journal_note_is_never_edited_or_deleted(family):
    note = family["note"]
    note.text = "ændret"
    with pytest.raises(PermissionDenied):
        note.save()
    with pytest.raises(PermissionDenied):
        note.delete()
    assert JournalNote.all_objects.get(pk=note.pk).text == "Første samtale"


def test_postgresql_itself_refuses_to_update_a_journal_note(postgres, family):
    with pytest.raises(DatabaseError, match="never updated"), transaction.atomic():
        JournalNote.all_objects.filter(pk=family["note"].pk).update(text="ændret")
    assert JournalNote.all_objects.get(pk=family["note"].pk).text == "Første samtale"


def test_a_correction_is_a_new_note_referring_to_the_old(client, alice, family):
    client.force_login(alice)
    household, note = family["household"], family["note"]
    url = reverse("cases:journal_create", args=[household.pk]) + f"?retter={note.pk}"
    assert "Første samtale" in client.get(url).content.decode()
    response = client.post(url, {"category": "conversation", "occurred_on": "2026-02-01",
                                 "text": "Første samtale, med tolk"})
    assert response.status_code == 302
    correction = JournalNote.all_objects.exclude(pk=note.pk).get()
    assert correction.corrects == note and correction.author == alice
    assert JournalNote.all_objects.get(pk=note.pk).text == "Første samtale"
    assert AuditEvent.objects.filter(code="cases.journal.corrected").exists()
    assert "Retter notatet fra" in client.get(household.get_absolute_url()).content.decode()


def test_the_household_page_shows_every_party_with_counts(client, alice, family):
    household = family["household"]
    for n in range(11):
        PartyFactory(household=household, organisation=f"Aktør {n}", contact_name="Kim")
    for name in ("Pia Holm", "Jens Mikkelsen", ""):
        PartyFactory(household=household, organisation="Jobcenter Assens", contact_name=name)
    client.force_login(alice)
    body = client.get(household.get_absolute_url()).content.decode()
    # 12 organisations; 11 + Karen Lærer, Pia Holm and Jens Mikkelsen at the jobcentre
    assert "12 aktører, 14 personer" in body
    assert "Jobcenter Assens" in body and "Aktør 10" in body


def test_adding_a_party_goal_and_action_writes_audit_events(client, alice, family):
    client.force_login(alice)
    household, person = family["household"], family["person"]
    response = client.post(reverse("cases:party_create", args=[household.pk]), {
        "kind": "gp", "organisation": "Lægehuset", "concerns": [person.pk]})
    assert response.status_code == 302
    assert list(household.parties.get(organisation="Lægehuset").concerns.all()) == [person]
    response = client.post(reverse("cases:goal_create", args=[person.pk]),
                           {"domain": "danish", "description": "Prøve i Dansk 2"})
    assert response.status_code == 302
    goal = person.goals.get(domain="danish")
    response = client.post(reverse("cases:action_create", args=[goal.pk]), {
        "description": "Tilmelding", "deadline": TODAY.isoformat(), "status": "planned"})
    assert response.status_code == 302
    codes = set(AuditEvent.objects.values_list("code", flat=True))
    assert {"cases.party.created", "cases.goal.created", "cases.action.created"} <= codes


def test_creating_a_household_gives_a_case_number_and_puts_it_on_the_board(client, bob):
    client.force_login(bob)
    response = client.post(reverse("cases:household_create"), {
        "status": "expected", "arrived_on": (TODAY + datetime.timedelta(days=9)).isoformat(),
        "address": "Torvet 1"})
    household = Household.all_objects.get(address="Torvet 1")
    assert response.url == household.get_absolute_url()
    assert household.case_number.startswith(f"0420-{TODAY.year}-")
    assert household.coordinator == bob and household.coordinator_is_interim
    board = client.get(reverse("cases:assignment_board")).content.decode()
    assert household.case_number in board


def test_the_board_lists_expected_arrivals_first_by_arrival(client, bob, alice):
    late = make_household(coordinator=bob, interim=True, status="expected",
                          arrived_on=TODAY + datetime.timedelta(days=20))
    soon = make_household(coordinator=bob, interim=True, status="expected",
                          arrived_on=TODAY + datetime.timedelta(days=2))
    active = make_household(coordinator=bob, interim=True, arrived_on=days_ago(3))
    make_household(coordinator=alice)  # has a tovholder: not waiting
    client.force_login(bob)
    body = client.get(reverse("cases:assignment_board")).content.decode()
    positions = [body.index(h.case_number + "<") for h in (soon, late, active)]
    assert positions == sorted(positions)


def test_the_board_shows_each_coordinators_caseload(client, alice, bob):
    household = make_household(coordinator=alice, takeover_on=days_ago(60))
    adult = PersonFactory(household=household)
    PersonFactory(household=household, birth_date=days_ago(365 * 5))
    ActionFactory(goal=GoalFactory(person=adult, created_at=timezone.now()
                                   - datetime.timedelta(days=30)), deadline=days_ago(1))
    make_household(coordinator=alice, status="closed")
    make_household(coordinator=alice, interim=True)  # waiting, not yet her caseload
    client.force_login(bob)
    response = client.get(reverse("cases:assignment_board"))
    alice_row = next(c for c in response.context["caseloads"] if c == alice)
    # one open household, two persons, one child, one overdue action + three milestones
    assert (alice_row.household_count, alice_row.person_count, alice_row.child_count,
            alice_row.overdue_count) == (1, 2, 1, 4)


def test_a_team_lead_assigns_from_the_board_with_a_reason(client, alice, bob):
    household = make_household(coordinator=bob, interim=True)
    client.force_login(bob)
    response = client.post(reverse("cases:assign", args=[household.pk]), {
        "coordinator": alice.pk, "reason": "Taler arabisk", "next": "board"})
    assert response.url == reverse("cases:assignment_board")
    household.refresh_from_db()
    assert household.coordinator == alice and not household.coordinator_is_interim
    current = CoordinatorAssignment.all_objects.get(household=household, ended_at=None)
    assert current.reason == "Taler arabisk" and current.assigned_by == bob
    history = client.get(reverse("cases:assign", args=[household.pk])).content.decode()
    assert "Taler arabisk" in history


def test_mine_familier_shows_households_due_actions_and_parties(client, alice, family):
    other = make_household()
    client.force_login(alice)
    body = client.get(reverse("cases:my_families")).content.decode()
    assert family["household"].case_number in body
    assert other.case_number not in body
    assert "Virksomhedspraktik" in body  # due in three days
    assert "Jobcenter Assens" in body


def test_the_dashboard_cards_show_real_numbers(client, alice, bob, family):
    make_household(coordinator=bob, interim=True)
    client.force_login(bob)
    body = client.get(reverse("dashboard")).content.decode()
    assert "1 familie venter på en tovholder." in body
    client.force_login(alice)
    body = client.get(reverse("dashboard")).content.decode()
    assert "Du er tovholder for 1 familie." in body
    assert "1 handling forfalder denne uge." in body


@pytest.mark.parametrize(("query", "expected"), [
    ({"status": "expected"}, {"expected"}),
    ({"residence_ground": "ukraine"}, {"ukraine"}),
    ({"arrived_from": days_ago(10).isoformat()}, {"expected", "ukraine"}),
    ({"arrived_to": days_ago(10).isoformat()}, {"overdue"}),
    ({"has_overdue": "true"}, {"overdue"}),
    ({"no_coordinator": "true"}, {"expected"}),
    ({"no_coordinator": "false"}, {"overdue", "ukraine"}),
])
def test_the_case_list_filters(client, alice, bob, query, expected):
    households = {
        "expected": make_household(coordinator=bob, interim=True, status="expected",
                                   arrived_on=TODAY + datetime.timedelta(days=5)),
        "ukraine": make_household(coordinator=bob, arrived_on=days_ago(3)),
        "overdue": make_household(coordinator=alice, arrived_on=days_ago(90)),
    }
    PersonFactory(household=households["ukraine"], residence_ground="ukraine")
    person = PersonFactory(household=households["overdue"])
    ActionFactory(goal=GoalFactory(person=person, created_at=timezone.now()
                                   - datetime.timedelta(days=30)), deadline=days_ago(1))
    client.force_login(alice)
    body = client.get(reverse("cases:case_list"), query).content.decode()
    shown = {key for key, h in households.items() if h.case_number + "<" in body}
    assert shown == expected


def test_the_case_list_filters_by_coordinator_and_sorts(client, alice, bob):
    first = make_household(coordinator=alice, arrived_on=days_ago(50))
    second = make_household(coordinator=bob, arrived_on=days_ago(10))
    client.force_login(alice)
    body = client.get(reverse("cases:case_list"), {"coordinator": alice.pk}).content.decode()
    assert first.case_number in body and second.case_number not in body
    body = client.get(reverse("cases:case_list"), {"ordering": "arrived_on"}).content.decode()
    assert body.index(first.case_number + "<") < body.index(second.case_number + "<")
    body = client.get(reverse("cases:case_list"), {"ordering": "-arrived_on"}).content.decode()
    assert body.index(second.case_number + "<") < body.index(first.case_number + "<")


def test_the_case_list_paginates(client, alice):
    for _n in range(27):
        make_household(coordinator=alice)
    client.force_login(alice)
    first = client.get(reverse("cases:case_list")).content.decode()
    assert "Side 1 af 2" in first
    second = client.get(reverse("cases:case_list"), {"side": 2})
    assert "Side 2 af 2" in second.content.decode()
    assert len(second.context["page"].object_list) == 2


def test_changing_a_person_is_audited(client, alice, family):
    client.force_login(alice)
    person = family["person"]
    data = {"first_name": "Amina", "last_name": "Haddad-Ali", "cpr": "1403881234",
            "birth_date": "1988-03-14", "sex": "female", "relation": "main",
            "residence_ground": "7-1", "danish_education_status": "active",
            "danish_module": "3", "occupation_status": "job",
            "occupation_since": "2026-01-01"}
    response = client.post(reverse("cases:person_update", args=[person.pk]), data)
    assert response.status_code == 302
    person = Person.all_objects.get(pk=person.pk)
    assert person.last_name == "Haddad-Ali" and person.cpr == "140388-1234"
    event = AuditEvent.objects.get(code="cases.person.changed")
    assert event.person_id == person.pk


def test_the_case_list_counts_self_support_per_residence_ground(client, alice):
    household = make_household(coordinator=alice)
    PersonFactory(household=household, residence_ground="7-1", occupation_status="job")
    PersonFactory(household=household, residence_ground="7-1")
    PersonFactory(household=household, residence_ground="7-1", birth_date=days_ago(400))
    PersonFactory(household=household, residence_ground="ukraine",
                  occupation_status="self_supporting")
    client.force_login(alice)
    rows = client.get(reverse("cases:case_list")).context["self_support"]
    assert [(r["residence_ground"], r["adults"], r["self_supporting"], r["share"])
            for r in rows] == [("7-1", 2, 1, 50), ("ukraine", 1, 1, 100)]
