"""The case search: part of a name, part of a case number or a whole CPR number,
best matches first, and only households the user may see."""

import datetime

from django.db import connection
from django.urls import reverse
from django.utils import timezone

from cases.models import Household
from cases.search import search_households
from cases.selectors import case_list_households
from cases.tests.factories import PersonFactory, make_household
from integration_portal.testing.factories import municipality


def arrived(days_ago):
    return timezone.localdate() - datetime.timedelta(days=days_ago)


def family(coordinator, first_name, last_name, *, days_ago=10, cpr=None):
    household = make_household(coordinator=coordinator, arrived_on=arrived(days_ago))
    PersonFactory(household=household, first_name=first_name, last_name=last_name, cpr=cpr)
    return household


def found(client, query):
    """The case numbers on the case list for ``query``, in the order shown."""
    response = client.get(reverse("cases:case_list"), {"q": query})
    assert response.status_code == 200
    return [household.case_number for household in response.context["page"]]


def test_it_finds_a_household_by_part_of_a_name(client, alice):
    haddad = family(alice, "Amina", "Haddad")
    family(alice, "Oksana", "Melnyk")
    client.force_login(alice)
    assert found(client, "hadd") == [haddad.case_number]
    assert found(client, "MINA") == [haddad.case_number]
    assert found(client, "amina haddad") == [haddad.case_number]
    assert found(client, "amina melnyk") == []  # every word must match


def test_it_finds_a_household_by_part_of_its_case_number(client, alice):
    first = family(alice, "Amina", "Haddad")
    second = family(alice, "Oksana", "Melnyk")
    client.force_login(alice)
    assert found(client, second.case_number[-5:]) == [second.case_number]
    assert found(client, first.case_number) == [first.case_number]


def test_it_finds_a_person_by_the_whole_cpr_number_only(client, alice):
    haddad = family(alice, "Amina", "Haddad", cpr="140388-1234")
    family(alice, "Sara", "Haddad", cpr="140388-1236")  # same birth date
    client.force_login(alice)
    for query in ("140388-1234", "1403881234", "140388 1234"):
        assert found(client, query) == [haddad.case_number]
    assert found(client, "140388-1238") == []


def test_exact_matches_come_before_prefixes_and_prefixes_before_the_rest(client, alice):
    # The list's own order (newest arrival first) would be the reverse.
    exact = family(alice, "Ali", "Hassan", days_ago=30)
    prefix = family(alice, "Alia", "Noori", days_ago=20)
    partial = family(alice, "Khalil", "Omar", days_ago=10)
    family(alice, "Oksana", "Melnyk", days_ago=5)
    client.force_login(alice)
    assert found(client, "ali") == [exact.case_number, prefix.case_number,
                                    partial.case_number]
    assert found(client, "") == [h.case_number for h in Household.all_objects.order_by(
        "-arrived_on")]


def test_a_chosen_sort_order_wins_over_the_ranking(client, alice):
    exact = family(alice, "Ali", "Hassan", days_ago=30)
    partial = family(alice, "Khalil", "Omar", days_ago=10)
    client.force_login(alice)
    response = client.get(reverse("cases:case_list"), {"q": "ali", "ordering": "-arrived_on"})
    shown = [household.case_number for household in response.context["page"]]
    assert shown == [partial.case_number, exact.case_number]


def test_it_never_finds_another_municipalitys_household(client, alice, charlie):
    haddad = family(alice, "Amina", "Haddad", cpr="140388-1234")
    family(charlie, "Amina", "Hadid")
    client.force_login(charlie)
    assert found(client, "Haddad") == []
    assert found(client, "140388-1234") == []
    assert found(client, haddad.case_number) == []
    assert len(found(client, "amina")) == 1


def bulk_families(code, households, persons_each):
    """Closed households with persons of made-up names, written by INSERT ... SELECT:
    enough rows that the planner picks an index over a sequential scan on merit."""
    place = municipality(code)
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO cases_household (municipality_id, case_number, status, address,"
            " primary_language, interpreter_needed, coordinator_is_interim, created_at,"
            " updated_at) SELECT %s, %s || '-2020-' || lpad(g::text, 5, '0'), 'closed', '',"
            " '', false, false, now(), now() FROM generate_series(1, %s) g",
            [place.pk, code, households])
        cursor.execute(
            "INSERT INTO cases_person (household_id, first_name, last_name, sex, relation,"
            " residence_ground, country_of_origin, languages, danish_education_status,"
            " occupation_status) SELECT h.id, 'Fornavn' || (g * h.id %% 997), 'Efternavn' ||"
            " h.id || 'x' || g, '', 'main', '', '', '', 'not_started', 'programme'"
            " FROM cases_household h, generate_series(1, %s) g WHERE h.municipality_id = %s",
            [persons_each, place.pk])


def test_the_name_search_reads_the_trigram_index(postgres, alice):
    bulk_families("420", 3000, 8)
    bulk_families("461", 3000, 8)
    haddad = family(alice, "Amina", "Haddad")
    with connection.cursor() as cursor:
        # What autovacuum does in service: fold the fresh rows from the GIN indexes'
        # pending lists into the indexes, and gather statistics.
        for index in ("person_first_name_trgm", "person_last_name_trgm"):
            cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])
        cursor.execute("ANALYZE cases_person")
        cursor.execute("ANALYZE cases_household")
    rows = search_households(alice, case_list_households(alice), "Haddad")
    plan = rows.explain()
    assert "person_last_name_trgm" in plan and "person_first_name_trgm" in plan, plan
    assert "Seq Scan on cases_person" not in plan, plan
    assert list(rows) == [haddad]


def test_the_case_number_search_reads_the_trigram_index(postgres, alice):
    bulk_families("420", 3000, 1)
    bulk_families("461", 3000, 1)
    with connection.cursor() as cursor:
        cursor.execute("SELECT gin_clean_pending_list('household_case_number_trgm'::regclass)")
        cursor.execute("ANALYZE cases_household")
    rows = search_households(alice, case_list_households(alice), "2020-01234")
    plan = rows.explain()
    assert "household_case_number_trgm" in plan, plan
    assert [h.case_number for h in rows] == ["420-2020-01234"]
