"""Every write to sessions, enrolments, attendance and certificates goes through here."""

import hashlib
import uuid

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from integration_portal import audit, mail
from integration_portal.models import AuditAction
from integration_portal.queueing import enqueue, enqueue_each
from training.models import (
    SEATED_STATUSES,
    Attendance,
    Certificate,
    Enrolment,
    EnrolmentStatus,
    ModuleKind,
    Practitioner,
    Session,
    SessionDay,
    SessionStatus,
)
from training.scope import is_national_admin

ENROLLABLE = [SessionStatus.OPEN, SessionStatus.FULL]


@transaction.atomic
def create_session(*, by, module, theme, dates, venue, city, region, capacity, instructors,
                   enrolment_deadline, status=SessionStatus.OPEN):
    """A new session with one SessionDay per date."""
    session = Session(module=module, theme=theme, venue=venue, city=city, region=region,
                      capacity=capacity, instructors=instructors,
                      enrolment_deadline=enrolment_deadline, status=status)
    session.full_clean()
    session.save()
    SessionDay.objects.bulk_create(SessionDay(session=session, date=d) for d in sorted(dates))
    audit.record(by, "training.session.created", AuditAction.CREATE, target=session)
    return session


def _lock_session(session_id):
    return Session.objects.select_for_update().get(pk=session_id)


def _seats_taken(session):
    return Enrolment.all_objects.filter(session=session, status__in=SEATED_STATUSES).count()


def _check_practitioner_in_scope(practitioner, by):
    if not Practitioner.objects.visible_to(by).filter(pk=practitioner.pk).exists():
        raise PermissionDenied


def _check_open(session, by):
    if session.status not in ENROLLABLE:
        raise ValidationError(_("Holdet er ikke åbent for tilmelding (status: %(status)s).")
                              % {"status": session.get_status_display()})
    if session.enrolment_deadline < timezone.localdate() and not is_national_admin(by):
        raise ValidationError(_("Tilmeldingsfristen for holdet er overskredet."))


def _check_prerequisite(session, practitioner):
    """The elective module needs the mandatory one completed or confirmed earlier."""
    if session.module.kind != ModuleKind.ELECTIVE:
        return
    first_day = session.days.order_by("date").values_list("date", flat=True).first()
    mandatory = Enrolment.all_objects.filter(
        practitioner=practitioner, module__programme_id=session.module.programme_id,
        module__kind=ModuleKind.MANDATORY,
    )
    if mandatory.filter(status=EnrolmentStatus.COMPLETED).exists():
        return
    confirmed = mandatory.filter(status=EnrolmentStatus.CONFIRMED).annotate(
        last_day=Max("session__days__date"))
    if first_day and confirmed.filter(last_day__lt=first_day).exists():
        return
    raise ValidationError(_(
        "%(name)s kan ikke tilmeldes valgmodulet endnu: det obligatoriske modul skal være "
        "gennemført eller bekræftet på et hold, der slutter før dette hold begynder."
    ) % {"name": practitioner.name})


def _check_not_active(session, practitioner):
    active = Enrolment.all_objects.filter(practitioner=practitioner, module=session.module,
                                          status__in=[EnrolmentStatus.CONFIRMED,
                                                      EnrolmentStatus.WAITLISTED,
                                                      EnrolmentStatus.COMPLETED])
    if active.exists():
        raise ValidationError(_("%(name)s har allerede en aktiv tilmelding til modulet "
                                "»%(module)s«.") % {"name": practitioner.name,
                                                    "module": session.module})


def _place(session, practitioner, by):
    """Confirm while seats are free, else join the waiting list at the back."""
    enrolment = Enrolment(session=session, module=session.module, practitioner=practitioner,
                          created_by=by if by and by.is_authenticated else None)
    if _seats_taken(session) < session.capacity:
        enrolment.status = EnrolmentStatus.CONFIRMED
    else:
        enrolment.status = EnrolmentStatus.WAITLISTED
        last = Enrolment.all_objects.filter(session=session).aggregate(
            last=Max("waitlist_position"))["last"]
        enrolment.waitlist_position = (last or 0) + 1
    enrolment.save()
    _refresh_full(session)
    return enrolment


def _refresh_full(session):
    full = _seats_taken(session) >= session.capacity
    if session.status == SessionStatus.OPEN and full:
        session.status = SessionStatus.FULL
    elif session.status == SessionStatus.FULL and not full:
        session.status = SessionStatus.OPEN
    else:
        return
    session.save(update_fields=["status"])


@transaction.atomic
def enrol(*, session, practitioner, by):
    """Enrol a practitioner: confirmed while seats are free, else waitlisted.

    The session row is locked, so simultaneous requests are placed one at a time
    in arrival order and never more than ``capacity`` are confirmed.
    """
    _check_practitioner_in_scope(practitioner, by)
    session = _lock_session(session.pk)
    practitioner = Practitioner.all_objects.select_for_update().get(pk=practitioner.pk)
    _check_open(session, by)
    _check_not_active(session, practitioner)
    _check_prerequisite(session, practitioner)
    enrolment = _place(session, practitioner, by)
    audit.record(by, "training.enrolment.created", AuditAction.CREATE, target=enrolment,
                 detail=enrolment.status)
    return enrolment


