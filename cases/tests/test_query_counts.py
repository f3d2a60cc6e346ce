"""The case list, the assignment board and "Mine familier" cost the same number of
queries with 5 and with 50 households."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases import services
from cases.models import Household
from cases.tests.factories import (
    ActionFactory,
    GoalFactory,
    PartyFactory,
    PersonFactory,
    make_household,
)


def add_households(count, *, coordinator, interim=False):
    late = timezone.localdate() - datetime.timedelta(days=3)
    for n in range(count):
        household = make_household(coordinator=coordinator, interim=interim)
        adult = PersonFactory(household=household, first_name=f"Voksen{n}")
        PersonFactory(household=household, first_name=f"Barn{n}",
                      birth_date=datetime.date(2018, 5, 1))
        party = PartyFactory(household=household)
        party.concerns.add(adult)
        goal = GoalFactory(person=adult, created_at=timezone.now() - datetime.timedelta(days=9))
        ActionFactory(goal=goal, deadline=late, responsible_party=party)
        ActionFactory(goal=goal)


def queries_for(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries), response


# Every page: session, user, the user's and the groups' permissions (4 queries; the
# session is written at most once a minute, and was at the login). The header adds
# the user's municipality and groups (2). A page reading case files looks up, once,
# the households that shares and transfers open to the user ("grants", 1).
PAGES = [
    # 4 + 2 + grants + the paginator's count, the filter form's coordinators, the households
    # (person and overdue counts as subqueries), their persons, self-support per ground
    ("cases:case_list", "alice", False, 12),
    # 4 + 2 + grants + waiting households (person count as subquery), the caseload
    # figures (one GROUP BY coordinator over the municipality's open households), the
    # coordinators, recent assignments
    ("cases:assignment_board", "bob", True, 11),
    # 4 + 2 + households (overdue count as subquery), their persons, their parties,
    # actions due this week (all the municipality's own rows: no grants)
    ("cases:my_families", "alice", False, 10),
    # 4 + 2 (groups first, for the cards) + grants + my households, their persons, their
    # parties, their count, due count, waiting households, waiting count, the
    # reception card (the households I am tovholder of, then my tasks) and the
    # networks card (one query)
    ("dashboard", "bob", True, 17),
]


@pytest.mark.parametrize(("name", "who", "interim", "expected"), PAGES)
def test_the_page_costs_a_fixed_number_of_queries(client, alice, bob, name, who, interim,
                                                  expected):
    user = {"alice": alice, "bob": bob}[who]
    client.force_login(user)
    url = reverse(name)
    add_households(5, coordinator=user if not interim else bob, interim=interim)
    few, _response = queries_for(client, url)
    add_households(45, coordinator=user if not interim else bob, interim=interim)
    many, response = queries_for(client, url)
    assert (few, many) == (expected, expected)
    if name in ("cases:assignment_board", "cases:my_families"):  # unpaginated: all 50
        assert "-00050<" in response.content.decode()


def test_the_csv_export_costs_a_fixed_number_of_queries(client, alice):
    client.force_login(alice)
    add_households(5, coordinator=alice)
    few, _response = queries_for(client, reverse("cases:case_export"))
    add_households(45, coordinator=alice)
    many, response = queries_for(client, reverse("cases:case_export"))
    # 4 (no header) + grants, the audit event, the households, their persons
    assert (few, many) == (8, 8)
    assert response.content.decode().count("\n") == 51


def test_the_household_page_costs_a_fixed_number_of_queries(client, alice):
    client.force_login(alice)
    add_households(1, coordinator=alice)
    household = Household.all_objects.get()
    few, _response = queries_for(client, household.get_absolute_url())
    for n in range(10):
        person = PersonFactory(household=household, first_name=f"Ekstra{n}")
        PartyFactory(household=household).concerns.add(person)
        ActionFactory(goal=GoalFactory(person=person))
        services.add_journal_note(household=household, author=alice, text=f"Notat {n}",
                                  category="meeting")
    many, response = queries_for(client, household.get_absolute_url())
    # 4 + 2 + grants + the household (with coordinator and municipality), the audit
    # event, its persons, its parties, their concerned persons, its goals (with persons), their
    # actions (with responsible parties), its journal notes, the assignment history,
    # its printed plans (with who asked and for whom) = 17, + the reception panel's
    # plan with its tasks, interpreter bookings and housing placements = 20
    assert (few, many) == (20, 20)
    assert "Ekstra9" in response.content.decode()
