"""A caseworker registers an allocation, completes a task, books and rates an interpreter."""

import re

import pytest
from playwright.sync_api import expect

from integration_portal.testing.factories import PASSWORD


@pytest.mark.browser
def test_a_caseworker_runs_a_reception_from_allocation_to_a_rated_interpreter(
        page, axe, transactional_db, alice):
    page.goto("/")
    page.get_by_label("Brugernavn").fill("alice")
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("heading", name="Modtageplaner")).to_be_visible()
    axe.check(page)

    page.get_by_role("link", name="Modtagelse", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mine opgaver i modtageplaner")
    axe.check(page)
    page.get_by_role("link", name="Registrér ny visitering").click()
    axe.check(page)
    page.get_by_label("Visiteringsafgørelse").fill("2026-03-15")
    page.get_by_label("Asylcenter").fill("Center Sandholm")
    page.get_by_label("Forventet ankomst").fill("2026-04-01")
    page.get_by_label("Antal personer").fill("3")
    page.get_by_label("Primært sprog").fill("arabisk")
    page.get_by_role("button", name="Gem").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Modtageplan for sag")
    welcome_link = page.get_by_role("link", name="Velkomstmøde", exact=True)
    welcome = page.get_by_role("row").filter(has=welcome_link)
    expect(welcome).to_contain_text("8.4.2026")  # 1 April + 2 working days over Easter
    expect(page.get_by_text("Overtagelse af ansvaret")).to_be_visible()
    expect(page.locator("dd").filter(has_text="30.4.2026")).to_be_visible()
    axe.check(page)

    welcome.get_by_role("link", name="Velkomstmøde").click()
    axe.check(page)
    page.get_by_label("Status").select_option(label="Udført")
    page.get_by_label("Udført den").fill("2026-04-08")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_role("row").filter(has=welcome_link)).to_contain_text("Udført")
    expect(page.get_by_text(re.compile(r"1 af 14 opgaver afsluttet"))).to_be_visible()

    page.get_by_role("link", name="Bestil tolk").click()
    axe.check(page)
    expect(page.get_by_role("textbox", name=re.compile(r"^Sprog"))).to_have_value("arabisk")
    page.get_by_label("Dialekt").fill("levantinsk")
    page.get_by_label("Tidspunkt").fill("2026-04-08T10:00")
    page.get_by_label("Formål").fill("Velkomstmøde")
    page.get_by_label("Tolkebureau").fill("Tolkebureau Fyn")
    page.get_by_role("button", name="Gem").click()
    booking = page.get_by_role("row").filter(has_text="Tolkebureau Fyn")
    expect(booking).to_contain_text("Bestilt")

    booking.get_by_role("link").click()
    axe.check(page)
    page.get_by_label("Status").select_option(label="Gennemført")
    page.get_by_label("Kvalitet", exact=True).select_option(label="4 - god")
    page.get_by_label("Kommentar til kvaliteten").fill("Præcis og rolig.")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_role("row").filter(has_text="Tolkebureau Fyn")).to_contain_text("4 - god")
    axe.check(page)

    page.get_by_role("link", name="Tolkning").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Kender vi kvaliteten af vores tolkning?")
    axe.check(page)
    axe.assert_clean()
