"""Reading a person and searching are audited; a CPR number is shown whole only on
the person page, never in a list, export, log line or audit search terms."""

import io
import logging

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.tests.conftest import CPR
from integration_portal.cpr import MaskCprLogFilter
from integration_portal.models import AuditAction, AuditEvent

MASKED = "140388-xxxx"


def test_the_person_page_shows_the_whole_cpr_and_writes_a_read_event(client, alice, family):
    client.force_login(alice)
    person = family["person"]
    body = client.get(reverse("cases:person_detail", args=[person.pk])).content.decode()
    assert CPR in body
    event = AuditEvent.objects.get(code="cases.person.read")
    assert event.action == AuditAction.READ and event.person_id == person.pk
    assert event.actor == alice and event.owner_municipality_id == alice.municipality_id


@pytest.mark.parametrize("name", ["cases:case_list", "cases:my_families", "dashboard"])
def test_lists_show_the_cpr_masked(client, alice, family, name):
    client.force_login(alice)
    body = client.get(reverse(name)).content.decode()
    assert CPR not in body
    if name == "cases:case_list":
        assert MASKED in body


def test_the_household_page_shows_the_cpr_masked(client, alice, family):
    client.force_login(alice)
    body = client.get(family["household"].get_absolute_url()).content.decode()
    assert CPR not in body and MASKED in body


def test_a_cpr_search_finds_the_household_and_audits_the_terms_masked(client, alice, family):
    client.force_login(alice)
    for query in (CPR, "1403881234", "140388 1234"):
        body = client.get(reverse("cases:case_list"), {"q": query}).content.decode()
        main = body[body.index("<main"):body.index("</main>")]
        assert family["household"].case_number in main
        assert query not in main and MASKED in main  # results, search box, links
        assert "1234" not in body.replace("0420", "")  # nor the footer's language form
    events = AuditEvent.objects.filter(code="cases.household.searched")
    assert [e.search_terms for e in events] == [MASKED, "1403881234"[:6] + "-xxxx", MASKED]
    assert all(e.action == AuditAction.SEARCH for e in events)
    assert not AuditEvent.objects.filter(search_terms__contains="1234").exists()
    assert not AuditEvent.objects.filter(detail__contains="1234").exists()


def test_a_name_search_finds_by_name_and_case_number_and_is_audited(client, alice, family,
                                                                     charlie):
    client.force_login(alice)
    household = family["household"]
    assert household.case_number in client.get(
        reverse("cases:case_list"), {"q": "amina"}).content.decode()
    assert household.case_number in client.get(
        reverse("cases:case_list"), {"q": household.case_number[-5:]}).content.decode()
    assert household.case_number not in client.get(
        reverse("cases:case_list"), {"q": "Ingen Findes"}).content.decode()
    terms = list(AuditEvent.objects.filter(code="cases.household.searched")
                 .values_list("search_terms", flat=True))
    assert sorted(terms) == sorted(["amina", household.case_number[-5:], "Ingen Findes"])


def test_the_csv_export_has_no_cpr_and_writes_an_export_event(client, alice, family):
    client.force_login(alice)
    response = client.get(reverse("cases:case_export"), {"status": "active"})
    body = response.getvalue().decode()
    assert response["Content-Type"].startswith("text/csv")
    assert family["household"].case_number in body and "Amina Haddad" in body
    assert CPR not in body and "1234" not in body
    event = AuditEvent.objects.get(code="cases.household.exported")
    assert event.action == AuditAction.EXPORT and event.actor == alice
    assert event.search_terms == "status=active"


@pytest.mark.parametrize("query", [CPR, "140388 1234", "1403881234"])
def test_an_export_of_a_cpr_search_audits_the_terms_masked(client, alice, family, query):
    client.force_login(alice)
    assert client.get(reverse("cases:case_export"), {"q": query}).status_code == 200
    event = AuditEvent.objects.get(code="cases.household.exported")
    assert event.search_terms == f"q={MASKED}"


def test_the_export_quotes_what_a_spreadsheet_would_run(client, alice, family):
    person = family["person"]
    type(person).all_objects.filter(pk=person.pk).update(first_name="=HYPERLINK(1)")
    client.force_login(alice)
    body = client.get(reverse("cases:case_export")).getvalue().decode()
    assert "'=HYPERLINK(1) Haddad" in body


@pytest.fixture
def console_log():
    """What the portal's own console handler (with its CPR filter) writes."""
    handler = next(h for h in logging.getLogger().handlers
                   if any(isinstance(f, MaskCprLogFilter) for f in h.filters))
    stream = io.StringIO()
    old_stream = handler.setStream(stream)
    loggers = [logging.getLogger(), logging.getLogger("django.db.backends")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.DEBUG)
    yield stream
    for logger, level in zip(loggers, levels, strict=True):
        logger.setLevel(level)
    handler.setStream(old_stream)


def test_no_log_line_holds_a_cpr_in_clear(client, alice, family, console_log):
    client.force_login(alice)
    with CaptureQueriesContext(connection):  # SQL with its parameters is logged too
        client.get(reverse("cases:case_list"), {"q": CPR})
        client.get(reverse("cases:person_detail", args=[family["person"].pk]))
        client.get(reverse("cases:person_detail", args=[10**9]), {"q": CPR})
    written = console_log.getvalue()
    assert MASKED in written  # the search was logged, masked
    assert CPR not in written and "1403881234" not in written
