"""Writing the append-only audit log. Call it in the same transaction as the change."""

from django.conf import settings

from integration_portal.access import owner_municipality_id as owner_of
from integration_portal.cpr import mask_in_text
from integration_portal.models import AuditAction, AuditEvent


def client_ip(request):
    if request is None:
        return None
    # Behind a proxy, REMOTE_ADDR is the proxy; the proxy's header is trusted only
    # when the deployment says so (SECURE_PROXY_SSL_HEADER means one is in front).
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if forwarded and getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR") or None


def _event(user, code, action, *, target=None, person_id=None, owner_municipality_id=None,
           request=None, search_terms="", detail=""):
    if target is not None:
        if owner_municipality_id is None:
            owner_municipality_id = owner_of(target)
        if person_id is None:
            person_id = getattr(target, "audit_person_id", None)
    actor = user if user is not None and user.is_authenticated else None
    return AuditEvent(
        actor=actor,
        actor_name=actor.get_username() if actor else "",
        action=AuditAction(action),
        code=code,
        object_type=target._meta.label_lower if target is not None else "",
        object_id=str(target.pk) if target is not None else "",
        person_id=person_id,
        municipality_id=getattr(actor, "municipality_id", None),
        owner_municipality_id=owner_municipality_id,
        ip_address=client_ip(request),
        search_terms=mask_in_text(search_terms)[:500],
        detail=mask_in_text(detail)[:500],
    )


def record(user, code, action, **fields):
    """Write one AuditEvent.

    ``target`` is the object read or changed; the owning municipality and the
    person concerned are taken from it unless given
    (``access.owner_municipality_id`` and ``audit_person_id``). CPR-shaped numbers in
    the search terms and detail are masked before they are stored.
    """
    event = _event(user, code, action, **fields)
    event.save()
    return event


def record_each(user, code, action, targets, *, request=None):
    """One event per target, written in a single INSERT (e.g. rows of a list)."""
    return AuditEvent.objects.bulk_create(
        [_event(user, code, action, target=target, request=request) for target in targets]
    )
