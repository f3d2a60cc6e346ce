"""Reads: session lists, rosters and programme progress, each in a fixed number of queries."""

from dataclasses import dataclass

from django.db.models import Count, Exists, FilteredRelation, OuterRef, Prefetch, Q, Subquery
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
    SessionDay,
    SessionStatus,
)
from training.scope import is_national_admin


def current_programme():
    return Programme.objects.order_by("-period_start").first()


def _day(session_days, order):
    """The session's first or last day, read from the (session, date) index."""
    return Subquery(session_days.order_by(order).values("date")[:1])


def sessions_with_figures():
    """Sessions with seats taken, waiting list, no-shows and first/last day. The
    counts come from one join of enrolments and the days from their own index, so no
    row is repeated per day and no count needs DISTINCT."""
    days = SessionDay.objects.filter(session=OuterRef("pk"))
    return (
        Session.objects.select_related("module", "theme")
        .annotate(
            seats_taken=Count("enrolments", filter=Q(enrolments__status__in=SEATED_STATUSES)),
            waitlisted=Count("enrolments", filter=Q(enrolments__status="waitlisted")),
            completed=Count("enrolments", filter=Q(enrolments__status="completed")),
            no_shows=Count("enrolments", filter=Q(enrolments__status="no_show")),
            first_day=_day(days, "date"),
            last_day=_day(days, "-date"),
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


COUNTS = ("practitioners", "mandatory", "elective", "both")


def _progress_counts(people):
    """Measures for practitioners, and those who completed the mandatory module, an
    elective one, and either: distinct counts over one join of completed enrolments
    (a hash join), not an EXISTS per practitioner. A practitioner counts once
    however many completions they have; ``_with_both`` derives "both"."""
    people = people.alias(completed=FilteredRelation(
        "enrolments", condition=Q(enrolments__status=EnrolmentStatus.COMPLETED)))
    return people, {
        "practitioners": Count("pk", distinct=True),
        "mandatory": Count("pk", distinct=True,
                           filter=Q(completed__module__kind=ModuleKind.MANDATORY)),
        "elective": Count("pk", distinct=True,
                          filter=Q(completed__module__kind=ModuleKind.ELECTIVE)),
        "either": Count("pk", distinct=True, filter=Q(
            completed__module__kind__in=[ModuleKind.MANDATORY, ModuleKind.ELECTIVE])),
    }


def _with_both(row):
    """Both modules = mandatory + elective - either (inclusion-exclusion)."""
    either = row.pop("either")
    return {**row, "both": row["mandatory"] + row["elective"] - either}


def _summed(rows, *keys):
    """``rows`` added up per ``keys``, in the order the groups first appear."""
    groups = {}
    for row in rows:
        group = groups.setdefault(tuple(row[key] for key in keys),
                                  {**{key: row[key] for key in keys}, **dict.fromkeys(COUNTS, 0)})
        for count in COUNTS:
            group[count] += row[count]
    return list(groups.values())


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


def _progress_rows(user):
    """Counts per municipality and job function in one GROUP BY, ordered by
    municipality name. Each practitioner has one municipality and one job function,
    so these rows add up exactly to the totals and to every coarser grouping."""
    people, counts = _progress_counts(Practitioner.objects.visible_to(user))
    return [_with_both(row) for row in
        people.values("municipality__region", "municipality__code", "municipality__name",
                      "job_function")
        .annotate(**counts)
        .order_by("municipality__name", "municipality__code", "job_function")]


def _rolled_up(rows):
    """Totals and the rows by region, municipality and job function. ``rows`` come
    ordered by municipality name; region codes and job function values are plain
    ASCII with distinct first letters, so sorting them here orders them as the
    database would."""
    regions, functions = dict(Region.choices), dict(JobFunction.choices)
    totals = {count: sum(row[count] for row in rows) for count in COUNTS}
    by_region = sorted(_summed(rows, "municipality__region"),
                       key=lambda row: row["municipality__region"])
    by_job_function = sorted(_summed(rows, "job_function"), key=lambda row: row["job_function"])
    return {
        "totals": totals,
        "by_region": [dict(row, label=regions.get(row["municipality__region"], ""))
                      for row in by_region],
        "by_municipality": _summed(rows, "municipality__code", "municipality__name"),
        "by_job_function": [dict(row, label=functions.get(row["job_function"], ""))
                            for row in by_job_function],
    }


def progress_for(user):
    """Programme progress as seen by ``user`` (their municipality, or all when national)."""
    programme = current_programme()
    by_theme = list(
        Enrolment.objects.visible_to(user)
        .filter(module__kind=ModuleKind.ELECTIVE, status=EnrolmentStatus.COMPLETED)
        .values("session__theme__name").annotate(completed=Count("pk"))
        .order_by("session__theme__name")
    )
    return Progress(
        programme=programme, expected_by_now=_expected_by_now(programme),
        **_rolled_up(_progress_rows(user)), by_theme=by_theme,
        sessions=list(sessions_with_figures()),
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
    people, counts = _progress_counts(Practitioner.objects.visible_to(user))
    totals = _with_both(people.aggregate(**counts))
    waiting = Enrolment.objects.visible_to(user).filter(
        status=EnrolmentStatus.WAITLISTED).count()
    open_sessions = Session.objects.filter(status=SessionStatus.OPEN).count()
    return {"programme": current_programme(), "totals": totals, "waiting": waiting,
            "open_sessions": open_sessions}
