import csv

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from integration_portal import audit
from integration_portal.csvexport import spreadsheet_safe, streamed_csv
from integration_portal.models import AuditAction
from training import selectors, services
from training.forms import (
    AttendanceForm,
    EnrolForm,
    ImportForm,
    MoveForm,
    PractitionerForm,
    SessionForm,
    SessionStatusForm,
)
from training.importing import parse_practitioners
from training.models import (
    SEATED_STATUSES,
    Certificate,
    Enrolment,
    EnrolmentStatus,
    Practitioner,
    SessionDay,
)


def _get_enrolment_or_404(user, pk):
    """One enrolment in the user's scope; 404 alike for 'not yours' and 'not there'."""
    queryset = Enrolment.objects.visible_to(user).select_related("practitioner", "session")
    return get_object_or_404(queryset, pk=pk)


def _errors(error):
    return " ".join(error.messages)


@permission_required("training.view_session", raise_exception=True)
def session_list(request):
    return render(request, "training/session_list.html",
                  {"sessions": selectors.sessions_with_figures()})


@permission_required("training.add_session", raise_exception=True)
def session_create(request):
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            session = services.create_session(
                by=request.user, module=data["module"], theme=data["theme"],
                dates=data["dates"], venue=data["venue"], city=data["city"],
                region=data["region"], capacity=data["capacity"],
                instructors=data["instructors"],
                enrolment_deadline=data["enrolment_deadline"], status=data["status"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Holdet er oprettet."))
            return redirect("training:session_detail", pk=session.pk)
    return render(request, "training/session_form.html", {"form": form})


def _split_roster(enrolments):
    seated = [e for e in enrolments if e.status in SEATED_STATUSES]
    waiting = [e for e in enrolments if e.status == EnrolmentStatus.WAITLISTED]
    cancelled = [e for e in enrolments if e.status == EnrolmentStatus.CANCELLED]
    return seated, waiting, cancelled


@permission_required("training.view_session", raise_exception=True)
def session_detail(request, pk, enrol_form=None):
    session = get_object_or_404(selectors.sessions_with_figures().prefetch_related("days"),
                                pk=pk)
    seated, waiting, cancelled = _split_roster(list(selectors.roster(session, request.user)))
    if enrol_form is None and request.user.has_perm("training.add_enrolment"):
        enrol_form = EnrolForm(user=request.user)
    status_form = None
    if request.user.has_perm("training.change_session"):
        status_form = SessionStatusForm(initial={"status": session.status})
    return render(request, "training/session_detail.html", {
        "session": session, "seated": seated, "waiting": waiting, "cancelled": cancelled,
        "enrol_form": enrol_form, "status_form": status_form,
    }, status=400 if enrol_form is not None and enrol_form.errors else 200)


@require_POST
@permission_required("training.add_enrolment", raise_exception=True)
def session_enrol(request, pk):
    session = get_object_or_404(selectors.sessions_with_figures(), pk=pk)
    form = EnrolForm(request.POST, user=request.user)
    if form.is_valid():
        practitioner = form.cleaned_data["practitioner"]
        try:
            enrolment = services.enrol(session=session, practitioner=practitioner,
                                       by=request.user)
        except ValidationError as error:
            form.add_error("practitioner", _errors(error))
        else:
            if enrolment.status == EnrolmentStatus.CONFIRMED:
                messages.success(request, _("%(name)s har fået en plads på holdet.")
                                 % {"name": practitioner.name})
            else:
                messages.info(request, _("Holdet er fuldt: %(name)s er sat på venteliste.")
                              % {"name": practitioner.name})
            return redirect("training:session_detail", pk=pk)
    return session_detail(request, pk, enrol_form=form)


@require_POST
@permission_required("training.change_session", raise_exception=True)
def session_status(request, pk):
    session = get_object_or_404(selectors.sessions_with_figures(), pk=pk)
    form = SessionStatusForm(request.POST)
    if form.is_valid():
        session = services.set_session_status(session=session, by=request.user,
                                              status=form.cleaned_data["status"])
        messages.success(request, _("Holdets status er nu »%(status)s«.")
                         % {"status": session.get_status_display()})
    else:
        messages.error(request, _("Vælg en gyldig status."))
    return redirect("training:session_detail", pk=pk)


@permission_required("training.view_enrolment", raise_exception=True)
def roster_csv(request, pk):
    session = get_object_or_404(selectors.sessions_with_figures(), pk=pk)
    enrolments = selectors.roster(session, request.user)
    audit.record(request.user, "training.roster.exported", AuditAction.EXPORT, target=session,
                 owner_municipality_id=request.user.municipality_id, request=request)
    header = [_("Navn"), _("E-mail"), _("Kommune"), _("Jobfunktion"), _("Status"),
              _("Plads på ventelisten"), _("Tilmeldt")]
    rows = ([e.practitioner.name, e.practitioner.email, e.practitioner.municipality.name,
             e.practitioner.get_job_function_display(), e.get_status_display(),
             e.waitlist_position or "", e.created_at.isoformat()] for e in enrolments)
    return streamed_csv(header, rows, filename=f"deltagerliste-hold-{session.pk}.csv")


class _SafeWriter:
    """csv.writer that keeps spreadsheets from running a cell as a formula."""

    def __init__(self, response):
        self.writer = csv.writer(response, delimiter=";")

    def writerow(self, row):
        self.writer.writerow([spreadsheet_safe(value) for value in row])


def _csv_response(filename):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # Excel reads UTF-8 with æøå correctly only with a BOM
    return response


@permission_required("training.add_attendance", raise_exception=True)
def attendance(request, pk, day_pk):
    day = get_object_or_404(SessionDay.objects.select_related("session__module"),
                            pk=day_pk, session_id=pk)
    enrolments = [e for e in selectors.roster(day.session, request.user)
                  if e.status in SEATED_STATUSES]
    form = AttendanceForm(request.POST or None, enrolments=enrolments, day=day)
    if request.method == "POST" and form.is_valid():
        for enrolment, present in form.marks():
            services.record_attendance(enrolment=enrolment, day=day, present=present,
                                       by=request.user)
        messages.success(request, _("Fremmødet er gemt."))
        return redirect("training:session_detail", pk=pk)
    return render(request, "training/attendance.html", {"form": form, "day": day,
                                                        "session": day.session})


@require_POST
@permission_required("training.add_enrolment", raise_exception=True)
def enrolment_cancel(request, pk):
    enrolment = _get_enrolment_or_404(request.user, pk)
    try:
        promoted = services.cancel_enrolment(enrolment=enrolment, by=request.user)
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        messages.success(request, _("%(name)s er afmeldt.") % {"name": enrolment.practitioner})
        if promoted:
            messages.info(request, _("%(name)s har fået pladsen fra ventelisten og får besked "
                                     "på e-mail.") % {"name": promoted.practitioner})
    return redirect("training:session_detail", pk=enrolment.session_id)


@permission_required("training.change_enrolment", raise_exception=True)
def enrolment_move(request, pk):
    enrolment = _get_enrolment_or_404(request.user, pk)
    form = MoveForm(request.POST or None, enrolment=enrolment)
    if request.method == "POST" and form.is_valid():
        try:
            moved = services.move_enrolment(enrolment=enrolment,
                                            to_session=form.cleaned_data["to_session"],
                                            by=request.user)
        except ValidationError as error:
            form.add_error("to_session", _errors(error))
        else:
            messages.success(request, _("%(name)s er flyttet.") % {"name": enrolment.practitioner})
            return redirect("training:session_detail", pk=moved.session_id)
    return render(request, "training/enrolment_move.html",
                  {"form": form, "enrolment": enrolment})


@permission_required("training.view_certificate", raise_exception=True)
def certificate_download(request, pk):
    """The certificate PDF of enrolment ``pk``, only within the user's scope; logged."""
    queryset = Certificate.objects.visible_to(request.user).select_related(
        "enrolment__practitioner")
    certificate = get_object_or_404(queryset, enrolment_id=pk)
    if not default_storage.exists(certificate.file.name):
        raise Http404
    audit.record(request.user, "training.certificate.downloaded", AuditAction.DOWNLOAD,
                 target=certificate, request=request)
    return FileResponse(default_storage.open(certificate.file.name, "rb"), as_attachment=True,
                        filename=f"kursusbevis-{pk}.pdf", content_type="application/pdf")


@permission_required("training.view_certificate", raise_exception=True)
def certificate_status(request, pk):
    """The certificate cell of one enrolment, polled by htmx while the PDF is made."""
    enrolment = get_object_or_404(
        Enrolment.objects.visible_to(request.user).select_related("practitioner", "certificate"),
        pk=pk)
    return render(request, "training/includes/certificate_link.html", {"enrolment": enrolment})


@permission_required("training.view_practitioner", raise_exception=True)
def practitioner_list(request):
    practitioners = (Practitioner.objects.visible_to(request.user)
                     .select_related("municipality").order_by("name", "pk"))
    return render(request, "training/practitioner_list.html", {"practitioners": practitioners})


@permission_required("training.view_practitioner", raise_exception=True)
def practitioner_detail(request, pk):
    practitioner = get_object_or_404(
        Practitioner.objects.visible_to(request.user).select_related("municipality"), pk=pk)
    enrolments = (practitioner.enrolments.select_related("session__module", "session__theme",
                                                         "certificate")
                  .order_by("created_at"))
    return render(request, "training/practitioner_detail.html",
                  {"practitioner": practitioner, "enrolments": enrolments})


@permission_required("training.add_practitioner", raise_exception=True)
def practitioner_create(request):
    form = PractitionerForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        practitioner = services.save_practitioner(form=form, by=request.user)
        messages.success(request, _("Praktikeren er oprettet."))
        return redirect("training:practitioner_detail", pk=practitioner.pk)
    return render(request, "training/practitioner_form.html", {"form": form})


@permission_required("training.add_practitioner", raise_exception=True)
def practitioner_import(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    rows, problems, text = [], [], ""
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["text"]
        rows, problems = parse_practitioners(text, user=request.user)
        valid = rows and not problems and not any(row.errors for row in rows)
        if valid and request.POST.get("action") == "import":
            created = services.import_practitioners(rows=rows, by=request.user)
            messages.success(request, _("%(count)s praktikere er oprettet.")
                             % {"count": len(created)})
            return redirect("training:practitioner_list")
    errors = problems + [error for row in rows for error in row.errors]
    return render(request, "training/practitioner_import.html", {
        "form": form, "rows": rows, "errors": errors, "text": text,
        "can_import": bool(rows) and not errors,
    })


@permission_required("training.view_progress", raise_exception=True)
def progress(request):
    return render(request, "training/progress.html",
                  {"progress": selectors.progress_for(request.user)})


@permission_required("training.view_progress", raise_exception=True)
def progress_csv(request):
    figures = selectors.progress_for(request.user)
    audit.record(request.user, "training.progress.exported", AuditAction.EXPORT,
                 owner_municipality_id=request.user.municipality_id, request=request)
    response = _csv_response("efteruddannelse-fremdrift.csv")
    writer = _SafeWriter(response)
    writer.writerow([_("Opdeling"), _("Gruppe"), _("Praktikere"), _("Obligatorisk modul"),
                     _("Valgmodul"), _("Begge moduler")])
    counts = ("practitioners", "mandatory", "elective", "both")
    writer.writerow([_("I alt"), "", *(figures.totals[c] for c in counts)])
    for label, rows, key in [
        (_("Region"), figures.by_region, "label"),
        (_("Kommune"), figures.by_municipality, "municipality__name"),
        (_("Jobfunktion"), figures.by_job_function, "label"),
    ]:
        for row in rows:
            writer.writerow([label, row[key], *(row[c] for c in counts)])
    for row in figures.by_theme:
        writer.writerow([_("Tema"), row["session__theme__name"], "", "", row["completed"], ""])
    writer.writerow([])
    writer.writerow([_("Hold"), _("Start"), _("Pladser"), _("Optaget"), _("Belægning %"),
                     _("Udeblevne"), _("Udeblivelse %")])
    for s in figures.sessions:
        writer.writerow([str(s), s.first_day or "", s.capacity, s.seats_taken,
                         _percent(s.seats_taken, s.capacity), s.no_shows,
                         _percent(s.no_shows, s.completed + s.no_shows)])
    for municipality in figures.untrained_municipalities:
        writer.writerow([_("Ingen uddannede"), municipality.name])
    return response


def _percent(part, whole):
    return round(100 * part / whole) if whole else ""
