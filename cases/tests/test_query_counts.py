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
    # 4 + 2 + grants + the paginator's count, the page's ids, the filter form's
    # coordinators, the page's households (person and overdue counts as subqueries),
    # their persons, self-support per ground
    ("cases:case_list", "alice", False, 13),
    # 4 + 2 + grants + the caseload figures (one GROUP BY coordinator over the
    # municipality's open households), the coordinators (rendered once as the forms'
    # options), the waiting households' count and page (person count as subquery),
    # recent assignments
    ("cases:assignment_board", "bob", True, 12),
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
    if name == "cases:my_families":  # unpaginated: all 50
        assert "-00050<" in response.content.decode()
    if name == "cases:assignment_board":  # one page of waiting families, one form each
        body = response.content.decode()
        assert "50 familier venter" in body
        assert body.count('name="coordinator"') == 25


def export_queries(client):
    """The export streams: its queries run while the body is read, so read it inside."""
    with CaptureQueriesContext(connection) as context:
        response = client.get(reverse("cases:case_export"))
        assert response.streaming
        body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert response.status_code == 200
    return len(context.captured_queries), body


def test_the_csv_export_streams_all_rows_in_a_fixed_number_of_queries(client, alice):
    client.force_login(alice)
    add_households(5, coordinator=alice)
    few, _body = export_queries(client)
    add_households(45, coordinator=alice)
    many, body = export_queries(client)
    # 4 (no header) + grants, the audit event, the shared households among them (none
    # here), the households (a server-side cursor), their persons (one chunk)
    assert (few, many) == (9, 9)
    lines = body.splitlines()
    assert len(lines) == 51
    case_numbers = {line.split(";")[0] for line in lines[1:]}
    assert case_numbers == set(Household.all_objects.values_list("case_number", flat=True))


def test_the_export_reads_households_in_chunks_and_keeps_their_persons(client, alice,
                                                                       monkeypatch):
    from cases import views

    monkeypatch.setattr(views, "EXPORT_CHUNK", 4)
    client.force_login(alice)
    add_households(10, coordinator=alice)
    count, body = export_queries(client)
    # 4 + grants, the audit event, the shared households, the households (one
    # server-side cursor, read in 3 chunks of 4), each chunk's persons (3)
    assert count == 4 + 3 + 1 + 3
    lines = body.splitlines()[1:]
    assert len(lines) == 10
    assert all("Voksen" in line and "Barn" in line for line in lines)


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
