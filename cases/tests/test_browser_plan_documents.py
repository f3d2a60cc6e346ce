"""The tovholder makes the plan PDF from the household page and a team lead prints every
plan at once; axe-core on every page. (Celery runs in-process here.)"""

import pytest
from playwright.sync_api import expect

from cases.tests.test_browser_coordination import log_in
from cases.tests.test_plan_documents import make_plan_family


@pytest.mark.browser
def test_the_tovholder_makes_the_pdf_and_the_team_lead_prints_all(page, axe, transactional_db,
                                                                  alice, bob):
    household = make_plan_family(alice)
    log_in(page, "alice")
    page.goto(household.get_absolute_url())
    expect(page.get_by_role("heading", name="Udskrevet integrationsplan")).to_be_visible()
    expect(page.get_by_text("Der er ikke lavet nogen PDF af planen endnu.")).to_be_visible()
    axe.check(page)
    page.get_by_label("Sprog i PDF'en").select_option("da")
    page.get_by_role("button", name="Lav PDF").click()
    expect(page.get_by_role("link", name="Hent PDF")).to_be_visible()
    axe.check(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Hent PDF").click()
    assert download.value.suggested_filename.endswith(".pdf")
    page.get_by_role("button", name="Log ud").click()

    log_in(page, "bob")
    page.get_by_role("link", name="Udskriv planer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Udskriv alle planer")
    axe.check(page)
    page.get_by_role("button", name="Lav PDF af alle planer").click()
    expect(page.get_by_text("1 af 1 klar")).to_be_visible()
    axe.check(page)
    axe.assert_clean()
