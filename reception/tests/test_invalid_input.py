"""Bad input gives a Danish error on the form (200) and saves nothing; never a 500."""

from django.urls import reverse

from cases.models import Household
from reception.models import InterpreterBooking, PlanTask, TaskStatus, TemplateVersion


def test_an_allocation_without_a_decision_date_is_refused(client, alice):
    client.force_login(alice)
    response = client.post(reverse("reception:allocation_create"),
                           {"household_size": "2", "handover_health_needs": "Astma"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Dette felt er påkrævet" in body or "påkrævet" in body
    assert "samtykke" in body
    assert not Household.all_objects.exists()


def test_an_arrival_before_the_decision_is_refused(client, alice):
    client.force_login(alice)
    response = client.post(reverse("reception:allocation_create"), {
        "decided_on": "2026-03-15", "expected_arrival_on": "2026-03-01",
        "household_size": "1"})
    assert response.status_code == 200
    assert "Ankomsten kan ikke ligge før" in response.content.decode()
    assert not Household.all_objects.exists()


def test_not_relevant_without_a_reason_is_refused(client, alice, reception):
    client.force_login(alice)
    task = reception["task"]
    response = client.post(reverse("reception:task_update", args=[task.pk]),
                           {"status": TaskStatus.NOT_RELEVANT})
    assert response.status_code == 200
    assert "Skriv hvorfor" in response.content.decode()
    assert PlanTask.all_objects.get(pk=task.pk).status == TaskStatus.OPEN


def test_a_rating_before_the_interpreting_is_refused(client, alice, reception):
    client.force_login(alice)
    response = client.post(reverse("reception:booking_create", args=[reception["household"].pk]), {
        "language": "arabisk", "starts_at": "2026-04-08T10:00", "duration_minutes": "60",
        "mode": "in_person", "purpose": "Møde", "agency": "X", "status": "booked",
        "rating": "1"})
    assert response.status_code == 200
    assert "Kvaliteten kan først vurderes" in response.content.decode()
    assert InterpreterBooking.all_objects.count() == 1


def test_a_template_without_steps_is_refused(client, dorte, reception):
    client.force_login(dorte)
    template = reception["plan"].version.template
    url = reverse("reception:template_edit", args=[template.pk])
    steps = [form.initial for form in client.get(url).context["formset"] if form.initial]
    data = {"form-TOTAL_FORMS": str(len(steps)), "form-INITIAL_FORMS": "0"}
    for index, initial in enumerate(steps):
        for name, value in initial.items():
            data[f"form-{index}-{name}"] = value
        data[f"form-{index}-DELETE"] = "on"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "mindst ét trin" in response.content.decode()
    assert TemplateVersion.objects.filter(template=template).count() == 1


def test_an_edited_template_becomes_version_two(client, dorte, reception):
    client.force_login(dorte)
    template = reception["plan"].version.template
    url = reverse("reception:template_edit", args=[template.pk])
    steps = [form.initial for form in client.get(url).context["formset"] if form.initial]
    data = {"form-TOTAL_FORMS": str(len(steps)), "form-INITIAL_FORMS": "0"}
    for index, initial in enumerate(steps):
        for name, value in initial.items():
            data[f"form-{index}-{name}"] = value
    data["form-0-title"] = "Overdragelse modtaget og læst"
    response = client.post(url, data)
    assert response.status_code == 302
    latest = template.latest_version()
    assert latest.number == 2
    assert latest.steps.get(position=1).title == "Overdragelse modtaget og læst"
    assert reception["plan"].version.number == 1



def test_a_screening_is_for_adults_and_health_needs_consent(client, alice, reception):
    from cases.tests.factories import PersonFactory
    from reception.models import Screening

    client.force_login(alice)
    child = PersonFactory(household=reception["household"], birth_date="2016-01-30",
                          relation="child")
    response = client.post(reverse("reception:screening_edit", args=[child.pk]),
                           {"done_on": "2026-02-01", "education": "Skole"})
    assert response.status_code == 200
    assert "Afklaringen gælder voksne" in response.content.decode()
    adult = reception["person"]
    url = reverse("reception:screening_edit", args=[adult.pk])
    response = client.post(url, {"done_on": "2026-02-01", "health": "Ryg"})
    assert "kun noteres med borgerens samtykke" in response.content.decode()
    response = client.post(url, {"done_on": "2026-02-01", "health": "Ryg",
                                 "health_consent": "on", "resources": "Sprog"})
    assert response.status_code == 302
    assert Screening.all_objects.get(person=adult).health == "Ryg"
    assert not Screening.all_objects.filter(person=child).exists()
