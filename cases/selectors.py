"""Reads of case files. Everything goes through the access policy (visible_to, or
editable_by where only the municipality's own rows can count: ``own_rows``), and
each list is a fixed number of queries however many households it shows."""

import calendar
import datetime

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    FilteredRelation,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from cases.models import (
    OPEN_STATUSES,
    Action,
    CoordinatorAssignment,
    Goal,
    Household,
    HouseholdStatus,
    InvolvedParty,
    JournalNote,
    OccupationStatus,
    Person,
    ResidenceGround,
)
from cases.models.plan import OPEN_ACTION_STATUSES
from integration_portal.access import PARTS, get_editable_or_404, get_visible_or_404, own_q
from integration_portal.models import User
from integration_portal.roles import Role


def _count(queryset, group_by):
    """A correlated COUNT subquery, 0 when there are no rows."""
    counted = queryset.order_by().values(group_by).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _month_before(day):
    year, month = (day.year - 1, 12) if day.month == 1 else (day.year, day.month - 1)
    last_day = calendar.monthrange(year, month)[1]
    return day.replace(year=year, month=month, day=min(day.day, last_day))


def _adult_born_before(today):
    """Born after this day means under 18 today (29 February counts from 28 February)."""
    return today.replace(year=today.year - 18,
                         day=min(today.day, 28) if today.month == 2 else today.day)


def overdue_q(prefix="", *, today=None):
    """An action still open past its deadline; ``prefix`` reaches the action from
    another model (``"persons__goals__actions__"``)."""
    return Q(**{f"{prefix}status__in": OPEN_ACTION_STATUSES,
                f"{prefix}deadline__lt": today or timezone.localdate()})


def overdue_actions(user):
    return Action.objects.visible_to(user).filter(overdue_q())


MILESTONE_FIELDS = ["contract_signed_on", "danish_education_offered_on",
                    "first_company_offer_on"]


def persons_for(user):
    return Person.objects.visible_to(user)


def own_rows(model, user):
    """The municipality's own rows of ``model``, without what grants open. For the
    municipality's own figures, and for a tovholder's households (always their own
    municipality's: a database constraint), where the grants could add no row and
    their OR would only keep the planner from the municipality's index."""
    return model.objects.editable_by(user)


def case_list_households(user):
    """The case list's rows to filter, sort and paginate: no per-row columns yet, so
    that skipped pages cost nothing but their ids."""
    return Household.objects.visible_to(user).order_by("-arrived_on", "case_number")


def with_list_columns(user, households):
    """Coordinator, person and overdue counts and persons: for the rows shown only."""
    overdue = overdue_actions(user).filter(goal__person__household=OuterRef("pk"))
    return (
        households.select_related("coordinator")
        .annotate(
            person_count=_count(persons_for(user).filter(household=OuterRef("pk")), "household"),
            overdue_count=_count(overdue, "goal__person__household"),
        )
        .prefetch_related(Prefetch("persons", queryset=persons_for(user).order_by("id")))
    )


def case_list_page(user, ids):
    """The case list's rows for one page of ids, with their columns, in that order."""
    rows = with_list_columns(user, Household.objects.visible_to(user)).in_bulk(ids)
    return [rows[pk] for pk in ids if pk in rows]


def self_support_by_ground(user):
    """Adults per residence ground and how many are in a job or self-supporting, so
    the municipality can see which groups get which results."""
    labels = dict(ResidenceGround.choices)
    return [{**row, "label": labels.get(row["residence_ground"], "–"),
             "share": round(100 * row["self_supporting"] / row["adults"])}
            for row in self_support_rows(user)]


def self_support_rows(user):
    """One GROUP BY over the municipality's own adults: cases shared with it by others
    do not count, and without the grants' OR the planner reaches them through the
    municipality's index instead of reading every person in the country."""
    working = [OccupationStatus.JOB, OccupationStatus.SELF_SUPPORTING]
    return (
        own_rows(Person, user)
        .filter(birth_date__lte=_adult_born_before(timezone.localdate()))
        .values("residence_ground")
        .annotate(adults=Count("pk"),
                  self_supporting=Count("pk", filter=Q(occupation_status__in=working)))
        .order_by("residence_ground")
    )


