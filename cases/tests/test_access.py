"""Every household and person URL: 404 for another municipality, 200 for the own."""

import pytest
from django.urls import reverse

from integration_portal.testing.factories import UserFactory, municipality

URLS = [
    ("cases:household_detail", "household"),
    ("cases:household_update", "household"),
    ("cases:plan_update", "household"),
    ("cases:person_create", "household"),
    ("cases:party_create", "household"),
    ("cases:journal_create", "household"),
    ("cases:person_detail", "person"),
    ("cases:person_update", "person"),
    ("cases:goal_create", "person"),
    ("cases:party_update", "party"),
    ("cases:action_create", "goal"),
    ("cases:action_update", "action"),
]


@pytest.mark.parametrize(("name", "target"), URLS)
def test_a_caseworker_of_another_municipality_gets_404(client, charlie, family, name, target):
    client.force_login(charlie)
    url = reverse(name, args=[family[target].pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"organisation": "x", "text": "x"}).status_code == 404


@pytest.mark.parametrize(("name", "target"), URLS)
def test_a_caseworker_of_the_own_municipality_gets_the_page(client, alice, family, name,
                                                            target):
    client.force_login(alice)
    assert client.get(reverse(name, args=[family[target].pk])).status_code == 200


def test_a_journal_correction_of_another_municipality_is_404(client, charlie, family):
    client.force_login(charlie)
    url = reverse("cases:journal_create", args=[family["household"].pk])
    assert client.get(f"{url}?retter={family['note'].pk}").status_code == 404


def test_assigning_is_404_for_a_team_lead_of_another_municipality(client, bob, family):
    odense_lead = UserFactory(username="olga", municipality=municipality("461"),
                              role="teamleder")
    client.force_login(odense_lead)
    url = reverse("cases:assign", args=[family["household"].pk])
    assert client.get(url).status_code == 404
    board = client.get(reverse("cases:assignment_board")).content.decode()
    assert family["household"].case_number not in board and "Alice" not in board
    client.force_login(bob)
    assert client.get(url).status_code == 200
    assert family["household"].case_number in client.get(
        reverse("cases:assignment_board")).content.decode()


def test_a_caseworker_may_not_assign_a_coordinator(client, alice, family):
    client.force_login(alice)
    assert client.get(reverse("cases:assign", args=[family["household"].pk])).status_code == 403
    assert client.get(reverse("cases:assignment_board")).status_code == 403


def test_the_case_list_shows_only_the_own_municipality(client, charlie, family):
    client.force_login(charlie)
    body = client.get(reverse("cases:case_list")).content.decode()
    assert family["household"].case_number not in body
    export = client.get(reverse("cases:case_export")).getvalue().decode()
    assert family["household"].case_number not in export


def test_users_without_case_permissions_get_403(client, dorte, trine, family):
    for user in (dorte, trine):
        client.force_login(user)
        for name in ("cases:case_list", "cases:my_families"):
            assert client.get(reverse(name)).status_code == 403
        url = reverse("cases:household_detail", args=[family["household"].pk])
        assert client.get(url).status_code == 403
