import pytest
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from integration_portal import audit
from integration_portal.models import AuditAction, AuditEvent


@pytest.fixture
def event(alice):
    return audit.record(alice, "cases.person.read", AuditAction.READ, person_id=77,
                        owner_municipality_id=alice.municipality_id)


def test_an_event_cannot_be_changed_through_the_orm(event):
    event.code = "tampered"
    with pytest.raises(PermissionDenied):
        event.save()
    with pytest.raises(PermissionDenied):
        AuditEvent.objects.filter(pk=event.pk).update(code="tampered")
    assert AuditEvent.objects.get(pk=event.pk).code == "cases.person.read"


def test_an_event_cannot_be_deleted_through_the_orm(event):
    with pytest.raises(PermissionDenied):
        event.delete()
    with pytest.raises(PermissionDenied):
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_postgresql_itself_refuses_update_and_delete(event, postgres):
    for sql in ("UPDATE integration_portal_auditevent SET code = 'x' WHERE id = %s",
                "DELETE FROM integration_portal_auditevent WHERE id = %s"):
        with (pytest.raises(DatabaseError, match="append-only"), transaction.atomic(),
              connection.cursor() as cursor):
            cursor.execute(sql, [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).code == "cases.person.read"


def test_the_admin_offers_neither_change_nor_delete(admin_client, event):
    change = reverse("admin:integration_portal_auditevent_change", args=[event.pk])
    delete = reverse("admin:integration_portal_auditevent_delete", args=[event.pk])
    response = admin_client.post(change, {"code": "tampered", "action": "read"})
    assert response.status_code == 403  # view-only: a POST is refused, nothing saved
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    event.refresh_from_db()
    assert event.code == "cases.person.read"
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_cpr_numbers_in_search_terms_are_masked(alice):
    stored = audit.record(alice, "cases.search", AuditAction.SEARCH,
                          search_terms="Hassan 010190-1234 og 0203851234")
    assert stored.search_terms == "Hassan 010190-xxxx og 020385-xxxx"


def test_a_municipal_admin_lists_and_exports_who_looked_at_a_person(client, dorte, event):
    client.force_login(dorte)
    page = client.get(reverse("audit_person", args=[77]))
    assert page.status_code == 200
    assert "alice" in page.content.decode()
    export = client.get(reverse("audit_person_csv", args=[77]))
    assert export["Content-Type"].startswith("text/csv")
    assert export.streaming
    rows = export.getvalue().decode("utf-8-sig").splitlines()
    assert rows[0].startswith("Tidspunkt;Bruger")
    read_rows = [row for row in rows[1:] if "cases.person.read" in row]
    assert len(read_rows) == 1 and ";alice;" in read_rows[0]
    assert AuditEvent.objects.filter(code="audit.person.exported", actor=dorte).count() == 1


def test_another_municipalitys_admin_sees_none_of_those_events(client, erik, event):
    client.force_login(erik)
    page = client.get(reverse("audit_person", args=[77]))
    assert page.status_code == 200
    assert "alice" not in page.content.decode()


def test_a_caseworker_cannot_read_the_audit_log(client, alice, event):
    client.force_login(alice)
    assert client.get(reverse("audit_person", args=[77])).status_code == 403
