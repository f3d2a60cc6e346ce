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
from reception.views import TASK_PAGE


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


# Each page: session, user, the user's and the groups' permissions (4; the session is
# written at most once a minute), the header's municipality and groups (2), the
# grants (1), the tasks' count and the page of tasks (person name as a subquery) = 9.
# "Mine" first fetches the households I am tovholder of (ids, so it is an index
# condition on the task) = 10. The whole municipality's list adds the form's
# colleagues (counted, then listed) = 11; one colleague's adds that colleague and
# their households = 13.
@pytest.mark.parametrize(("query", "expected"), [
    ("", 10), ("?vis=kommune", 11), ("?vis=kommune&tovholder=mine", 13),
])
def test_the_overdue_lists_take_the_same_queries_for_5_and_50_plans(client, alice, query,
                                                                    expected):
    other = UserFactory(username="other", role="sagsbehandler")
    client.force_login(alice)
    url = reverse("reception:task_list") + query.replace("mine", str(alice.pk))
    plans(alice, 3)
    plans(other, 2)
    few = count_queries(client, url)
    assert few == expected
    plans(alice, 25)
    plans(other, 20)
    response = client.get(url)
    assert response.context["page"].paginator.count > TASK_PAGE
    assert len(response.context["overdue"]) == TASK_PAGE  # bounded: one page
    assert count_queries(client, url) == few
    assert count_queries(client, url + ("&" if query else "?") + "side=2") == few


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


def test_the_task_list_pages_show_every_task_once(client, alice):
    client.force_login(alice)
    plans(alice, 8)
    url = reverse("reception:task_list")
    response = client.get(url)
    total = response.context["page"].paginator.count
    assert total > TASK_PAGE
    seen = []
    for number in response.context["page"].paginator.page_range:
        page = client.get(url, {"side": number}).context
        seen += [task.pk for task in page["overdue"] + page["this_week"]]
    assert len(seen) == len(set(seen)) == total
