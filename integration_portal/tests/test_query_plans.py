"""The main query of each busy page, over a few thousand households in two
municipalities, is planned from an index on the user's municipality (or the granted
households' ids, or the user's own rows), never from a sequential scan of a whole
table of case data. Read on PostgreSQL with EXPLAIN (without ANALYZE), after ANALYZE."""

import datetime
import re

import pytest
from django.db import connection
from django.db.models import Q
from django.utils import timezone

from cases import selectors as cases
from cases.models import Household, HouseholdStatus
from integration_portal.access import grant_cache
from integration_portal.tests.scale_data import build
from networks.access import sender_transfers
from networks.models import CaseShare
from networks.tests.factories import make_share
from reception import selectors as reception

CASE_TABLES = ["cases_household", "cases_person", "cases_goal", "cases_action",
               "reception_plantask"]


def week_ahead():
    return timezone.localdate() + datetime.timedelta(days=7)


# (page, its main query, whose rows: "municipality" or "own")
PAGES = [
    ("case list", lambda user: cases.case_list_households(user)
     .order_by("-arrived_on", "case_number")[:25], "municipality"),
    ("Mine familier", cases.my_households, "own"),
    ("Mine familier: due this week", cases.due_this_week, "own"),
    ("overdue tasks, mine", lambda user: reception.open_tasks(user, mine=True)
     .filter(due_on__lt=week_ahead()), "own"),
    ("overdue tasks, municipality", lambda user: reception.open_tasks(user)
     .filter(due_on__lt=week_ahead()), "municipality"),
    ("reception dashboard card", lambda user: reception.open_tasks(user, mine=True)
     .filter(due_on__lt=week_ahead())[:5], "own"),
    ("assignment board: waiting", cases.waiting_households, "municipality"),
    ("assignment board: caseloads", cases.caseload_rows, "municipality"),
]
# The caseload figures read every person, goal and action of the municipality's open
# households; with 250 of 3 250 households here (8 %) hashing those small tables is the
# cheaper plan, so only the household table is held to its index for that page
# (cases/tests/test_caseload_figures.py checks the same query on its own data).
WHOLE_MUNICIPALITY_READS = {"assignment board: caseloads": ["cases_household"]}


def municipality_indexes():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'cases_household' "
                       "AND indexdef LIKE '%%(municipality_id%%'")
        return [name for (name,) in cursor.fetchall()]


def problems(plan, whose, indexes, tables=CASE_TABLES):
    found = [f"Seq Scan on {table}" for table in tables
             if re.search(rf"Seq Scan on {table}\b", plan)]
    if whose == "municipality" and not any(name in plan for name in indexes):
        found.append(f"no index on the municipality ({', '.join(indexes)})")
    return found


@pytest.fixture
def nation(postgres):
    """Ærø-sized next to Odense-sized, with three Odense cases shared to Assens."""
    users = build(small=("420", 250), large=("461", 3000))
    odense = Household.all_objects.filter(municipality__code="461",
                                          status=HouseholdStatus.ACTIVE)
    for household in odense[:3]:
        make_share(household, by=users["461"][1], to="420", answer_by=users["420"][0],
                   parts=["basic", "persons", "plan", "reception", "journal"])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return users


def test_each_busy_page_is_planned_from_the_users_own_rows(nation):
    lead, caseworker = nation["420"][0], nation["420"][1]
    indexes = municipality_indexes()
    assert indexes, "cases_household has no index on municipality_id"
    found = {}
    with grant_cache():
        for page, query, whose in PAGES:
            user = lead if page.startswith("assignment board") else caseworker
            plan = query(user).explain()
            tables = WHOLE_MUNICIPALITY_READS.get(page, CASE_TABLES)
            if trouble := problems(plan, whose, indexes, tables):
                found[page] = (trouble, plan)
    assert not found, "\n\n".join(f"{page}: {trouble}\n{plan}"
                                  for page, (trouble, plan) in found.items())
    # The check can fail: the old scope, an OR of subqueries over the shares and
    # transfers, is planned as a sequential scan of every household.
    shares = CaseShare.objects.active().filter(to_municipality=caseworker.municipality_id)
    old_scope = (Q(municipality=caseworker.municipality_id)
                 | Q(pk__in=shares.values("household_id"))
                 | Q(pk__in=sender_transfers(caseworker).values("household_id")))
    plan = Household.all_objects.filter(old_scope).order_by("-arrived_on")[:25].explain()
    assert "Seq Scan on cases_household" in problems(plan, "municipality", indexes)
