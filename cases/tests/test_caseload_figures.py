"""The board's caseloads and the case list's self-support table: the same figures as
counting household by household, from one GROUP BY that reaches the user's
municipality through its index, whatever the size of the others."""

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from cases import selectors
from cases.models import OPEN_STATUSES, Household, Person
from cases.models.plan import OPEN_ACTION_STATUSES
from cases.tests.bulk import build_case_files
from integration_portal.testing.factories import UserFactory, municipality
from networks.models import CaseShare

WORKING = {"job", "self_supporting"}


def share_to_assens(household):
    CaseShare.objects.create(
        household=household, from_municipality=household.municipality,
        to_municipality=municipality("420"), purpose="consultation", legal_basis="provision",
        legal_provision="§ 28", include_persons=True, include_plan=True, status="accepted",
        expires_on=timezone.localdate() + datetime.timedelta(days=30),
        created_by=household.coordinator)


@pytest.fixture
def two_municipalities(db):
    """Assens and Odense in bulk, with some of Odense's cases shared with Assens."""
    assens = build_case_files("420", households=150, coordinators=6, seed=1)
    odense = build_case_files("461", households=150, coordinators=5, seed=2)
    for household in Household.all_objects.filter(municipality__code="461")[:10]:
        share_to_assens(household)
    return assens, odense


def counted_one_by_one(lead):
    """{coordinator id: (households, persons, children, overdue items)} by walking
    the lead's municipality's open, non-interim households."""
    today = timezone.localdate()
    cutoff = selectors._month_before(today)
    adult_born_before = selectors._adult_born_before(today)
    figures = {}
    households = Household.all_objects.filter(
        municipality=lead.municipality, status__in=OPEN_STATUSES, coordinator_is_interim=False,
    ).prefetch_related("persons__goals__actions")
    for household in households:
        persons = list(household.persons.all())
        actions = [action for person in persons for goal in person.goals.all()
                   for action in goal.actions.all()]
        late = [field for field in selectors.MILESTONE_FIELDS if household.takeover_on
                and household.takeover_on < cutoff and getattr(household, field) is None]
        row = figures.setdefault(household.coordinator_id, [0, 0, 0, 0])
        row[0] += 1
        row[1] += len(persons)
        row[2] += sum(1 for p in persons if p.birth_date and p.birth_date > adult_born_before)
        row[3] += len(late) + sum(1 for a in actions
                                  if a.status in OPEN_ACTION_STATUSES and a.deadline < today)
    return figures


def test_the_board_counts_each_caseload_as_counting_household_by_household_would(
        two_municipalities):
    assens, odense = two_municipalities
    for lead in (assens[0], odense[0]):
        board = {c.pk: [c.household_count, c.person_count, c.child_count, c.overdue_count]
                 for c in selectors.caseloads(lead)}
        expected = counted_one_by_one(lead)
        assert set(board) == {user.pk for user in (assens if lead in assens else odense)}
        assert board == {pk: expected.get(pk, [0, 0, 0, 0]) for pk in board}
    assert sum(row[3] for row in counted_one_by_one(assens[0]).values()) > 50


def test_a_coordinator_without_households_is_on_the_board_with_zeros(two_municipalities):
    assens, _odense = two_municipalities
    newcomer = UserFactory(username="ny", municipality=municipality("420"),
                           role="sagsbehandler")
    row = next(c for c in selectors.caseloads(assens[0]) if c == newcomer)
    assert (row.household_count, row.person_count, row.child_count, row.overdue_count) == (
        0, 0, 0, 0)


def test_the_self_support_table_counts_the_municipalitys_own_adults_one_by_one(
        two_municipalities):
    assens, _odense = two_municipalities
    adult_born_before = selectors._adult_born_before(timezone.localdate())
    expected = {}
    for person in Person.all_objects.filter(household__municipality__code="420",
                                            birth_date__lte=adult_born_before):
        row = expected.setdefault(person.residence_ground, [0, 0])
        row[0] += 1
        row[1] += person.occupation_status in WORKING
    table = selectors.self_support_by_ground(assens[0])
    assert {row["residence_ground"]: [row["adults"], row["self_supporting"]]
            for row in table} == expected
    assert [row["residence_ground"] for row in table] == sorted(expected)


# --- Query plans ------------------------------------------------------------------------


@pytest.fixture
def small_beside_large(postgres):
    """Assens small (60 households) beside Odense large (2 000), statistics fresh."""
    assens = build_case_files("420", households=60, coordinators=3, seed=3)
    build_case_files("461", households=2000, coordinators=20, seed=4)
    with connection.cursor() as cursor:
        for table in ("cases_household", "cases_person", "cases_goal", "cases_action"):
            cursor.execute(f"ANALYZE {table}")
    return assens[0]


def test_the_caseload_query_reaches_the_municipalitys_households_by_its_index(
        small_beside_large):
    plan = selectors.caseload_rows(small_beside_large).explain()
    assert "cases_household_municipality_id" in plan
    assert "Seq Scan on cases_household" not in plan
    assert "SubPlan" not in plan  # no subquery per coordinator


def test_the_self_support_query_reads_only_the_municipalitys_persons(small_beside_large):
    plan = selectors.self_support_rows(small_beside_large).explain()
    assert "cases_household_municipality_id" in plan
    assert "Seq Scan on cases_household" not in plan
    # No grant checked per person: at a few thousand rows a scan of the persons may
    # still be the cheaper join, but it is joined to the municipality's households only.
    assert "SubPlan" not in plan