def coordinators_for(user):
    """Active caseworkers and team leads of the user's municipality."""
    return (
        User.objects.filter(own_q(user, "municipality"), is_active=True,
                            groups__name__in=[Role.CASEWORKER, Role.TEAM_LEAD])
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def caseload_rows(user):
    """Figures per coordinator over the municipality's open households held by a
    fixed tovholder, in one GROUP BY. A coordinator belongs to the household's
    municipality (a database constraint), so the municipality's own households are
    all a caseload can hold, and without the grants' OR the planner reaches them
    through the municipality's index."""
    today = timezone.localdate()
    overdue = FilteredRelation("persons__goals__actions",
                               condition=overdue_q("persons__goals__actions__", today=today))
    cutoff = _month_before(today)
    late = {f"late_{field}": Count("pk", distinct=True, filter=Q(
        takeover_on__lt=cutoff, **{f"{field}__isnull": True})) for field in MILESTONE_FIELDS}
    return (
        own_rows(Household, user)
        # A household held only as interim tovholder is waiting, not part of a caseload.
        .filter(status__in=OPEN_STATUSES, coordinator_is_interim=False)
        .alias(overdue_action=overdue)
        .values("coordinator")
        .annotate(
            household_count=Count("pk", distinct=True),
            person_count=Count("persons", distinct=True),
            child_count=Count("persons", distinct=True, filter=Q(
                persons__birth_date__gt=_adult_born_before(today))),
            overdue_actions=Count("overdue_action", distinct=True),
            **late,
        )
        .order_by()
    )


def caseloads(user):
    """Each coordinator with their open households, persons, children and overdue items
    (overdue actions plus legal milestones missed): a list, in two queries."""
    figures = {row.pop("coordinator"): row for row in caseload_rows(user)}
    coordinators = list(coordinators_for(user))
    for coordinator in coordinators:
        row = figures.get(coordinator.pk, {})
        coordinator.household_count = row.get("household_count", 0)
        coordinator.person_count = row.get("person_count", 0)
        coordinator.child_count = row.get("child_count", 0)
        coordinator.overdue_count = row.get("overdue_actions", 0) + sum(
            row.get(f"late_{field}", 0) for field in MILESTONE_FIELDS)
    return coordinators


def waiting_households(user):
    """Open households held by an interim tovholder: expected arrivals first, by arrival."""
    return (
        Household.objects.visible_to(user)
        .filter(status__in=OPEN_STATUSES, coordinator_is_interim=True)
        .select_related("coordinator")
        .annotate(
            person_count=_count(persons_for(user).filter(household=OuterRef("pk")), "household"),
            expected_first=Case(When(status=HouseholdStatus.EXPECTED, then=0), default=1),
        )
        .order_by("expected_first", F("arrived_on").asc(nulls_last=True), "case_number")
    )


def recent_assignments(user, limit=10):
    return (
        CoordinatorAssignment.objects.visible_to(user)
        .select_related("household", "coordinator", "assigned_by")
        .order_by("-started_at", "-id")[:limit]
    )


def assignment_history(user, household):
    return (
        CoordinatorAssignment.objects.visible_to(user)
        .filter(household=household)
        .select_related("coordinator", "assigned_by")
        .order_by("-started_at", "-id")
    )


def my_households(user):
    """The user's open households as tovholder, with persons and involved parties
    (their own municipality's rows, see ``own_rows``)."""
    overdue = own_rows(Action, user).filter(overdue_q(),
                                            goal__person__household=OuterRef("pk"))
    return (
        own_rows(Household, user)
        .filter(coordinator=user, status__in=OPEN_STATUSES)
        .annotate(overdue_count=_count(overdue, "goal__person__household"))
        .prefetch_related(
            Prefetch("persons", queryset=own_rows(Person, user).order_by("birth_date", "id")),
            Prefetch("parties", queryset=own_rows(InvolvedParty, user)),
        )
        .order_by(F("arrived_on").asc(nulls_last=True), "case_number")
    )


def due_this_week(user):
    """Open actions in the user's households due within seven days (or already late)."""
    until = timezone.localdate() + datetime.timedelta(days=7)
    return (
        own_rows(Action, user)
        .filter(goal__person__household__coordinator=user,
                goal__person__household__status__in=OPEN_STATUSES,
                status__in=OPEN_ACTION_STATUSES, deadline__lte=until)
        .select_related("goal__person__household", "responsible_party")
        .order_by("deadline", "id")
    )


def household_for(user, pk):
    return get_visible_or_404(
        Household, user, pk=pk,
        queryset=Household.objects.visible_to(user).select_related("coordinator",
                                                                   "municipality"),
    )


def editable_household(user, pk):
    """A household the user may change: their own municipality's, never a shared one."""
    return get_editable_or_404(
        Household, user, pk=pk,
        queryset=Household.objects.editable_by(user).select_related("coordinator",
                                                                    "municipality"),
    )


def visible_parts(user, household):
    """The parts of the file the user may read: all for the owning municipality; for
    a reader from elsewhere, what their grants open (one query)."""
    if user.municipality_id and user.municipality_id == household.municipality_id:
        return set(PARTS)
    checks = {f"part_{part}": Exists(Household.objects.visible_to(user, part=part)
                                     .filter(pk=OuterRef("pk"))) for part in PARTS}
    row = Household.objects.visible_to(user).filter(pk=household.pk).values(**checks).first()
    return {part for part in PARTS if row and row[f"part_{part}"]}


def household_file(user, household):
    """Everything on the household page, each part through the access policy."""
    persons = list(persons_for(user).filter(household=household).order_by("birth_date", "id"))
    parties = list(
        InvolvedParty.objects.visible_to(user).filter(household=household)
        .prefetch_related(Prefetch("concerns", queryset=persons_for(user)))
    )
    goals = list(
        Goal.objects.visible_to(user).filter(person__household=household)
        .select_related("person")
        .prefetch_related(Prefetch(
            "actions",
            queryset=Action.objects.visible_to(user).select_related("responsible_party"),
        ))
        .order_by("person__birth_date", "person_id", "domain", "id")
    )
    notes, older_notes = journal_page(user, household)
    # As the Assens report counted: authorities (organisations) and the people in them.
    organisations = {party.organisation.strip().casefold() for party in parties}
    people = {(party.organisation.strip().casefold(), party.contact_name.strip().casefold())
              for party in parties if party.contact_name.strip()}
    return {
        "persons": persons,
        "parties": parties,
        "goals": goals,
        "notes": notes,
        "older_notes": older_notes,
        "organisation_count": len(organisations),
        "people_count": len(people),
        "adults": [p for p in persons if p.is_adult(household.takeover_on)],
        "children": [p for p in persons if not p.is_adult(household.takeover_on)],
        "history": list(assignment_history(user, household)[:20]),
        "parts": visible_parts(user, household),
    }


JOURNAL_PAGE = 25


def journal_page(user, household, *, before=None, size=JOURNAL_PAGE):
    """The household's notes, newest first, ``size`` at a time: those older than the
    note ``before`` (keyset on the list's order, so a page never repeats or skips a
    note however many are written meanwhile), and whether older notes remain."""
    notes = (
        JournalNote.objects.visible_to(user).filter(household=household)
        .select_related("author", "person", "corrects")
        .order_by("-occurred_on", "-written_at", "-id")
    )
    if before is not None:
        notes = notes.filter(_older_than(before))
    rows = list(notes[:size + 1])
    return rows[:size], len(rows) > size


def _older_than(note):
    same_day = Q(occurred_on=note.occurred_on)
    return (Q(occurred_on__lt=note.occurred_on)
            | same_day & Q(written_at__lt=note.written_at)
            | same_day & Q(written_at=note.written_at, id__lt=note.pk))


def journal_note_for(user, household, pk):
    return get_visible_or_404(JournalNote, user, household=household, pk=pk)


def person_for(user, pk, *, editable=False):
    persons = Person.objects.editable_by(user) if editable else persons_for(user)
    return get_visible_or_404(
        Person, user, pk=pk,
        queryset=persons.select_related("household", "household__coordinator"),
    )


def my_families_card(request):
    user = request.user
    households = list(my_households(user)[:5])
    return {
        "households": households,
        "household_count": own_rows(Household, user)
        .filter(coordinator=user, status__in=OPEN_STATUSES).count(),
        "due_count": due_this_week(user).count(),
    }


def assignment_board_card(request):
    user = request.user
    return {"waiting": list(waiting_households(user)[:5]),
            "waiting_count": waiting_households(user).count()}


