"""The households a share or transfer opens are looked up first, once per request,
and never kept beyond it: a revoked or expired share stops at the next query outside
a request and at the next request inside one."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cases.models import Household, JournalNote, Person
from integration_portal.access import ScopeMissing, grant_cache, granted_households
from networks import services
from networks.models import CaseShare
from networks.tests.factories import make_share


def grant_lookups(queries):
    return [q for q in queries.captured_queries if "networks_caseshare" in q["sql"]]


def test_a_shared_household_is_scoped_by_its_id_on_the_household_row(alice, charlie,
                                                                     family):
    make_share(family["household"], by=alice, parts=["basic", "journal"])
    household_sql = str(Household.objects.visible_to(charlie).query)
    assert "networks_" not in household_sql and household_sql.count("SELECT") == 1
    assert f'"municipality_id" = {charlie.municipality_id} OR' in household_sql
    assert f'"id" IN ({family["household"].pk})' in household_sql
    # A note is matched by its household column to the same households, with no OR
    # across tables and no share or transfer table in the query.
    note_sql = str(JournalNote.objects.visible_to(charlie).query)
    assert "networks_" not in note_sql and ' OR U0."id" IN (' in note_sql
    assert list(Household.objects.visible_to(charlie)) == [family["household"]]
    assert list(JournalNote.objects.visible_to(charlie)) == list(
        JournalNote.all_objects.filter(household=family["household"]))
    assert not Person.objects.visible_to(charlie).exists()  # persons are not shared


def test_without_grants_the_scope_is_the_municipality_alone(alice):
    sql = str(Household.objects.visible_to(alice).query)
    assert sql.count("SELECT") == 1 and " IN (" not in sql
    assert f'"municipality_id" = {alice.municipality_id}' in sql


def test_a_request_looks_the_grants_up_once(alice, charlie, family):
    make_share(family["household"], by=alice, parts=["basic", "persons", "journal"])
    with CaptureQueriesContext(connection) as queries, grant_cache():
        for model in (Household, Person, JournalNote, Household):
            assert model.objects.visible_to(charlie).exists()
    assert len(grant_lookups(queries)) == 1


def test_outside_a_request_nothing_is_kept_on_the_reused_user(alice, charlie, family):
    share = make_share(family["household"], by=alice, parts=["basic"])
    assert Household.objects.visible_to(charlie).exists()
    services.end_share(share=share, by=alice)
    assert not Household.objects.visible_to(charlie).exists()
    assert granted_households(charlie, "basic") == []


def test_an_expired_share_stops_at_the_next_request(alice, charlie, family):
    share = make_share(family["household"], by=alice, parts=["basic"])
    with grant_cache():
        assert Household.objects.visible_to(charlie).exists()
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    CaseShare.objects.filter(pk=share.pk).update(starts_on=yesterday, expires_on=yesterday)
    with grant_cache():
        assert not Household.objects.visible_to(charlie).exists()


def test_a_share_ended_during_a_request_ends_access_within_it(alice, charlie, family):
    share = make_share(family["household"], by=alice, parts=["basic"])
    with grant_cache():
        assert Household.objects.visible_to(charlie).exists()
        services.end_share(share=share, by=alice)
        assert not Household.objects.visible_to(charlie).exists()


def test_a_transfer_opens_every_part_to_the_sender(alice, family, olga):
    household = family["household"]
    transfer = services.propose_transfer(
        household=household, to_municipality=olga.municipality, by=alice,
        moving_on=timezone.localdate(),
        sender_access_until=timezone.localdate() + datetime.timedelta(days=30))
    services.accept_transfer(transfer=transfer, by=olga, coordinator=olga)
    for part in ("basic", "persons", "journal", "reception"):
        assert granted_households(alice, part) == [household.pk]
    assert Person.objects.visible_to(alice).filter(household=household).exists()
    assert not Household.objects.editable_by(alice).filter(pk=household.pk).exists()


def test_a_query_naming_no_user_still_raises_and_an_unknown_part_is_refused(charlie):
    with pytest.raises(ScopeMissing):
        Household.objects.filter(pk=1).exists()
    with pytest.raises(ValueError):
        Household.objects.visible_to(charlie, part="everything")
