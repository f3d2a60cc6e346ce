"""Reads for reception, through the access policy, each in a fixed number of queries."""

import datetime
from statistics import mean, median

from django.db.models import Avg, Count, Exists, Min, OuterRef, Q, Subquery
from django.utils import timezone

from cases.models import Household, HouseholdStatus, Person
from integration_portal.access import get_editable_or_404, get_visible_or_404, own_q
from reception.models import (
    Allocation,
    BookingStatus,
    HousingKind,
    HousingPlacement,
    InterpreterBooking,
    PlanTask,
    ReceptionPlan,
    ReceptionTemplate,
    Screening,
    TaskStatus,
)
from reception.models.services import POOR_RATING

ACTIVE_STATUSES = [HouseholdStatus.EXPECTED, HouseholdStatus.ACTIVE]


def household_for(user, pk, *, editable=False):
    if editable:
        return get_editable_or_404(Household, user, pk=pk)
    return get_visible_or_404(Household, user, pk=pk, part="reception")


# --- Tasks ----------------------------------------------------------------------------------


def with_person_name(tasks, user):
    """``person_name``: the first name of the adult or child a task is for, within the
    same query. Empty for household tasks, and when the user may read the plan but not
    the household's persons (a share can cover the one without the other)."""
    names = Person.objects.visible_to(user).filter(pk=OuterRef("person")).values("first_name")
    return tasks.annotate(person_name=Subquery(names[:1]))


def open_tasks(user, *, mine=False, coordinator=None):
    """Open tasks of active households of the user's municipality; ``mine``: theirs to
    do (the responsible user, or the tovholder when no one is named); ``coordinator``:
    one colleague's."""
    tasks = PlanTask.objects.editable_by(user).filter(  # the municipality's own rows
        status=TaskStatus.OPEN, due_on__isnull=False, household__status__in=ACTIVE_STATUSES)
    recipient = user.pk if mine else getattr(coordinator, "pk", None)
    if recipient is not None:
        tasks = tasks.filter(_for_recipient(user, recipient))
    return with_person_name(
        tasks.select_related("household", "household__coordinator", "responsible_user",
                             "responsible_party")
        .order_by("due_on", "household__case_number", "position", "id"),
        user,
    )


def _for_recipient(user, recipient_id):
    """The tasks ``recipient_id`` is to do: naming them as responsible, or naming no
    one in a household they are tovholder of. Their few households are fetched
    first, so both halves are an index condition on the task (responsible user;
    household = ANY(ids)), where COALESCE(responsible, tovholder) is served by none."""
    households = Household.objects.editable_by(user).filter(
        coordinator=recipient_id, status__in=ACTIVE_STATUSES).values_list("pk", flat=True)
    return Q(responsible_user=recipient_id) | Q(responsible_user__isnull=True,
                                                household__in=list(households))


def due_within_a_week(user, *, mine, coordinator=None):
    """Open tasks overdue or due this week (today and the next six days), by due date."""
    until = timezone.localdate() + datetime.timedelta(days=7)
    return open_tasks(user, mine=mine, coordinator=coordinator).filter(due_on__lt=until)


def split_overdue(tasks):
    """(overdue, due this week) of tasks already read."""
    today = timezone.localdate()
    return ([task for task in tasks if task.due_on < today],
            [task for task in tasks if task.due_on >= today])


def task_lists(user, *, mine, coordinator=None):
    """(overdue, due this week) in one query."""
    return split_overdue(list(due_within_a_week(user, mine=mine, coordinator=coordinator)))


def plan_for(user, household):
    return (
        ReceptionPlan.objects.visible_to(user).filter(household=household)
        .select_related("version", "version__template").first()
    )


def plan_tasks(user, household):
    return with_person_name(
        PlanTask.objects.visible_to(user).filter(household=household)
        .select_related("responsible_user", "responsible_party", "household__coordinator")
        .order_by("due_on", "position", "id"),
        user,
    )


def task_for(user, pk, *, editable=False):
    qs = PlanTask.objects.editable_by(user) if editable else PlanTask.objects.visible_to(user)
    return get_visible_or_404(PlanTask, user, pk=pk, queryset=with_person_name(
        qs.select_related("household", "plan", "person"), user))


def allocation_for(user, household, *, editable=False):
    qs = Allocation.objects.editable_by(user) if editable else \
        Allocation.objects.visible_to(user)
    return qs.filter(household=household).first()


def days_to_permanent_housing(household, placements):
    """Days from arrival to the first permanent housing, or None."""
    moved_in = [p.moved_in_on for p in placements if p.kind == HousingKind.PERMANENT]
    if household.arrived_on is None or not moved_in:
        return None
    return (min(moved_in) - household.arrived_on).days


def progress(tasks):
    total = len(tasks)
    closed = sum(1 for task in tasks if not task.is_open)
    return {
        "total": total, "closed": closed,
        "percent": round(100 * closed / total) if total else 0,
        "overdue": sum(1 for task in tasks if task.overdue),
    }


# --- Interpreters, housing, screening -------------------------------------------------------


def bookings_for(user, household):
    return (InterpreterBooking.objects.visible_to(user).filter(household=household)
            .select_related("person").order_by("-starts_at", "-id"))


def housing_for(user, household):
    return HousingPlacement.objects.visible_to(user).filter(household=household)


