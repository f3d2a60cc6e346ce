import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from integration_portal.demo import DEFAULT_DEMO_PASSWORD

ROLES = [
    ("assens-sagsbehandler", "Sagsbehandler", "Mine familier", "Caseworker"),
    ("assens-teamleder", "Teamleder", "Tildeling af tovholder", "Team lead"),
    ("assens-admin", "Kommunal administrator", "Logning og indsigt", "Municipal administrator"),
    ("uddannelse-admin", "Uddannelsesadministrator", "Efteruddannelse", "Training administrator"),
]


@pytest.fixture
def demo(transactional_db, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    settings.DEBUG = False


def log_in(page, username):
    page.goto("/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(DEFAULT_DEMO_PASSWORD)
    page.get_by_role("button", name="Log ind").click()


@pytest.mark.browser
@pytest.mark.parametrize(("username", "role", "card", "role_en"), ROLES)
def test_each_demo_role_logs_in_and_switches_language(page, axe, demo, username, role,
                                                      card, role_en):
    page.goto("/")
    expect(page.get_by_role("heading", name="Log ind")).to_be_visible()
    axe.check(page)

    log_in(page, username)
    expect(page.locator("#current-user")).to_contain_text(role)
    expect(page.get_by_role("heading", name=card)).to_be_visible()
    axe.check(page)

    page.get_by_label("Sprog").select_option("en")
    page.get_by_role("button", name="Skift sprog").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("#current-user")).to_contain_text(role_en)
    axe.check(page)

    page.get_by_label("Language").select_option("da")
    page.get_by_role("button", name="Change language").click()
    expect(page.locator("html")).to_have_attribute("lang", "da")
    expect(page.get_by_role("button", name="Log ud")).to_be_visible()

    page.get_by_role("link", name="Tilgængelighedserklæring").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tilgængelighedserklæring")
    axe.check(page)
    axe.assert_clean()


@pytest.mark.browser
def test_the_skip_link_moves_focus_to_the_content(page, demo):
    log_in(page, "assens-sagsbehandler")
    # Tab only once the dashboard has loaded; pressed during the redirect it is lost.
    expect(page.get_by_role("button", name="Log ud")).to_be_visible()
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Gå til indhold")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))
    expect(page.locator("main")).to_be_focused()
