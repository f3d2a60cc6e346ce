"""A training administrator's day: create a session, fill it, cancel, attend, certify."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from integration_portal.testing.factories import PASSWORD, UserFactory
from training.tests.factories import PractitionerFactory

NAMES = ["Åse Ærø", "Bjørn Østergaard", "Cæcilie Møller"]


@pytest.fixture
def training_admin(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    for name in NAMES:
        PractitionerFactory(name=name)
    return UserFactory(username="trine", first_name="Trine", last_name="Thomsen",
                       municipality=None, role="uddannelsesadministrator")


def choice(name):
    return f"{name} (Assens, Sagsbehandler)"


@pytest.mark.browser
def test_a_training_administrator_runs_a_session_from_creation_to_certificate(
        page, axe, training_admin):
    page.goto("/")
    page.get_by_label("Brugernavn").fill("trine")
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.get_by_role("link", name="Efteruddannelse", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hold")
    axe.check(page)

    page.get_by_role("link", name="Opret hold").click()
    start = timezone.localdate() + timedelta(days=20)
    page.get_by_label("Modul").select_option(label="Modtagelse og tværfagligt samarbejde")
    page.get_by_label("Sted").fill("Assens Rådhus")
    page.get_by_label("By").fill("Assens")
    page.get_by_label("Region").select_option(label="Region Syddanmark")
    page.get_by_label("Antal pladser").fill("2")
    page.get_by_label("Undervisere").fill("Mette Blauenfeldt")
    page.get_by_label("Tilmeldingsfrist").fill((start - timedelta(days=5)).isoformat())
    page.get_by_label("Dag 1").fill(start.isoformat())
    page.get_by_label("Dag 2").fill((start + timedelta(days=1)).isoformat())
    axe.check(page)
    page.get_by_role("button", name="Opret hold").click()
    expect(page.get_by_text("Holdet er oprettet.")).to_be_visible()
    axe.check(page)

    for name in NAMES:
        page.get_by_label("Praktiker").select_option(label=choice(name))
        page.get_by_role("button", name="Tilmeld", exact=True).click()
    full = page.get_by_text("Holdet er fuldt: Cæcilie Møller er sat på venteliste.")
    expect(full).to_be_visible()
    expect(page.locator("#session-status")).to_have_text("Fuldt booket")
    expect(page.locator("#waiting-list")).to_contain_text("Cæcilie Møller")
    axe.check(page)

    page.get_by_role("button", name="Afmeld Åse Ærø").click()
    expect(page.get_by_text("Cæcilie Møller har fået pladsen fra ventelisten")).to_be_visible()
    expect(page.locator("#roster")).to_contain_text("Cæcilie Møller")
    expect(page.locator("#waiting-list")).to_contain_text("Ingen på venteliste.")
    axe.check(page)

    for link in page.get_by_role("link", name="Registrér fremmøde").all():
        link_text = link.inner_text()
        page.get_by_role("link", name=link_text).click()
        page.get_by_label("Cæcilie Møller er til stede").check()
        axe.check(page)
        page.get_by_role("button", name="Gem fremmøde").click()
        expect(page.get_by_text("Fremmødet er gemt.")).to_be_visible()

    expect(page.locator("#roster")).to_contain_text("Gennemført")
    axe.check(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Hent kursusbevis Cæcilie Møller").click()
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(4) == b"%PDF"

    for link in ("Praktikere", "Fremdrift"):
        page.get_by_role("link", name=link, exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(link)
        axe.check(page)
    expect(page.locator("#progress-summary")).to_contain_text("0 af 800")  # no elective yet
    totals = page.get_by_role("table", name="Gennemførte moduler i alt")
    expect(totals.get_by_role("cell").nth(1)).to_have_text("1")  # the mandatory module
    page.get_by_role("link", name="Praktikere", exact=True).click()
    page.get_by_role("link", name="Importér fra CSV").click()
    axe.check(page)
    axe.assert_clean()
