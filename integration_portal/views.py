from ipaddress import ip_address

from django.contrib.auth.decorators import login_not_required, permission_required
from django.db.models import Q
from django.http import HttpResponseBadRequest, HttpResponseNotFound, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from integration_portal import audit, health
from integration_portal.access import get_visible_or_404, own_q
from integration_portal.csvexport import streamed_csv
from integration_portal.dashboard import cards_for
from integration_portal.models import AuditAction, AuditEvent, User

AUDIT_PAGE = 100


def dashboard(request):
    return render(request, "dashboard.html", {"cards": cards_for(request)})


@login_not_required
def accessibility_statement(request):
    return render(request, "accessibility.html")


@login_not_required
@never_cache
@require_safe
def healthz(request):
    """Liveness: 200 while the process runs and the database answers, else 503.

    The broker is not asked: an outage that only delays PDFs and mail must not take
    the web tier out of a load balancer.
    """
    database_ok = health.database_ok()
    body = {"database": "ok" if database_ok else "unavailable"}
    return JsonResponse(body, status=200 if database_ok else 503)


@login_not_required
@never_cache
@require_safe
def readyz(request):
    """Readiness and status: 503 only without a database; a broker or worker outage is
    reported as "degraded" with 200, since the portal still serves every page.

    Only for callers on this machine (monitoring, ``docker compose exec``): it costs a
    broker round trip and a second of worker ping, and names the queue's state, so a
    request through the proxy gets 404.
    """
    if not ip_address(request.META.get("REMOTE_ADDR", "0.0.0.0")).is_loopback:
        return HttpResponseNotFound()
    report = health.readiness_report()
    return JsonResponse(report, status=503 if report["status"] == "unavailable" else 200)


@permission_required("integration_portal.view_user", raise_exception=True)
def staff_list(request):
    staff = (
        User.objects.filter(own_q(request.user, "municipality"), is_active=True)
        .prefetch_related("groups")
        .order_by("first_name", "last_name")
    )
    return render(request, "staff/list.html", {"staff": staff})


@permission_required("integration_portal.view_user", raise_exception=True)
def staff_detail(request, pk):
    queryset = User.objects.filter(own_q(request.user, "municipality")).prefetch_related("groups")
    member = get_visible_or_404(User, request.user, queryset=queryset, pk=pk)
    return render(request, "staff/detail.html", {"member": member})


def _person_events(user, person_id):
    """The events about one person in data the user's municipality owns."""
    return (
        AuditEvent.objects.filter(
            person_id=person_id, owner_municipality_id=user.municipality_id
        )
        .select_related("municipality")
        .order_by("-created_at", "-id")
    )


@permission_required("integration_portal.view_auditevent", raise_exception=True)
def audit_lookup(request):
    try:
        person_id = int(request.GET.get("person", ""))
    except ValueError:
        return HttpResponseBadRequest(_("Angiv et person-id som et tal."))
    return redirect("audit_person", person_id=person_id)


def _older_than(events, before):
    """Keyset on (created_at, id): the events after ``before`` in the list's order."""
    start = get_object_or_404(events, pk=before)
    return events.filter(Q(created_at__lt=start.created_at)
                         | Q(created_at=start.created_at, id__lt=start.pk))


@permission_required("integration_portal.view_auditevent", raise_exception=True)
def audit_person(request, person_id):
    """The newest events first, a page at a time: a page starts after the event in
    ``foer``, so deep pages cost what the first costs and never repeat a row."""
    events = _person_events(request.user, person_id)
    before = request.GET.get("foer", "")
    if before and not before.isdigit():
        return HttpResponseBadRequest(_("Angiv hvilken hændelse, der skal vises ældre end."))
    if before:
        events = _older_than(events, int(before))
    rows = list(events[:AUDIT_PAGE + 1])
    return render(request, "audit/person.html", {
        "events": rows[:AUDIT_PAGE], "older": len(rows) > AUDIT_PAGE,
        "first_page": not before, "person_id": person_id,
    })


@permission_required("integration_portal.view_auditevent", raise_exception=True)
def audit_person_csv(request, person_id):
    events = _person_events(request.user, person_id)
    audit.record(
        request.user, "audit.person.exported", AuditAction.EXPORT,
        person_id=person_id, owner_municipality_id=request.user.municipality_id,
        request=request,
    )
    header = [_("Tidspunkt"), _("Bruger"), _("Kommune"), _("Handling"), _("Hændelse"),
              _("Objekttype"), _("Objekt-id"), _("IP-adresse")]
    rows = ([event.created_at.isoformat(), event.actor_name,
             event.municipality.name if event.municipality else "",
             event.get_action_display(), event.code, event.object_type, event.object_id,
             event.ip_address or ""] for event in events.iterator(chunk_size=2000))
    return streamed_csv(header, rows, filename=f"logning-person-{person_id}.csv")