def _promote_first_waitlisted(session, by):
    first = (Enrolment.all_objects.select_for_update()
             .filter(session=session, status=EnrolmentStatus.WAITLISTED)
             .order_by("waitlist_position", "created_at").first())
    if first is None or _seats_taken(session) >= session.capacity:
        _refresh_full(session)
        return None
    first.status = EnrolmentStatus.CONFIRMED
    first.waitlist_position = None
    first.save(update_fields=["status", "waitlist_position"])
    _refresh_full(session)
    audit.record(by, "training.enrolment.promoted", AuditAction.CHANGE, target=first)
    _mail_promotion(first)
    return first


def _lock_enrolment(enrolment, *statuses):
    enrolment = Enrolment.all_objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.status not in statuses:
        raise ValidationError(_("Tilmeldingen kan ikke ændres, når den har status "
                                "»%(status)s«.") % {"status": enrolment.get_status_display()})
    return enrolment


@transaction.atomic
def cancel_enrolment(*, enrolment, by):
    """Cancel a seat or a waiting-list place; a freed seat goes to the first waiting."""
    _check_practitioner_in_scope(enrolment.practitioner, by)
    session = _lock_session(enrolment.session_id)
    enrolment = _lock_enrolment(enrolment, EnrolmentStatus.CONFIRMED, EnrolmentStatus.WAITLISTED)
    enrolment.status = EnrolmentStatus.CANCELLED
    enrolment.waitlist_position = None
    enrolment.save(update_fields=["status", "waitlist_position"])
    audit.record(by, "training.enrolment.cancelled", AuditAction.CHANGE, target=enrolment)
    promoted = _promote_first_waitlisted(session, by)
    return promoted


@transaction.atomic
def move_enrolment(*, enrolment, to_session, by):
    """Move a practitioner to another session of the same module; returns the new enrolment."""
    _check_practitioner_in_scope(enrolment.practitioner, by)
    if to_session.pk == enrolment.session_id:
        raise ValidationError(_("Vælg et andet hold end det nuværende."))
    first_id, second_id = sorted([enrolment.session_id, to_session.pk])
    sessions = {pk: _lock_session(pk) for pk in (first_id, second_id)}  # fixed lock order
    source, target = sessions[enrolment.session_id], sessions[to_session.pk]
    enrolment = _lock_enrolment(enrolment, EnrolmentStatus.CONFIRMED, EnrolmentStatus.WAITLISTED)
    if target.module_id != source.module_id:
        raise ValidationError(_("Der kan kun flyttes til et hold i samme modul."))
    _check_open(target, by)
    was_seated = enrolment.status == EnrolmentStatus.CONFIRMED
    enrolment.status = EnrolmentStatus.MOVED
    enrolment.waitlist_position = None
    enrolment.save(update_fields=["status", "waitlist_position"])
    _check_prerequisite(target, enrolment.practitioner)
    moved = _place(target, enrolment.practitioner, by)
    enrolment.moved_to = moved
    enrolment.save(update_fields=["moved_to"])
    audit.record(by, "training.enrolment.moved", AuditAction.CHANGE, target=moved,
                 detail=f"{source.pk}->{target.pk}")
    if was_seated:
        _promote_first_waitlisted(source, by)
    return moved


@transaction.atomic
def record_attendance(*, enrolment, day, present, by):
    """Record one day's attendance and settle completion or no-show."""
    _check_practitioner_in_scope(enrolment.practitioner, by)
    enrolment = _lock_enrolment(enrolment, *SEATED_STATUSES)
    if day.session_id != enrolment.session_id:
        raise ValidationError(_("Dagen hører ikke til tilmeldingens hold."))
    Attendance.all_objects.update_or_create(enrolment=enrolment, day=day,
                                            defaults={"present": present})
    _settle_completion(enrolment, by)
    return enrolment


def _settle_completion(enrolment, by):
    """Completed when every day is attended; no-show when every day is missed."""
    days = SessionDay.objects.filter(session_id=enrolment.session_id).count()
    marks = list(Attendance.all_objects.filter(enrolment=enrolment)
                 .values_list("present", flat=True))
    if len(marks) == days and all(marks):
        status = EnrolmentStatus.COMPLETED
    elif len(marks) == days and not any(marks):
        status = EnrolmentStatus.NO_SHOW
    else:
        status = EnrolmentStatus.CONFIRMED
    if status == enrolment.status:
        return
    was_completed = enrolment.status == EnrolmentStatus.COMPLETED
    enrolment.status = status
    enrolment.save(update_fields=["status"])
    audit.record(by, f"training.enrolment.{status}", AuditAction.CHANGE, target=enrolment)
    if status == EnrolmentStatus.COMPLETED:
        transaction.on_commit(lambda: queue_certificate(enrolment_id=enrolment.pk))
    elif was_completed:
        Certificate.all_objects.filter(enrolment=enrolment).delete()