def screenings_for(user, household):
    return (Screening.objects.visible_to(user).filter(person__household=household)
            .select_related("person"))


def persons_of(user, household):
    return Person.objects.visible_to(user).filter(household=household)


def interpreter_report(user):
    """Bookings, cancellations, average rating and share rated poor, per language and
    agency of the user's municipality (three queries whatever the number of rows)."""
    bookings = InterpreterBooking.objects.visible_to(user).filter(
        own_q(user, "household__municipality"))
    measures = {
        "bookings": Count("pk"),
        "cancellations": Count("pk", filter=Q(status=BookingStatus.CANCELLED)),
        "rated": Count("rating"),
        "average": Avg("rating"),
        "poor": Count("pk", filter=Q(rating__lte=POOR_RATING)),
    }

    def rows(*group):
        result = list(bookings.values(*group).annotate(**measures).order_by(*group))
        for row in result:
            row["poor_share"] = round(100 * row["poor"] / row["rated"]) if row["rated"] else None
        return result

    return {"by_language_agency": rows("language", "agency"), "by_language": rows("language"),
            "by_agency": rows("agency")}


# --- Figures --------------------------------------------------------------------------------

FIGURE_FIELDS = [
    ("company_offer", "first_company_offer_on"),
    ("danish_education", "danish_education_offered_on"),
    ("contract", "contract_signed_on"),
    ("permanent_housing", "permanent_housing_on"),
]


def reception_figures(user):
    """Days from arrival to each milestone (households of the user's municipality that
    have reached it) and the share of plans without an overdue task. Two queries."""
    today = timezone.localdate()
    households = (
        Household.objects.visible_to(user).filter(own_q(user, "municipality"),
                                                  arrived_on__isnull=False)
        .annotate(permanent_housing_on=Min("housing__moved_in_on",
                                           filter=Q(housing__kind=HousingKind.PERMANENT)))
        .values("arrived_on", *[field for _key, field in FIGURE_FIELDS])
    )
    days = {key: [] for key, _field in FIGURE_FIELDS}
    for row in households:
        for key, field in FIGURE_FIELDS:
            if row[field] is not None:
                days[key].append((row[field] - row["arrived_on"]).days)
    figures = [
        {"key": key, "count": len(values),
         "average": round(mean(values)) if values else None,
         "median": median(values) if values else None}
        for key, values in days.items()
    ]
    overdue = PlanTask.objects.visible_to(user).filter(
        plan=OuterRef("pk"), status=TaskStatus.OPEN, due_on__lt=today)
    plans = ReceptionPlan.objects.visible_to(user).filter(
        own_q(user, "household__municipality")).aggregate(
        total=Count("pk"), on_time=Count("pk", filter=~Exists(overdue)))
    share = round(100 * plans["on_time"] / plans["total"]) if plans["total"] else None
    return {"milestones": figures, "plans": plans["total"], "on_time": plans["on_time"],
            "on_time_share": share}


# --- Templates ------------------------------------------------------------------------------


def templates_for(user):
    """Municipal configuration: the user's municipality's templates."""
    return ReceptionTemplate.objects.filter(own_q(user, "municipality"))


def template_for(user, pk):
    return get_visible_or_404(ReceptionTemplate, user, pk=pk, queryset=templates_for(user))


# --- Slots on other apps' pages -------------------------------------------------------------


def household_panel(request, household):
    """Plan progress, interpreter bookings and housing on the household page."""
    user = request.user
    if not user.has_perm("reception.view_receptionplan"):
        return None
    plan = plan_for(user, household)
    tasks = list(plan_tasks(user, household)) if plan else []
    return {
        "household": household, "plan": plan, "progress": progress(tasks),
        "next_tasks": [task for task in tasks if task.is_open][:5],
        "bookings": list(bookings_for(user, household)[:5]),
        "housing": list(housing_for(user, household)),
    }


def print_section(household, person=None):
    """The plan's tasks for the printed integration plan (JSON-able).

    A personal plan (``person``) shows the household's tasks and that person's own,
    never another member's.
    """
    tasks = PlanTask.all_objects.filter(household=household)
    if person is not None:
        tasks = tasks.filter(Q(person__isnull=True) | Q(person=person))
    tasks = (tasks
             .select_related("responsible_user", "responsible_party", "household__coordinator",
                             "person")
             .order_by("due_on", "position", "id"))
    rows = [{
        "title": task.title,
        "person": task.person.first_name if task.person_id else None,
        "responsible": responsible_label(task),
        "due_on": task.due_on.isoformat() if task.due_on else None,
        "status": task.get_status_display(),
        "completed_on": task.completed_on.isoformat() if task.completed_on else None,
    } for task in tasks]
    return {"tasks": rows} if rows else None


def responsible_label(task):
    role = task.get_responsible_role_display()
    if task.responsible_party_id:
        return f"{role}: {task.responsible_party.organisation}"
    person = task.responsible_user or task.household.coordinator
    name = (person.get_full_name() or person.username) if person else ""
    return f"{role}: {name}" if name else str(role)


def dashboard_card(request):
    overdue, this_week = task_lists(request.user, mine=True)
    return {"overdue": overdue[:5], "overdue_count": len(overdue),
            "week_count": len(this_week)}
