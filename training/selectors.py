"""Reads: session lists, rosters and programme progress, each in a fixed number of queries."""

from dataclasses import dataclass

from django.db.models import Count, Exists, Max, Min, OuterRef, Prefetch, Q
from django.utils import timezone

from integration_portal.models import Municipality, Region
from integration_portal.roles import Role
from training.models import (
    SEATED_STATUSES,
    Attendance,
    Enrolment,
    EnrolmentStatus,
    JobFunction,
    ModuleKind,
    Practitioner,
    Programme,
    Session,
    SessionStatus,
)
from training.scope import is_national_admin


def current_programme():
    return Programme.objects.order_by("-period_start").first()


def sessions_with_figures():
    """Sessions with seats taken, waiting list, no-shows and first/last day."""
    seated = Q(enrolments__status__in=SEATED_STATUSES)
    return (
        Session.objects.select_related("module", "theme")
        .annotate(
            seats_taken=Count("enrolments", filter=seated, distinct=True),
            waitlisted=Count("enrolments", filter=Q(enrolments__status="waitlisted"),
                             distinct=True),
            completed=Count("enrolments", filter=Q(enrolments__status="completed"),
                            distinct=True),
            no_shows=Count("enrolments", filter=Q(enrolments__status="no_show"), distinct=True),
            first_day=Min("days__date"),
            last_day=Max("days__date"),
        )
        .order_by("first_day", "pk")
    )


def session_for_roster(pk):
    return sessions_with_figures().prefetch_related("days").get(pk=pk)


def roster(session, user):
    """The enrolments of a session that the user may see, with attendance and certificate."""
    return (
        Enrolment.objects.visible_to(user).filter(session=session)
        .exclude(status=EnrolmentStatus.MOVED)
        .select_related("practitioner__municipality", "certificate")
        .prefetch_related(Prefetch("attendances", queryset=Attendance.all_objects.all()))
        .order_by("status", "waitlist_position", "created_at", "pk")
    )


def _completed(kind):
    return Exists(Enrolment.all_objects.filter(
        practitioner=OuterRef("pk"), status=EnrolmentStatus.COMPLETED, module__kind=kind))


def _progress_counts():
    return {
        "practitioners": Count("pk"),
        "mandatory": Count("pk", filter=Q(done_mandatory=True)),
        "elective": Count("pk", filter=Q(done_elective=True)),
        "both": Count("pk", filter=Q(done_mandatory=True, done_elective=True)),
    }


@dataclass
class Progress:
    programme: Programme
    totals: dict
    expected_by_now: int
    by_region: list
    by_municipality: list
    by_job_function: list
    by_theme: list
    sessions: list
    untrained_municipalities: list

    @property
    def percent_of_target(self):
        if not self.programme or not self.programme.participant_target:
            return 0
        return round(100 * self.totals["both"] / self.programme.participant_target)


def _expected_by_now(programme):
    """The share of the target the period's elapsed time would call for."""
    if programme is None:
        return 0
    today = timezone.localdate()
    length = (programme.period_end - programme.period_start).days
    elapsed = min(max((today - programme.period_start).days, 0), length)
    return round(programme.participant_target * elapsed / length)


def progress_for(user):
    """Programme progress as seen by ``user`` (their municipality, or all when national)."""
    programme = current_programme()
    people = Practitioner.objects.visible_to(user).alias(
        done_mandatory=_completed(ModuleKind.MANDATORY),
        done_elective=_completed(ModuleKind.ELECTIVE),
    )
    counts = _progress_counts()
    totals = people.aggregate(**counts)
    regions = dict(Region.choices)
    by_region = [dict(row, label=regions.get(row["municipality__region"], ""))
                 for row in people.values("municipality__region").annotate(**counts)
                 .order_by("municipality__region")]
    by_municipality = list(people.values("municipality__code", "municipality__name")
                           .annotate(**counts).order_by("municipality__name"))
    functions = dict(JobFunction.choices)
    by_job_function = [dict(row, label=functions.get(row["job_function"], ""))
                       for row in people.values("job_function").annotate(**counts)
                       .order_by("job_function")]
    by_theme = list(
        Enrolment.objects.visible_to(user)
        .filter(module__kind=ModuleKind.ELECTIVE, status=EnrolmentStatus.COMPLETED)
        .values("session__theme__name").annotate(completed=Count("pk"))
        .order_by("session__theme__name")
    )
    return Progress(
        programme=programme, totals=totals, expected_by_now=_expected_by_now(programme),
        by_region=by_region, by_municipality=by_municipality, by_job_function=by_job_function,
        by_theme=by_theme, sessions=list(sessions_with_figures()),
        untrained_municipalities=list(untrained_municipalities(user)),
    )


def untrained_municipalities(user):
    """Municipalities where no practitioner has completed the mandatory module yet."""
    trained = Enrolment.all_objects.filter(
        practitioner__municipality=OuterRef("pk"), status=EnrolmentStatus.COMPLETED,
        module__kind=ModuleKind.MANDATORY)
    municipalities = Municipality.objects.exclude(Exists(trained)).order_by("name")
    if is_national_admin(user):
        return municipalities
    if user.municipality_id and user.has_role(Role.MUNICIPAL_ADMIN):
        return municipalities.filter(pk=user.municipality_id)
    return municipalities.none()


def dashboard_card_context(request):
    """Figures for the dashboard card, in the user's scope."""
    user = request.user
    totals = (Practitioner.objects.visible_to(user)
              .alias(done_mandatory=_completed(ModuleKind.MANDATORY),
                     done_elective=_completed(ModuleKind.ELECTIVE))
              .aggregate(**_progress_counts()))
    waiting = Enrolment.objects.visible_to(user).filter(
        status=EnrolmentStatus.WAITLISTED).count()
    open_sessions = Session.objects.filter(status=SessionStatus.OPEN).count()
    return {"programme": current_programme(), "totals": totals, "waiting": waiting,
            "open_sessions": open_sessions}
