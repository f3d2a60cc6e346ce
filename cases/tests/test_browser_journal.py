"""Older journal notes: with JavaScript they load in place (htmx), without it the same
link opens a page of its own. axe-core on each page."""

import pytest
from playwright.sync_api import expect

from cases import services
from cases.selectors import JOURNAL_PAGE
from cases.tests.factories import make_household
from cases.tests.test_browser_coordination import log_in


def household_with_notes(alice, count):
    household = make_household(coordinator=alice)
    for n in range(count):
        services.add_journal_note(household=household, author=alice, text=f"Notat nr. {n}",
                                  category="meeting")
    return household


@pytest.mark.browser
def test_older_notes_load_in_place_with_javascript(page, axe, transactional_db, alice):
    household = household_with_notes(alice, JOURNAL_PAGE + 3)
    log_in(page, "alice")
    page.goto(household.get_absolute_url())
    expect(page.get_by_text("Notat nr. 3", exact=True)).to_be_visible()
    expect(page.get_by_text("Notat nr. 2", exact=True)).to_have_count(0)
    axe.check(page)
    page.get_by_role("link", name="Vis ældre notater").click()
    expect(page.get_by_text("Notat nr. 0", exact=True)).to_be_visible()
    assert page.url.endswith(household.get_absolute_url())  # the same page, grown
    expect(page.get_by_role("link", name="Vis ældre notater")).to_have_count(0)
    expect(page.locator("article")).to_have_count(JOURNAL_PAGE + 3)
    expect(page.locator("article").nth(JOURNAL_PAGE)).to_be_focused()  # not lost
    axe.check(page)


@pytest.mark.browser
def test_older_notes_open_a_page_of_their_own_without_javascript(chromium, live_server, axe,
                                                                 transactional_db, alice):
    household = household_with_notes(alice, JOURNAL_PAGE + 3)
    context = chromium.new_context(base_url=live_server.url, locale="da-DK",
                                   java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(15000)
    try:
        log_in(page, "alice")
        page.goto(household.get_absolute_url())
        page.get_by_role("link", name="Vis ældre notater").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(
            f"Journal for {household.case_number}")
        expect(page.locator("article")).to_have_count(3)
        page.get_by_role("link", name="Tilbage til husstanden og de nyeste notater").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text(household.case_number)
    finally:
        context.close()
    with_script = chromium.new_context(base_url=live_server.url, locale="da-DK")
    try:  # axe needs JavaScript; the page itself does not
        checked = with_script.new_page()
        log_in(checked, "alice")
        first = household.journal_notes.order_by("-occurred_on", "-written_at", "-id")[
            JOURNAL_PAGE - 1]
        checked.goto(f"/sager/{household.pk}/journal/?foer={first.pk}")
        expect(checked.locator("article")).to_have_count(3)
        axe.check(checked)
    finally:
        with_script.close()
