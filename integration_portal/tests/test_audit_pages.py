"""The audit page of one person shows the newest events a page at a time (keyset):
every event exactly once, each page at the same cost."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from integration_portal import audit
from integration_portal.models import AuditAction, AuditEvent
from integration_portal.views import AUDIT_PAGE

OLDER_LINK = re.compile(r'href="(/log/person/77/\?foer=\d+)"')


def events_about_person_77(user, count):
    for n in range(count):
        audit.record(user, f"cases.person.read{n}", AuditAction.READ, person_id=77,
                     owner_municipality_id=user.municipality_id)


def shown(body):
    return [int(n) for n in re.findall(r"cases\.person\.read(\d+)<", body)]


def test_the_pages_show_every_event_once_newest_first(client, alice, dorte):
    events_about_person_77(alice, 2 * AUDIT_PAGE + 13)
    client.force_login(dorte)
    body = client.get(reverse("audit_person", args=[77])).content.decode()
    seen = shown(body)
    assert len(seen) == AUDIT_PAGE
    while (link := OLDER_LINK.search(body)) is not None:
        body = client.get(link.group(1)).content.decode()
        seen += shown(body)
    assert "Nyeste hændelser" in body
    assert seen == list(range(2 * AUDIT_PAGE + 12, -1, -1))


def test_a_bad_or_foreign_starting_point_is_refused(client, alice, charlie, dorte):
    events_about_person_77(alice, 1)
    foreign = audit.record(charlie, "cases.person.read", AuditAction.READ, person_id=77,
                           owner_municipality_id=charlie.municipality_id)
    client.force_login(dorte)
    url = reverse("audit_person", args=[77])
    assert client.get(url, {"foer": "x"}).status_code == 400
    assert client.get(url, {"foer": foreign.pk}).status_code == 404
    assert client.get(url, {"foer": "9" * 30}).status_code == 404  # beyond any id


def page_queries(client, url, **params):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_the_first_and_a_later_page_cost_a_fixed_number_of_queries(client, alice, dorte):
    client.force_login(dorte)
    url = reverse("audit_person", args=[77])
    events_about_person_77(alice, 2)
    newest = AuditEvent.objects.filter(person_id=77).order_by("-created_at", "-id").first()
    few = (page_queries(client, url), page_queries(client, url, foer=newest.pk))
    events_about_person_77(alice, 3 * AUDIT_PAGE)
    newest = AuditEvent.objects.filter(person_id=77).order_by("-created_at", "-id").first()
    many = (page_queries(client, url), page_queries(client, url, foer=newest.pk))
    # session, user, permissions (4; no session write within a minute) + 2 (header) +
    # the page of events (with municipality) = 7; a later page adds the event it
    # starts after = 8
    assert few == many == (7, 8)


def test_a_page_reads_the_persons_newest_events_from_one_index(postgres, alice, charlie,
                                                               dorte):
    from integration_portal.views import _person_events

    with connection.cursor() as cursor:
        # 60 000 events about 3 000 persons in two municipalities, 2 000 of them
        # about person 77 (a long history is where the page's bound matters).
        cursor.execute(
            "INSERT INTO integration_portal_auditevent (created_at, actor_name, action, code,"
            " object_type, object_id, person_id, owner_municipality_id, search_terms, detail)"
            " SELECT now() - g * interval '1 minute', 'x', 'read', 'cases.person.read', '',"
            " '', CASE WHEN g %% 30 = 0 THEN 77 ELSE g %% 3000 END,"
            " CASE WHEN g %% 2 = 0 THEN %s ELSE %s END, '', ''"
            " FROM generate_series(1, 60000) g",
            [alice.municipality_id, charlie.municipality_id])
        cursor.execute("ANALYZE integration_portal_auditevent")
    events = _person_events(dorte, 77)
    plan = events[:AUDIT_PAGE + 1].explain()
    assert "audit_person_newest" in plan, plan
    assert "Sort" not in plan, plan  # read in order from the index, stopped at the page
