"""The other networks pages in a real browser, each under axe-core: transfers,
networks with a meeting, the catalogue, and reads from other municipalities."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from networks import services
from networks.models import Meeting
from networks.tests.factories import SolutionFactory, make_family
from networks.tests.test_browser_sharing import log_in, log_out


@pytest.mark.browser
def test_transfer_network_and_catalogue_pages_pass_axe(page, axe, transactional_db, alice,
                                                       bob, dorte, olga, charlie):
    family = make_family(alice)
    case = family["household"].case_number
    network = services.create_network(by=bob, name="Integrationsnetværk Fyn", region="1083")
    Meeting.objects.create(network=network, held_on=timezone.localdate(), place="Odense",
                           agenda="1. Velkomst", minutes="Godt møde")
    SolutionFactory(title="Skoleboost for flygtningebørn",
                    description="Forberedende skoleforståelse for flygtningefamilie.")

    log_in(page, "alice")
    page.goto(family["household"].get_absolute_url())
    page.get_by_role("link", name="Foreslå overdragelse").click()
    axe.check(page)
    page.get_by_label("Tilflytningskommune").select_option(label="Odense Kommune")
    page.get_by_label("Flyttedato").fill(
        (timezone.localdate() + datetime.timedelta(days=5)).isoformat())
    page.get_by_role("button", name="Foreslå overdragelse").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Overdragelser ved flytning")
    axe.check(page)
    page.get_by_role("link", name="Løsningskatalog").first.click()
    page.get_by_label("Søg", exact=True).fill("flygtningefamilier")
    page.get_by_role("button", name="Søg").click()
    expect(page.locator("#result-count")).to_have_text("1 løsning")
    axe.check(page)
    page.get_by_role("link", name="Skoleboost for flygtningebørn").click()
    axe.check(page)
    page.goto("/samarbejde/netvaerk/")
    axe.check(page)
    page.get_by_role("link", name="Integrationsnetværk Fyn").click()
    page.get_by_role("button", name="Bliv medlem").click()
    page.get_by_role("textbox", name="Indlæg").fill("Hvem har erfaring med sprogmakkere?")
    page.get_by_role("button", name="Send indlæg").click()
    expect(page.get_by_text("Hvem har erfaring med sprogmakkere?")).to_be_visible()
    axe.check(page)
    page.get_by_role("link", name="Medlemsliste").click()
    axe.check(page)
    log_out(page)

    log_in(page, "olga")
    page.goto("/samarbejde/overdragelser/")
    page.get_by_role("link", name=f"Besvar {case}").click()
    axe.check(page)
    page.get_by_label("Ny tovholder").select_option(label="Charlotte Christensen")
    page.get_by_role("button", name="Overtag sagen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(case)
    expect(page.get_by_role("cell", name="Sagen er overtaget fra Assens Kommune")).to_be_visible()
    axe.check(page)
    log_out(page)

    log_in(page, "dorte")
    page.goto("/samarbejde/opslag/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Opslag fra andre kommuner")
    axe.check(page)
    axe.assert_clean()
