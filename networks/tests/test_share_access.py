"""A share opens exactly its parts, read-only, while it is active; nothing else."""

import datetime

from django.urls import reverse
from django.utils import timezone

from cases.models import JournalNote
from networks import services
from networks.models import CaseShare
from networks.tests.factories import make_share

READ_URLS = [
    ("cases:household_detail", "household"),
    ("cases:person_detail", "person"),
]
WRITE_URLS = [
    ("cases:household_update", "household"),
    ("cases:plan_update", "household"),
    ("cases:assign", "household"),
    ("cases:person_create", "household"),
    ("cases:party_create", "household"),
    ("cases:journal_create", "household"),
    ("cases:person_update", "person"),
    ("cases:goal_create", "person"),
    ("cases:party_update", "party"),
    ("cases:action_create", "goal"),
    ("cases:action_update", "action"),
]
ALL_PARTS = ("basic", "persons", "parties", "plan", "reception", "journal")


def status(client, family, name, target, method="get"):
    url = reverse(name, args=[family[target].pk])
    if method == "post":
        return client.post(url, {"text": "x", "organisation": "x", "category": "other",
                                 "occurred_on": "2026-01-01"}).status_code
    return client.get(url).status_code


def household_page(client, family):
    response = client.get(family["household"].get_absolute_url())
    return response.status_code, response.content.decode()


def refused_everywhere(client, family):
    urls = READ_URLS + WRITE_URLS
    return all(status(client, family, name, target) in (403, 404) for name, target in urls)


def test_without_a_share_every_household_url_is_refused(client, charlie, family):
    client.force_login(charlie)
    assert refused_everywhere(client, family)


def test_a_pending_or_declined_share_opens_nothing(client, alice, charlie, family):
    share = make_share(family["household"], by=alice, parts=ALL_PARTS, accept=False)
    client.force_login(charlie)
    assert refused_everywhere(client, family)
    services.answer_share(share=share, by=charlie, accept=False)
    assert refused_everywhere(client, family)


def test_a_basic_share_shows_basic_data_but_not_persons_journal_or_plan(
        client, alice, charlie, family):
    make_share(family["household"], by=alice, parts=["basic"])
    client.force_login(charlie)
    code, page = household_page(client, family)
    assert code == 200
    assert family["household"].case_number in page and "Østergade 1" in page
    assert "Sagen tilhører Assens Kommune og er delt med jer til" in page
    for hidden in ("Amina", "Første samtale", "Bestå Prøve i Dansk 2", "Jobcenter Assens",
                   "Sprogpraktik", "140388"):
        assert hidden not in page
    assert status(client, family, "cases:person_detail", "person") == 404


def test_each_part_opens_only_itself(client, alice, charlie, family):
    make_share(family["household"], by=alice, parts=["basic", "journal"])
    client.force_login(charlie)
    _code, page = household_page(client, family)
    assert "Første samtale" in page
    assert "Amina" not in page and "Bestå Prøve i Dansk 2" not in page
    assert "Jobcenter Assens" not in page


def test_the_receiving_side_can_only_read(client, alice, charlie, family):
    make_share(family["household"], by=alice, parts=ALL_PARTS)
    client.force_login(charlie)
    _code, page = household_page(client, family)
    assert "Amina" in page and "Første samtale" in page and "Bestå Prøve i Dansk 2" in page
    assert status(client, family, "cases:person_detail", "person") == 200
    for name, target in WRITE_URLS:
        # 404 from editable_by; 403 where the role lacks the permission anyway
        assert status(client, family, name, target) in (403, 404), name
        assert status(client, family, name, target, method="post") in (403, 404), name
    assert JournalNote.all_objects.count() == 1
    for button in ("Ret husstand", "Nyt journalnotat", "Tilføj person", "Tilføj aktør",
                   "Skriv rettelse", "Tilføj handling", "Del sagen"):
        assert button not in page, button


def test_revocation_ends_access_at_once(client, alice, charlie, family):
    share = make_share(family["household"], by=alice, parts=ALL_PARTS)
    client.force_login(charlie)
    assert household_page(client, family)[0] == 200
    services.end_share(share=share, by=alice)
    assert refused_everywhere(client, family)


def test_withdrawn_consent_ends_access_at_once(client, alice, charlie, family):
    share = make_share(family["household"], by=alice, parts=ALL_PARTS)
    services.end_share(share=share, by=alice, consent_withdrawn=True)
    client.force_login(charlie)
    assert refused_everywhere(client, family)
    assert CaseShare.objects.get().get_status_display() == "Samtykke trukket tilbage"


def test_a_share_expiring_today_still_opens_and_one_from_yesterday_does_not(
        client, alice, charlie, family):
    share = make_share(family["household"], by=alice, parts=ALL_PARTS)
    today = timezone.localdate()
    CaseShare.objects.filter(pk=share.pk).update(expires_on=today)
    client.force_login(charlie)
    assert household_page(client, family)[0] == 200
    assert status(client, family, "cases:person_detail", "person") == 200
    # No nightly job: the next request checks the date again.
    yesterday = today - datetime.timedelta(days=1)
    CaseShare.objects.filter(pk=share.pk).update(starts_on=yesterday, expires_on=yesterday)
    assert refused_everywhere(client, family)


def test_a_share_to_one_municipality_opens_nothing_to_another(client, alice, family):
    from integration_portal.testing.factories import UserFactory, municipality

    make_share(family["household"], by=alice, to="461", parts=ALL_PARTS)
    aarhus = UserFactory(username="aage", municipality=municipality("751"),
                         role="sagsbehandler")
    client.force_login(aarhus)
    assert refused_everywhere(client, family)


def test_the_case_list_shows_a_shared_case_without_its_persons(client, alice, charlie,
                                                               family):
    make_share(family["household"], by=alice, parts=["basic"])
    client.force_login(charlie)
    page = client.get(reverse("cases:case_list")).content.decode()
    assert family["household"].case_number in page and "Amina" not in page
    found = client.get(reverse("cases:case_list"), {"q": "Amina"}).content.decode()
    assert family["household"].case_number not in found
    export = client.get(reverse("cases:case_export")).getvalue().decode()
    assert "Amina" not in export


def test_the_receivers_statistics_do_not_count_shared_cases(alice, charlie, family):
    from cases.selectors import self_support_by_ground

    make_share(family["household"], by=alice, parts=ALL_PARTS)
    assert self_support_by_ground(charlie) == []
    assert [row["adults"] for row in self_support_by_ground(alice)] == [1]
