"""Assens shares a case with Odense; Odense's caseworker reads the shared parts and
not the others; Assens revokes and Odense loses access. axe-core on every page."""

import pytest
from playwright.sync_api import expect

from integration_portal.testing.factories import PASSWORD
from networks.tests.factories import make_family


def log_in(page, username):
    page.goto("/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("button", name="Log ud")).to_be_visible()


def log_out(page):
    page.get_by_role("button", name="Log ud").click()


@pytest.mark.browser
def test_a_share_opens_its_parts_and_revocation_closes_them(page, axe, transactional_db,
                                                             alice, charlie):
    family = make_family(alice)
    case = family["household"].case_number
    household_url = family["household"].get_absolute_url()

    log_in(page, "alice")
    page.goto(household_url)
    axe.check(page)
    page.get_by_role("link", name="Del sagen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Del sagen med en anden kommune")
    page.get_by_label("Delt med").select_option(label="Odense Kommune")
    page.get_by_label("Formål").select_option(label="Forestående flytning")
    page.get_by_label("Borgerens samtykke").check()
    page.get_by_label("Samtykke givet").fill("2026-11-01")
    page.get_by_label("Amina Haddad").check()
    page.get_by_label("Samtykket omfatter").fill("Oplysninger om familien før flytningen")
    page.get_by_label("Personer", exact=True).check()
    axe.check(page)
    page.get_by_role("button", name="Del sagen").click()
    expect(page.get_by_role("status")).to_contain_text("Sagen er delt med Odense Kommune")
    axe.check(page)
    log_out(page)

    log_in(page, "charlie")
    expect(page.get_by_text("1 deling venter på jeres svar")).to_be_visible()
    page.get_by_role("link", name="Samarbejde", exact=True).click()
    page.get_by_role("button", name=f"Acceptér {case}").click()
    expect(page.get_by_role("status")).to_contain_text("Delingen er accepteret")
    axe.check(page)
    page.get_by_role("link", name=case).click()
    expect(page.get_by_role("note")).to_contain_text(
        "Sagen tilhører Assens Kommune og er delt med jer til")
    expect(page.get_by_role("link", name="Amina Haddad")).to_be_visible()
    expect(page.get_by_role("heading", name="Journal")).to_have_count(0)
    expect(page.get_by_role("heading", name="Integrationsplan")).to_have_count(0)
    expect(page.get_by_text("Første samtale om helbred")).to_have_count(0)
    expect(page.get_by_role("link", name="Ret husstand")).to_have_count(0)
    axe.check(page)
    page.get_by_role("link", name="Amina Haddad").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Amina Haddad")
    expect(page.get_by_role("link", name="Ret person")).to_have_count(0)
    axe.check(page)
    log_out(page)

    log_in(page, "alice")
    page.get_by_role("link", name="Samarbejde", exact=True).click()
    page.get_by_role("link", name=f"Tilbagekald {case} – Odense Kommune").click()
    axe.check(page)
    page.get_by_role("button", name="Tilbagekald delingen").click()
    expect(page.get_by_role("status")).to_contain_text("Odense Kommune har ikke længere adgang")
    expect(page.get_by_role("cell", name="Tilbagekaldt")).to_be_visible()
    axe.check(page)
    log_out(page)

    log_in(page, "charlie")
    assert page.goto(household_url).status == 404
    assert page.goto(f"/sager/personer/{family['person'].pk}/").status == 404
    axe.assert_clean()
