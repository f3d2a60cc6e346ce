"""Bad input gives a 200 with a Danish error (or a 4xx), never a 500, and saves nothing."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import Action, Household, InvolvedParty, JournalNote, Person
from cases.tests.factories import GoalFactory

LONG = "x" * 10_000


def person_data(**overrides):
    data = {"first_name": "Yusuf", "last_name": "Haddad", "cpr": "", "birth_date": "",
            "sex": "male", "relation": "spouse", "residence_ground": "9-refugee",
            "country_of_origin": "Syrien", "languages": "arabisk",
            "danish_education_status": "not_started", "danish_module": "",
            "occupation_status": "programme", "occupation_since": ""}
    data.update(overrides)
    return data


def persons():
    return Person.all_objects.count()


@pytest.mark.parametrize(("overrides", "message"), [
    ({"cpr": "123"}, "Et CPR-nummer består af 10 cifre"),
    ({"cpr": "320188-1234"}, "ikke en gyldig fødselsdato"),
    ({"birth_date": "2999-01-01"}, "Fødselsdatoen kan ikke ligge i fremtiden"),
    ({"cpr": "010190-1234", "birth_date": "1990-01-02"}, "passer ikke med CPR-nummeret"),
    ({"first_name": LONG}, "højst have 100 tegn"),
    ({"cpr": "140388-1234"}, "eksisterer allerede"),
    ({"relation": "boss"}, "Marker en gyldig valgmulighed"),
])
def test_a_bad_person_gives_an_error_and_saves_nothing(client, alice, family, overrides,
                                                       message):
    client.force_login(alice)
    before = persons()
    url = reverse("cases:person_create", args=[family["household"].pk])
    response = client.post(url, person_data(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert persons() == before


def test_a_valid_cpr_failing_modulus_11_is_accepted_and_stored_normalised(client, alice,
                                                                          family):
    client.force_login(alice)
    url = reverse("cases:person_create", args=[family["household"].pk])
    response = client.post(url, person_data(cpr="0101901235"))  # fails modulus 11
    assert response.status_code == 302
    person = Person.all_objects.get(first_name="Yusuf")
    assert person.cpr == "010190-1235" and person.birth_date == datetime.date(1990, 1, 1)


def test_a_person_without_cpr_is_accepted(client, alice, family):
    client.force_login(alice)
    url = reverse("cases:person_create", args=[family["household"].pk])
    for first in ("Yusuf", "Lina"):
        assert client.post(url, person_data(first_name=first)).status_code == 302
    assert list(Person.all_objects.filter(first_name__in=["Yusuf", "Lina"])
                .values_list("cpr", flat=True)) == [None, None]


def test_a_deadline_before_the_goal_was_created_is_refused(client, alice, family):
    client.force_login(alice)
    goal = GoalFactory(person=family["person"],
                       created_at=timezone.now() - datetime.timedelta(days=10))
    before = Action.all_objects.count()
    too_early = timezone.localdate() - datetime.timedelta(days=20)
    response = client.post(reverse("cases:action_create", args=[goal.pk]), {
        "description": "Praktik", "deadline": too_early.isoformat(), "status": "planned",
    })
    assert response.status_code == 200
    assert "Fristen kan ikke ligge før målet blev oprettet" in response.content.decode()
    assert Action.all_objects.count() == before


@pytest.mark.parametrize(("name", "target", "data", "model"), [
    ("cases:party_create", "household",
     {"kind": "school", "organisation": LONG}, InvolvedParty),
    ("cases:party_create", "household",
     {"kind": "school", "organisation": "Skole", "active_from": "2026-05-01",
      "active_to": "2026-04-01"}, InvolvedParty),
    ("cases:party_create", "household",
     {"kind": "school", "organisation": "Skole", "email": "ikke-en-adresse"}, InvolvedParty),
    ("cases:journal_create", "household",
     {"category": "meeting", "occurred_on": "2026-01-01", "text": LONG + "x"}, JournalNote),
    ("cases:journal_create", "household",
     {"category": "meeting", "occurred_on": "ikke en dato", "text": "Møde"}, JournalNote),
    ("cases:goal_create", "person", {"domain": "employment", "description": LONG}, None),
    ("cases:action_create", "goal",
     {"description": "Praktik", "deadline": "", "status": "planned"}, Action),
    ("cases:action_update", "action",
     {"description": LONG, "deadline": "2099-01-01", "status": "planned"}, None),
])
def test_bad_case_file_input_gives_an_error_and_saves_nothing(client, alice, family, name,
                                                              target, data, model):
    client.force_login(alice)
    before = model.all_objects.count() if model else None
    response = client.post(reverse(name, args=[family[target].pk]), data)
    assert response.status_code == 200
    assert 'class="invalid-feedback' in response.content.decode() or "alert" in \
        response.content.decode()
    if model:
        assert model.all_objects.count() == before
    family["action"].refresh_from_db()
    assert family["action"].description == "Virksomhedspraktik"


def test_a_bad_household_gives_an_error_and_saves_nothing(client, alice, family):
    client.force_login(alice)
    before = Household.all_objects.count()
    response = client.post(reverse("cases:household_create"), {
        "status": "closed", "address": LONG, "arrived_on": "2026-13-45",
    })
    assert response.status_code == 200
    assert Household.all_objects.count() == before
    response = client.post(reverse("cases:household_update", args=[family["household"].pk]),
                           {"status": "active", "address": LONG})
    assert response.status_code == 200
    family["household"].refresh_from_db()
    assert family["household"].address == "Østergade 1, 5610 Assens"


def test_assigning_without_a_reason_or_with_a_stranger_changes_nothing(client, bob, family,
                                                                       charlie):
    client.force_login(bob)
    url = reverse("cases:assign", args=[family["household"].pk])
    for data in ({"coordinator": bob.pk, "reason": ""},
                 {"coordinator": charlie.pk, "reason": "Odense"},
                 {"coordinator": "abc", "reason": LONG}):
        assert client.post(url, data).status_code == 200
    family["household"].refresh_from_db()
    assert family["household"].coordinator.username == "alice"


@pytest.mark.parametrize("query", [
    {"q": LONG}, {"coordinator": "abc"}, {"status": "nope"}, {"arrived_from": "2026-99-99"},
    {"side": "abc"}, {"side": "999"}, {"ordering": "password"}, {"has_overdue": "maybe"},
    {"q": "320188-1234"},
])
def test_odd_case_list_parameters_never_give_a_500(client, alice, family, query):
    client.force_login(alice)
    assert client.get(reverse("cases:case_list"), query).status_code == 200
    assert client.get(reverse("cases:case_export"), query).status_code == 200


def test_a_bad_correction_reference_is_a_404(client, alice, family):
    client.force_login(alice)
    url = reverse("cases:journal_create", args=[family["household"].pk])
    assert client.get(url, {"retter": "abc"}).status_code == 404
    assert client.get(url, {"retter": "999999"}).status_code == 404
