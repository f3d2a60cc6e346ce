"""The team lead assigns a waiting family; the tovholder finds it in "Mine familier",
adds an involved party and a goal with an action. axe-core on every page."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cases.models import Action, InvolvedParty
from cases.tests.factories import PersonFactory, make_household
from integration_portal.testing.factories import PASSWORD


def log_in(page, username):
    page.goto("/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()


@pytest.mark.browser
def test_a_team_lead_assigns_and_the_tovholder_builds_the_plan(page, axe, transactional_db,
                                                                alice, bob):
    household = make_household(coordinator=bob, interim=True, status="expected",
                               arrived_on=timezone.localdate() + datetime.timedelta(days=7))
    PersonFactory(household=household, first_name="Amina", last_name="Haddad")
    case = household.case_number

    log_in(page, "bob")
    expect(page.get_by_role("heading", name="Tildeling af tovholder")).to_be_visible()
    axe.check(page)
    page.get_by_role("link", name="Tildeling", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tildeling af tovholder")
    axe.check(page)
    page.get_by_label(f"Tovholder for {case}").select_option(str(alice.pk))
    page.get_by_label(f"Begrundelse for {case}").fill("Taler arabisk og har plads")
    page.get_by_role("button", name=f"Tildel {case}").click()
    expect(page.get_by_role("status")).to_contain_text(f"Alice Andersen er nu tovholder for {case}")
    expect(page.get_by_text("Ingen familier venter.")).to_be_visible()
    axe.check(page)
    page.get_by_role("link", name=case).first.click()  # the history, from recent assignments
    expect(page.get_by_role("cell", name="Taler arabisk og har plads")).to_be_visible()
    axe.check(page)
    page.get_by_role("button", name="Log ud").click()

    log_in(page, "alice")
    page.get_by_role("link", name="Mine familier", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mine familier")
    axe.check(page)
    page.get_by_role("link", name=case).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Husstand {case}")
    axe.check(page)

    page.get_by_role("link", name="Tilføj aktør").click()
    axe.check(page)
    page.get_by_label("Type").select_option(label="Skole")
    page.get_by_label("Organisation").fill("Assens Skole")
    page.get_by_label("Kontaktperson").fill("Mikkel Due")
    page.get_by_label("Amina Haddad").check()
    page.get_by_role("button", name="Gem").click()
    expect(page.locator("#party-counts")).to_have_text("1 aktør, 1 person")
    expect(page.get_by_role("cell", name="Amina", exact=True)).to_be_visible()

    page.get_by_role("link", name="Tilføj mål for Amina").click()
    axe.check(page)
    page.get_by_label("Område").select_option(label="Dansk")
    page.get_by_label("Mål").fill("Bestå Prøve i Dansk 2")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_role("heading", name="Amina: Bestå Prøve i Dansk 2")).to_be_visible()

    page.get_by_role("link", name="Tilføj handling").click()
    axe.check(page)
    deadline = timezone.localdate() + datetime.timedelta(days=5)
    page.get_by_label("Handling").fill("Tilmelding til modul 2")
    page.get_by_label("Ansvarlig").select_option(label="Assens Skole (Skole)")
    page.get_by_label("Frist").fill(deadline.isoformat())
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_role("cell", name="Tilmelding til modul 2", exact=True)).to_be_visible()
    axe.check(page)

    page.get_by_role("link", name="Mine familier", exact=True).first.click()
    expect(page.get_by_role("cell", name="Tilmelding til modul 2", exact=True)).to_be_visible()
    axe.check(page)
    axe.assert_clean()

    action = Action.all_objects.get(description="Tilmelding til modul 2")
    assert action.responsible_party == InvolvedParty.all_objects.get(organisation="Assens Skole")
    assert action.goal.person.household.coordinator == alice
