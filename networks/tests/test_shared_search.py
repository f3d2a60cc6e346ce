"""The case search reaches another municipality's household only through a share,
and a name or CPR number only when the share opens the persons."""

from django.urls import reverse

from networks.tests.factories import make_share


def found(client, query):
    response = client.get(reverse("cases:case_list"), {"q": query})
    assert response.status_code == 200
    return [household.case_number for household in response.context["page"]]


def test_without_a_share_nothing_of_another_municipality_is_found(client, charlie, family):
    client.force_login(charlie)
    case_number = family["household"].case_number
    assert found(client, "Haddad") == []
    assert found(client, "140388-1234") == []
    assert found(client, case_number) == []


def test_a_share_of_the_persons_makes_the_household_findable(client, alice, charlie, family):
    make_share(family["household"], by=alice, parts=["basic", "persons"])
    client.force_login(charlie)
    case_number = family["household"].case_number
    assert found(client, "hadd") == [case_number]
    assert found(client, "140388-1234") == [case_number]
    assert found(client, case_number) == [case_number]


def test_a_share_of_the_basics_only_finds_the_case_number_not_the_names(
        client, alice, charlie, family):
    make_share(family["household"], by=alice, parts=["basic"])
    client.force_login(charlie)
    case_number = family["household"].case_number
    assert found(client, case_number) == [case_number]
    assert found(client, "Haddad") == []
    assert found(client, "140388-1234") == []
