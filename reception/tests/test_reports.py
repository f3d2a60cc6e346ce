"""The interpreter report, reception figures, the household panel and printed plan."""

import datetime

from django.urls import reverse
from django.utils import timezone

from cases.models import Household
from cases.printing import plan_section_data
from reception import selectors, services
from reception.models import BookingStatus, HousingKind, PlanTask, TaskStatus
from reception.tests.factories import BookingFactory, HousingFactory, register


def test_the_interpreter_report_counts_per_language_and_agency(alice, charlie):
    household = register(by=alice).household
    for status, rating in [(BookingStatus.HELD, 5), (BookingStatus.HELD, 1),
                           (BookingStatus.HELD, 2), (BookingStatus.CANCELLED, None),
                           (BookingStatus.HELD, None)]:
        BookingFactory(household=household, booked_by=alice, status=status, rating=rating)
    BookingFactory(household=household, booked_by=alice, language="dari", agency="Andet",
                   rating=4)
    BookingFactory(household=register(by=charlie).household, booked_by=charlie, rating=1)

    report = selectors.interpreter_report(alice)

    arabic = next(row for row in report["by_language_agency"] if row["language"] == "arabisk")
    assert (arabic["bookings"], arabic["cancellations"], arabic["rated"]) == (5, 1, 3)
    assert round(arabic["average"], 2) == 2.67
    assert arabic["poor_share"] == 67
    assert [row["agency"] for row in report["by_agency"]] == ["Andet", "Tolkebureau Fyn"]
    assert sum(row["bookings"] for row in report["by_language"]) == 6


def test_reception_figures_count_days_from_arrival(alice, bob):
    today = timezone.localdate()
    first = register(by=alice, decided_on=today - datetime.timedelta(days=100))
    second = register(by=alice, decided_on=today - datetime.timedelta(days=10))
    arrived = today - datetime.timedelta(days=60)
    Household.all_objects.filter(pk=first.household_id).update(
        arrived_on=arrived, first_company_offer_on=arrived + datetime.timedelta(days=14),
        contract_signed_on=arrived + datetime.timedelta(days=20))
    HousingFactory(household=first.household, kind=HousingKind.PERMANENT,
                   moved_in_on=arrived + datetime.timedelta(days=40))
    HousingFactory(household=first.household, kind=HousingKind.TEMPORARY, moved_in_on=arrived)
    PlanTask.all_objects.filter(plan=second).update(status=TaskStatus.DONE,
                                                    completed_on=today)

    figures = selectors.reception_figures(bob)

    by_key = {figure["key"]: figure for figure in figures["milestones"]}
    assert by_key["company_offer"]["average"] == 14
    assert by_key["contract"]["median"] == 20
    assert by_key["permanent_housing"]["average"] == 40
    assert by_key["danish_education"]["count"] == 0
    assert (figures["plans"], figures["on_time"], figures["on_time_share"]) == (2, 1, 50)


def test_the_household_page_shows_plan_progress(client, alice, reception):
    task = reception["task"]
    task.status = TaskStatus.DONE
    services.update_task(task=task, by=alice)
    client.force_login(alice)
    body = client.get(reverse("cases:household_detail",
                              args=[reception["household"].pk])).content.decode()
    assert 'id="panel-reception"' in body
    assert "1 af 14 opgaver afsluttet" in body
    assert "Gå til modtageplanen" in body


def test_the_printed_plan_lists_the_tasks_with_responsible_and_due_dates(reception):
    section = plan_section_data(reception["household"])["reception"]
    first = section["tasks"][0]
    assert set(first) == {"title", "person", "responsible", "due_on", "status", "completed_on"}
    assert "Alice Andersen" in " ".join(task["responsible"] for task in section["tasks"])
    assert all(isinstance(task["due_on"], str) for task in section["tasks"])


def test_the_plan_page_shows_days_from_arrival_to_permanent_housing(client, alice, reception):
    household = reception["household"]
    Household.all_objects.filter(pk=household.pk).update(arrived_on=datetime.date(2026, 2, 1))
    HousingFactory(household=household, kind=HousingKind.PERMANENT,
                   moved_in_on=datetime.date(2026, 3, 3))
    client.force_login(alice)
    body = client.get(reverse("reception:plan_detail", args=[household.pk])).content.decode()
    assert "Permanent bolig 30 dage efter ankomsten." in body


def test_a_team_lead_sees_the_tasks_of_one_coordinator(client, alice, bob):
    today = timezone.localdate()
    mine = register(by=alice, decided_on=today - datetime.timedelta(days=60))
    theirs = register(by=bob, decided_on=today - datetime.timedelta(days=60))
    client.force_login(bob)
    response = client.get(reverse("reception:task_list"),
                          {"vis": "kommune", "tovholder": alice.pk})
    cases = {task.household.case_number for task in response.context["overdue"]}
    assert cases == {mine.household.case_number}
    assert theirs.household.case_number not in response.content.decode()
    all_cases = {task.household.case_number for task in client.get(
        reverse("reception:task_list"), {"vis": "kommune"}).context["overdue"]}
    assert all_cases == {mine.household.case_number, theirs.household.case_number}
