"""The overdue lists, the interpreter report and the household panel: fixed queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases.tests.factories import PersonFactory, make_household
from integration_portal.testing.factories import UserFactory
from reception import services
from reception.models import BookingStatus
from reception.tests.factories import BookingFactory, register


def plans(by, count):
    today = timezone.localdate()
    made = [register(by=by, decided_on=today - datetime.timedelta(days=40 + n % 5))
            for n in range(count)]
    return made


def bookings(by, plan, count):
    for n in range(count):
        BookingFactory(household=plan.household, booked_by=by, language=f"sprog {n % 7}",
                       agency=f"Bureau {n % 3}", rating=1 + n % 5,
                       status=BookingStatus.CANCELLED if n % 4 == 0 else BookingStatus.HELD)


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


# Every page: session, user, the user's and the groups' permissions, the header's
# municipality and groups = 6 (the session is written at most once a minute). A page
# reading case files looks up, once, the households shares and transfers open (1).
TASK_LISTS = [
    # 6 + grants + the households I am tovholder of (ids, so "mine" is an index
    # condition on the task), the tasks (person name as subquery)
    ("", 9),
    # 6 + grants + the tasks, the filter form's coordinators (count and rows)
    ("?vis=kommune", 10),
    # 6 + grants + the chosen coordinator (form validation), their households (ids),
    # the tasks, the filter form's coordinators (count and rows)
    ("?vis=kommune&tovholder=mine", 12),
]


@pytest.mark.parametrize(("query", "expected"), TASK_LISTS)
def test_the_overdue_lists_take_the_same_queries_for_5_and_50_plans(client, alice, query,
                                                                   expected):
    other = UserFactory(username="other", role="sagsbehandler")
    client.force_login(alice)
    url = reverse("reception:task_list") + query.replace("mine", str(alice.pk))
    plans(alice, 3)
    plans(other, 2)
    few = count_queries(client, url)
    plans(alice, 25)
    plans(other, 20)
    response = client.get(url)
    assert len(response.context["overdue"]) > 50
    assert (few, count_queries(client, url)) == (expected, expected)


def test_the_interpreter_report_takes_the_same_queries_for_5_and_50_bookings(client, alice):
    client.force_login(alice)
    plan = register(by=alice)
    url = reverse("reception:interpreter_report")
    bookings(alice, plan, 5)
    few = count_queries(client, url)
    bookings(alice, plan, 45)
    assert count_queries(client, url) == few


def test_the_household_page_panel_takes_the_same_queries(client, alice):
    client.force_login(alice)
    plan = register(by=alice)
    url = reverse("cases:household_detail", args=[plan.household_id])
    bookings(alice, plan, 2)
    few = count_queries(client, url)
    bookings(alice, plan, 20)
    assert count_queries(client, url) == few


def test_the_dashboard_card_takes_the_same_queries(client, alice):
    client.force_login(alice)
    plans(alice, 2)
    few = count_queries(client, reverse("dashboard"))
    plans(alice, 10)
    assert count_queries(client, reverse("dashboard")) == few


def test_the_plan_page_takes_the_same_queries_however_many_persons_have_tasks(client, alice):
    client.force_login(alice)

    def plan_page(adults):
        household = make_household(coordinator=alice)
        for n in range(adults):
            PersonFactory(household=household, first_name=f"Voksen{n}")
        services.make_plan(household=household, by=alice)
        return reverse("reception:plan_detail", args=[household.pk])

    few = count_queries(client, plan_page(1))
    many_url = plan_page(8)
    assert count_queries(client, many_url) == few
    assert "Kontrakt (Voksen7)" in client.get(many_url).content.decode()
