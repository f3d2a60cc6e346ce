"""The household page shows the newest journal notes; older ones come a page at a
time through a link that works without JavaScript, never repeating or skipping."""

import datetime
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases import services
from cases.models import JournalNote
from cases.selectors import JOURNAL_PAGE
from cases.tests.factories import make_household
from integration_portal.models import AuditEvent

OLDER_LINK = re.compile(r'href="(/sager/\d+/journal/\?foer=\d+)"')


def write_notes(household, author, count, *, days_apart=True):
    today = timezone.localdate()
    for n in range(count):
        occurred = today - datetime.timedelta(days=n // 3) if days_apart else today
        services.add_journal_note(household=household, author=author, text=f"Notat nr. {n}",
                                  category="meeting", occurred_on=occurred)


def shown_notes(body):
    return [int(number) for number in re.findall(r"Notat nr\. (\d+)", body)]


def test_the_household_page_shows_the_newest_notes_and_a_link_to_older(client, alice):
    household = make_household(coordinator=alice)
    write_notes(household, alice, JOURNAL_PAGE + 5)
    client.force_login(alice)
    body = client.get(household.get_absolute_url()).content.decode()
    assert len(shown_notes(body)) == JOURNAL_PAGE
    assert "Vis ældre notater" in body
    assert OLDER_LINK.search(body)


def test_the_older_link_walks_every_note_once_without_javascript(client, alice):
    household = make_household(coordinator=alice)
    # Ties on the date, and on nothing else, must neither repeat nor skip a note.
    write_notes(household, alice, 2 * JOURNAL_PAGE + 7, days_apart=False)
    client.force_login(alice)
    body = client.get(household.get_absolute_url()).content.decode()
    seen = shown_notes(body)
    while (link := OLDER_LINK.search(body)) is not None:
        response = client.get(link.group(1).replace("&amp;", "&"))
        assert response.status_code == 200
        body = response.content.decode()
        assert "<html" in body  # a whole page, no script needed
        seen += shown_notes(body)
    expected = list(JournalNote.all_objects.filter(household=household)
                    .order_by("-occurred_on", "-written_at", "-id")
                    .values_list("text", flat=True))
    assert [f"Notat nr. {n}" for n in seen] == expected
    assert len(seen) == len(set(seen)) == 2 * JOURNAL_PAGE + 7


def test_htmx_gets_only_the_next_notes_and_the_next_link(client, alice):
    household = make_household(coordinator=alice)
    write_notes(household, alice, JOURNAL_PAGE + 3)
    client.force_login(alice)
    link = OLDER_LINK.search(client.get(household.get_absolute_url()).content.decode())
    response = client.get(link.group(1), headers={"HX-Request": "true"})
    body = response.content.decode()
    assert "<html" not in body and len(shown_notes(body)) == 3
    assert "Vis ældre notater" not in body
    assert AuditEvent.objects.filter(code="cases.journal.read").count() == 1


def test_the_older_notes_page_answers_bad_input_and_other_households(client, alice, charlie):
    household = make_household(coordinator=alice)
    other = make_household(coordinator=alice)
    write_notes(other, alice, 2)
    note = JournalNote.all_objects.filter(household=other).first()
    url = reverse("cases:journal_list", args=[household.pk])
    client.force_login(alice)
    assert client.get(url).status_code == 400
    assert client.get(url, {"foer": "abc"}).status_code == 400
    assert client.get(url, {"foer": note.pk}).status_code == 404  # not this household's
    assert client.get(url, {"foer": "9" * 30}).status_code == 404  # beyond any id
    client.force_login(charlie)
    other_url = reverse("cases:journal_list", args=[other.pk])
    assert client.get(other_url, {"foer": note.pk}).status_code == 404


def older_page_queries(client, household):
    first = JournalNote.all_objects.filter(household=household).order_by(
        "-occurred_on", "-written_at", "-id").first()
    url = reverse("cases:journal_list", args=[household.pk])
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, {"foer": first.pk})
    assert response.status_code == 200
    return len(context.captured_queries)


def test_the_older_notes_page_costs_a_fixed_number_of_queries(client, alice):
    client.force_login(alice)
    household = make_household(coordinator=alice)
    write_notes(household, alice, 2)
    few = older_page_queries(client, household)
    write_notes(household, alice, 3 * JOURNAL_PAGE)
    many = older_page_queries(client, household)
    # 4 (no session write within a minute) + 2 (header) + grants + the household (with
    # coordinator and municipality), the note to start from, the audit event, the page
    # of notes (with author, person and the corrected note)
    assert (few, many) == (11, 11)


def household_page_queries(client, household):
    with CaptureQueriesContext(connection) as context:
        response = client.get(household.get_absolute_url())
    assert response.status_code == 200
    return len(context.captured_queries), response.content.decode()


def test_the_household_page_costs_the_same_with_1_and_100_notes(client, alice):
    client.force_login(alice)
    household = make_household(coordinator=alice)
    write_notes(household, alice, 1)
    few, _body = household_page_queries(client, household)
    write_notes(household, alice, 99)
    many, body = household_page_queries(client, household)
    # 4 + 2 + grants + the household, the audit event, persons, parties, goals (none, so no
    # query for their actions or the parties' persons), the newest journal notes (a
    # page and one more, to know whether older ones exist), the assignment history,
    # printed plans, the reception panel (3) = 18
    assert (few, many) == (18, 18)
    assert len(shown_notes(body)) == JOURNAL_PAGE
