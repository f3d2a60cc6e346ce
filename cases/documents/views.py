"""Lav PDF, its status, the download, and printing all plans at once."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET

from cases import selectors
from cases.documents import services
from cases.documents.forms import PlanBatchForm, PlanDocumentForm, adults_of
from cases.documents.selectors import latest_batch, unsent_count, versions
from cases.models import DocumentStatus, PlanDocument
from integration_portal import audit
from integration_portal.access import get_visible_or_404
from integration_portal.models import AuditAction
from integration_portal.sessions import does_not_extend_session

PANEL_ANCHOR = "#panel-plan-documents"
BROKER_AWAY = _lazy("PDF'en er bestilt, men jobkøen svarer ikke lige nu. Den bliver "
                    "sendt i kø automatisk, når køen svarer igen; du behøver ikke bestille "
                    "den igen.")
BROKER_AWAY_BATCH = _lazy("Jobkøen svarer ikke lige nu. Planerne bliver sendt i kø "
                          "automatisk, når køen svarer igen; du behøver ikke bestille dem "
                          "igen.")


def _tell_requested(request, document, queued):
    if document.waits_for_broker:
        messages.warning(request, BROKER_AWAY)
    elif queued:
        messages.success(request, _("PDF'en er bestilt og laves nu."))
    else:
        messages.success(request, _("Planen er ikke ændret siden sidste PDF; den findes "
                                    "allerede nedenfor."))


@permission_required("cases.add_plandocument", raise_exception=True)
def request_document(request, pk):
    household = selectors.editable_household(request.user, pk)
    form = PlanDocumentForm(request.POST or None, adults=adults_of(request.user, household))
    if request.method == "POST" and form.is_valid():
        try:
            document, queued = services.request_plan_document(
                household=household, by=request.user, request=request, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error("person", exc)
        else:
            _tell_requested(request, document, queued)
            return redirect(household.get_absolute_url() + PANEL_ANCHOR)
    return render(request, "cases/form.html", {
        "form": form, "title": _("Lav PDF af integrationsplanen"), "household": household,
        "back": household.get_absolute_url() + PANEL_ANCHOR,
    })


@does_not_extend_session
@require_GET
@permission_required("cases.view_plandocument", raise_exception=True)
def document_status(request, pk):
    """The versions table alone, which the household page polls while a PDF is made."""
    household = selectors.household_for(request.user, pk)
    return render(request, "cases/documents/versions.html", {
        "household": household, "plan": versions(request.user, household),
    })


@require_GET
@permission_required("cases.view_plandocument", raise_exception=True)
def download(request, pk):
    document = get_visible_or_404(
        PlanDocument, request.user, pk=pk, status=DocumentStatus.READY,
        queryset=PlanDocument.objects.visible_to(request.user, part="plan")
        .select_related("household"),
    )
    audit.record(request.user, "cases.plan_document.downloaded", AuditAction.DOWNLOAD,
                 target=document, request=request)
    name = f"integrationsplan-{document.household.case_number}-{document.pk}.pdf"
    response = FileResponse(document.file.open("rb"), as_attachment=True, filename=name,
                            content_type="application/pdf")
    response["Cache-Control"] = "private, no-store"
    return response


@permission_required("cases.add_plandocument", raise_exception=True)
def batch(request):
    form = PlanBatchForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = services.request_all_plans(by=request.user, request=request,
                                          **form.cleaned_data)
        messages.success(request, _("%(count)s planer er bestilt.")
                         % {"count": done.documents.count()})
        if unsent_count(done):
            messages.warning(request, BROKER_AWAY_BATCH)
        return redirect("cases:plan_batch")
    return render(request, "cases/documents/batch.html", {
        "form": form, "household_count": services.batch_households(request.user).count(),
        "batch": latest_batch(request.user),
    })


@does_not_extend_session
@require_GET
@permission_required("cases.add_plandocument", raise_exception=True)
def batch_progress(request):
    return render(request, "cases/documents/batch_progress.html",
                  {"batch": latest_batch(request.user)})
