"""The tovholder makes the plan PDF from the household page and a team lead prints every
plan at once; axe-core on every page. (Celery runs in-process here.)"""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from cases.documents import services
from cases.tasks import render_plan_document
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


@pytest.mark.browser
def test_the_status_panel_polls_until_the_pdf_fails_and_then_stops(page, transactional_db,
                                                                    alice, monkeypatch):
    monkeypatch.setattr(render_plan_document, "delay", lambda document_id: None)  # no worker
    household = make_plan_family(alice)
    document, _queued = services.request_plan_document(household=household, by=alice)
    status_url = reverse("cases:plan_document_status", args=[household.pk])
    log_in(page, "alice")
    page.goto(household.get_absolute_url())
    panel = page.locator("#plan-document-versions")
    expect(panel.get_by_text("I kø")).to_be_visible()
    expect(panel).to_have_attribute("data-hx-trigger", "every 2s")
    with page.expect_request(lambda request: request.url.endswith(status_url)):
        pass  # it polls
    services.fail_plan_document(document_id=document.pk, message=services.RENDER_FAILED)
    # The next poll brings the failure, and the table that replaces the polling one
    # asks for nothing more.
    expect(panel.get_by_text("Fejlede")).to_be_visible()
    expect(panel).not_to_have_attribute("data-hx-trigger", "every 2s")
    assert page.locator("[data-hx-trigger]").count() == 0