def queue_certificate(*, enrolment_id):
    """Send the certificate job; with the broker away the sweep sends it later."""
    from training.tasks import issue_certificate

    return enqueue(issue_certificate, enrolment_id)


# At most this many jobs a sweep: a certificate that never renders is tried again each
# sweep, and a job still waiting on a busy broker may be sent twice (it is idempotent).
CERTIFICATE_SWEEP_BATCH = 200


def queue_missing_certificates():
    """Queue a certificate job for every completed enrolment that has none yet.

    A job lost with the broker (or never sent) is found here; the job is safe to run
    twice. Stops at the first refusal, as the broker is then away for all of them.
    Returns the number queued.
    """
    missing = (Enrolment.all_objects.filter(status=EnrolmentStatus.COMPLETED,
                                            certificate__isnull=True)
               .order_by("pk").values_list("pk", flat=True)[:CERTIFICATE_SWEEP_BATCH])
    from training.tasks import issue_certificate

    return enqueue_each(issue_certificate, list(missing))


@transaction.atomic
def issue_certificate(*, enrolment_id):
    """Render the Danish PDF certificate and store it privately; safe to run twice."""
    enrolment = (Enrolment.all_objects.select_for_update(of=("self",))
                 .select_related("practitioner__municipality", "session__module",
                                 "session__theme")
                 .get(pk=enrolment_id))
    if enrolment.status != EnrolmentStatus.COMPLETED:
        return None
    pdf = render_certificate_pdf(enrolment)
    certificate = Certificate.all_objects.filter(enrolment=enrolment).first()
    old_name = certificate.file.name if certificate else None
    certificate = certificate or Certificate(enrolment=enrolment)
    name = default_storage.save(f"certificates/kursusbevis-{enrolment.pk}-{uuid.uuid4().hex}.pdf",
                                ContentFile(pdf))
    certificate.file.name = name
    certificate.sha256 = hashlib.sha256(pdf).hexdigest()
    certificate.save()
    if old_name and old_name != name:
        transaction.on_commit(lambda: default_storage.delete(old_name))
    return certificate


def render_certificate_pdf(enrolment):
    import weasyprint

    days = list(enrolment.session.days.order_by("date"))
    with translation.override("da"):
        html = render_to_string("training/certificate.html", {
            "enrolment": enrolment, "practitioner": enrolment.practitioner,
            "session": enrolment.session, "module": enrolment.session.module,
            "theme": enrolment.session.theme, "days": days,
            "programme": enrolment.session.module.programme,
        })
    return weasyprint.HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def _mail_promotion(enrolment):
    """Tell the practitioner, once the promotion commits, that they have a seat.

    No link: practitioners need no portal login, and no page shows one their own
    enrolment.
    """
    enrolment = (Enrolment.all_objects.select_related("practitioner", "session__module",
                                                      "session__theme")
                 .get(pk=enrolment.pk))
    days = enrolment.session.days.order_by("date")
    with translation.override("da"):
        body = render_to_string("training/email/promoted.txt",
                                {"enrolment": enrolment, "session": enrolment.session,
                                 "days": days})
        subject = _("Du har fået en plads på holdet %(session)s") % {
            "session": enrolment.session}
    mail.send_after_commit(subject=subject, body=body, to=[enrolment.practitioner.email])


@transaction.atomic
def save_practitioner(*, form, by):
    """Create or change a practitioner from a valid PractitionerForm."""
    created = form.instance.pk is None
    practitioner = form.save()
    audit.record(by, "training.practitioner." + ("created" if created else "changed"),
                 AuditAction.CREATE if created else AuditAction.CHANGE, target=practitioner)
    return practitioner


@transaction.atomic
def import_practitioners(*, rows, by):
    """Create the practitioners of checked import rows, all or none."""
    if any(row.errors for row in rows):
        raise ValidationError(_("Filen har fejl; ingen praktikere er oprettet."))
    created = Practitioner.all_objects.bulk_create(
        Practitioner(name=row.name, email=row.email, municipality=row.municipality,
                     job_function=row.job_function)
        for row in rows)
    audit.record(by, "training.practitioner.imported", AuditAction.CREATE,
                 owner_municipality_id=by.municipality_id,
                 detail=_("%(count)s praktikere importeret") % {"count": len(created)})
    return created


@transaction.atomic
def set_session_status(*, session, status, by):
    """Plan, open, mark as held or cancel a session; cancelling frees every place."""
    session = _lock_session(session.pk)
    if status == SessionStatus.CANCELLED:
        active = Enrolment.all_objects.filter(
            session=session, status__in=[EnrolmentStatus.CONFIRMED, EnrolmentStatus.WAITLISTED])
        active.update(status=EnrolmentStatus.CANCELLED, waitlist_position=None)
    session.status = status
    session.save(update_fields=["status"])
    if status == SessionStatus.OPEN:
        _refresh_full(session)
    audit.record(by, "training.session.status", AuditAction.CHANGE, target=session,
                 detail=status)
    return session
