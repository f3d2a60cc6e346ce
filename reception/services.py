"""Writes for reception: allocations, plans and their tasks, templates, reminders.

Every change goes through here with its audit event in the same transaction.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cases import services as case_services
from cases.models import Household, HouseholdStatus, Person
from integration_portal import audit, mail
from integration_portal.models import AuditAction, User
from reception.deadlines import due_date
from reception.models import (
    Allocation,
    Anchor,
    AppliesTo,
    PlanTask,
    ReceptionPlan,
    ReceptionTemplate,
    ReminderLog,
    TaskStatus,
    TemplateStep,
    TemplateVersion,
)
from reception.reference import seed_default_template

# Completing these tasks records the legal milestone on the household (if not already).
MILESTONE_FIELDS = {
    "contract": "contract_signed_on",
    "danish_education": "danish_education_offered_on",
    "company_offer": "first_company_offer_on",
}
STEP_FIELDS = ["position", "key", "title", "description", "responsible_role", "anchor",
               "offset", "unit", "applies_to"]
REMINDER_HORIZON_DAYS = 7


# --- Templates ----------------------------------------------------------------------------


def _copy_steps(steps, version):
    TemplateStep.objects.bulk_create([
        TemplateStep(version=version, **{field: step[field] for field in STEP_FIELDS})
        for step in steps
    ])


@transaction.atomic
def template_for(*, municipality, by=None):
    """The municipality's template for new plans: a copy of the portal's default the
    first time it is needed."""
    template = ReceptionTemplate.objects.filter(municipality=municipality,
                                                is_default=True).first()
    if template is not None:
        return template
    default = seed_default_template()
    template = ReceptionTemplate.objects.create(municipality=municipality, name=default.name)
    version = TemplateVersion.objects.create(template=template, number=1, created_by=by)
    _copy_steps(default.latest_version().steps.values(*STEP_FIELDS), version)
    return template


@transaction.atomic
def save_template_version(*, template, steps, by, request=None):
    """Edit a template: ``steps`` (dicts of STEP_FIELDS) become its next version.

    Versions are never changed, so plans made from earlier versions keep theirs.
    """
    locked = ReceptionTemplate.objects.select_for_update().get(pk=template.pk)
    if locked.municipality_id != by.municipality_id:
        raise ValidationError(_("Skabelonen tilhører en anden kommune."))
    if not steps:
        raise ValidationError(_("En skabelon skal have mindst ét trin."))
    number = (locked.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = TemplateVersion.objects.create(template=locked, number=number, created_by=by)
    ordered = sorted(steps, key=lambda step: step["position"])
    _copy_steps([{**step, "position": index} for index, step in enumerate(ordered, 1)], version)
    audit.record(by, "reception.template.changed", AuditAction.CHANGE, target=locked,
                 request=request, detail=f"version {number}")
    return version


# --- Allocation and plan ------------------------------------------------------------------


def anchor_dates(household, allocation):
    return {
        Anchor.ALLOCATION: allocation.decided_on if allocation else
        household.allocation_decided_on,
        Anchor.ARRIVAL: household.arrived_on or (allocation.expected_arrival_on
                                                 if allocation else None),
        Anchor.TAKEOVER: household.takeover_on,
    }


def _allocation_of(household):
    return Allocation.all_objects.filter(household=household).first()


def kind_of(person, household):
    """AppliesTo.ADULTS or CHILDREN: adult or child at the household's takeover date,
    else today (cases' Person.is_adult; a person without a birth date counts as a
    child, as on the case file)."""
    on = household.takeover_on or timezone.localdate()
    return AppliesTo.ADULTS if person.is_adult(on) else AppliesTo.CHILDREN


def persons_for_steps(household):
    """{applies_to: [persons]}: the household's adults and children (kind_of).
    Household steps are for no one in particular."""
    persons = list(Person.all_objects.filter(household=household)
                   .order_by("birth_date", "first_name", "id"))
    grouped = {AppliesTo.ADULTS: [], AppliesTo.CHILDREN: [], AppliesTo.HOUSEHOLD: []}
    for person in persons:
        grouped[kind_of(person, household)].append(person)
    return grouped


def _task_for(plan, step, person, anchors):
    """An unsaved task of ``plan`` copied from ``step``, dated from the step's anchor."""
    return PlanTask(plan=plan, household=plan.household, person=person,
                    due_on=due_date(anchors[step.anchor], step.offset, step.unit),
                    **{field: getattr(step, field) for field in STEP_FIELDS})


@transaction.atomic
def make_plan(*, household, by, version=None, request=None):
    """A reception plan for the household from the municipality's current template.

    A household step becomes one task. A step for adults becomes one task per adult and
    a step for children one per child, each naming its person. When the household has
    no one of that kind yet (an allocation registers the household before its members
    are entered), the step still becomes one household-level task without a person, so
    no step of the template is lost from the plan; the first person of that kind
    entered later takes it over (add_person_tasks), and the caseworker can mark it not
    relevant if the household truly has no children.
    """
    if version is None:
        version = template_for(municipality=household.municipality, by=by).latest_version()
    plan = ReceptionPlan.objects.editable_by(by).filter(household=household).first()
    if plan is not None:
        raise ValidationError(_("Husstanden har allerede en modtageplan."))
    plan = ReceptionPlan(household=household, version=version, created_by=by)
    plan.save()
    anchors = anchor_dates(household, _allocation_of(household))
    persons = persons_for_steps(household)
    PlanTask.all_objects.bulk_create([
        _task_for(plan, step, person, anchors)
        for step in version.steps.order_by("position")
        for person in persons.get(step.applies_to) or [None]
    ])
    audit.record(by, "reception.plan.created", AuditAction.CREATE, target=plan,
                 request=request)
    return plan


@transaction.atomic
def add_person_tasks(*, person, by=None, request=None):
    """Give a person entered after the plan was made their tasks.

    For each step of the plan's template version for this person's kind (kind_of):
    an open household-level task of the step (made when the household had no one of
    that kind) becomes this person's; a step whose household-level task is done or
    not relevant gets nothing more; any other step gets a new task for the person,
    dated like make_plan dates it. A step never gets a second task for the same
    person, so calling this again changes nothing. A task belongs to its step by
    position, as make_plan copied it. Returns the tasks created or taken over.
    """
    plan = (ReceptionPlan.all_objects.select_for_update()
            .select_related("household").filter(household_id=person.household_id).first())
    if plan is None:
        return []
    household = plan.household
    # The row as saved: the caller's instance may still hold a birth date as a string.
    person = Person.all_objects.get(pk=person.pk)
    kind = kind_of(person, household)
    tasks_by_position = {}
    for task in PlanTask.all_objects.filter(plan=plan, applies_to=kind).order_by("id"):
        tasks_by_position.setdefault(task.position, []).append(task)
    anchors = None
    changed = []
    for step in plan.version.steps.filter(applies_to=kind).order_by("position"):
        tasks = tasks_by_position.get(step.position, [])
        if any(task.person_id == person.pk for task in tasks):
            continue
        fallback = next((task for task in tasks if task.person_id is None), None)
        if fallback is not None:
            if fallback.status != TaskStatus.OPEN:
                continue
            fallback.person = person
            fallback.save(update_fields=["person"])
            audit.record(by, "reception.task.changed", AuditAction.CHANGE, target=fallback,
                         request=request, detail=f"person {person.pk}")
            changed.append(fallback)
            continue
        if anchors is None:
            anchors = anchor_dates(household, _allocation_of(household))
        task = _task_for(plan, step, person, anchors)
        task.save()
        audit.record(by, "reception.task.created", AuditAction.CREATE, target=task,
                     request=request)
        changed.append(task)
    return changed


def reschedule_open_tasks(household):
    """Date the household's open tasks again from its anchors; done ones keep theirs."""
    anchors = anchor_dates(household, _allocation_of(household))
    tasks = list(PlanTask.all_objects.filter(household=household, status=TaskStatus.OPEN))
    for task in tasks:
        task.due_on = due_date(anchors[task.anchor], task.offset, task.unit)
    PlanTask.all_objects.bulk_update(tasks, ["due_on"])
    return tasks


ANCHOR_FIELDS = {"allocation_decided_on", "arrived_on", "takeover_on"}


def household_saved(sender, instance, created, update_fields=None, **kwargs):
    """post_save of cases.Household: a changed anchor date (arrival or takeover edited
    on the case file) moves the open tasks too. Cases knows nothing of reception, so
    reception listens."""
    if created or (update_fields is not None and not ANCHOR_FIELDS & set(update_fields)):
        return
    reschedule_open_tasks(instance)


def person_saved(sender, instance, created, raw=False, **kwargs):
    """post_save of cases.Person: a person entered in a household with a reception plan
    gets their adults' or children's tasks (add_person_tasks). The signal knows no
    user, so the audit events have no actor."""
    if created and not raw:
        add_person_tasks(person=instance)


@transaction.atomic
def register_allocation(*, by, allocation, coordinator=None, primary_language="",
                        request=None):
    """Register an allocation: the expected household (from cases), the takeover
    date by the rule, and the reception plan from the municipality's template.

    ``allocation`` is an unsaved Allocation without a household.
    """
    allocation.created_by = by
    allocation.full_clean(exclude=["household"])
    household = case_services.create_household(
        by=by, coordinator=coordinator, request=request, status=HouseholdStatus.EXPECTED,
        allocation_decided_on=allocation.decided_on,
        takeover_on=allocation.computed_takeover_on(), primary_language=primary_language,
        interpreter_needed=bool(primary_language),
        reason=_("Visiteret af Udlændingestyrelsen"),
    )
    allocation.household = household
    allocation.save()
    audit.record(by, "reception.allocation.created", AuditAction.CREATE, target=allocation,
                 request=request)
    plan = make_plan(household=household, by=by, request=request)
    return plan


@transaction.atomic
def update_allocation(*, allocation, by, arrived_on=None, request=None):
    """Save the allocation and handover; the household's anchor dates follow and the
    open tasks move with them."""
    allocation.full_clean()
    allocation.save()
    household = Household.objects.editable_by(by).select_for_update().get(
        pk=allocation.household_id)
    household.allocation_decided_on = allocation.decided_on
    household.takeover_on = allocation.computed_takeover_on()
    household.arrived_on = arrived_on
    if arrived_on and household.status == HouseholdStatus.EXPECTED \
            and arrived_on <= timezone.localdate():
        household.status = HouseholdStatus.ACTIVE
    household.save(update_fields=["allocation_decided_on", "takeover_on", "arrived_on",
                                  "status", "updated_at"])
    # household_saved has dated the open tasks again from the new anchors.
    audit.record(by, "reception.allocation.changed", AuditAction.CHANGE, target=allocation,
                 request=request)
    return household


@transaction.atomic
def update_task(*, task, by, request=None):
    """Save a task's status, responsible, completion and note (validated on the model);
    a completed milestone task records the milestone on the household."""
    task.full_clean()
    task.save()
    field = MILESTONE_FIELDS.get(task.key)
    if field and task.status == TaskStatus.DONE:
        Household.objects.editable_by(by).filter(
            pk=task.household_id, **{f"{field}__isnull": True}
        ).update(**{field: task.completed_on})
    audit.record(by, "reception.task.changed", AuditAction.CHANGE, target=task,
                 request=request, detail=task.status)
    return task


def save_record(*, instance, by, code, request=None):
    """Bookings, housing and screenings: validated, saved and audited (see cases)."""
    return case_services.save_record(instance=instance, by=by, code=code, request=request)


# --- Reminders ------------------------------------------------------------------------------


def due_tasks_by_recipient(today):
    """{user id: [tasks]} of open tasks overdue or due within the horizon, for the
    responsible user or else the household's tovholder."""
    until = today + datetime.timedelta(days=REMINDER_HORIZON_DAYS)
    tasks = (
        PlanTask.all_objects
        .filter(status=TaskStatus.OPEN, due_on__lte=until,
                household__status__in=[HouseholdStatus.EXPECTED, HouseholdStatus.ACTIVE])
        .annotate(recipient=Coalesce("responsible_user", "household__coordinator"))
        .select_related("household")
        .order_by("due_on", "household__case_number", "position")
    )
    grouped = {}
    for task in tasks:
        grouped.setdefault(task.recipient, []).append(task)
    return grouped


def send_reminders(*, today=None):
    """One mail per person per day with their overdue and soon-due tasks.

    Case numbers, task titles and links to the plans only: no names or CPR numbers
    leave the portal. Each mail is queued as its reminder log row commits.
    Returns how many mails were queued.
    """
    today = today or timezone.localdate()
    grouped = due_tasks_by_recipient(today)
    users = User.objects.filter(pk__in=grouped, is_active=True).exclude(email="")
    sent = 0
    for user in users:
        tasks = grouped[user.pk]
        try:
            with transaction.atomic():
                ReminderLog.objects.create(user=user, sent_on=today, task_count=len(tasks))
                _mail_reminder(user, tasks, today)
        except IntegrityError:
            continue  # already reminded today
        sent += 1
    return sent


def _mail_reminder(user, tasks, today):
    for task in tasks:
        task.plan_url = settings.PORTAL_BASE_URL + reverse(
            "reception:plan_detail", args=[task.household_id])
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "user": user,
            "overdue": [task for task in tasks if task.due_on < today],
            "soon": [task for task in tasks if task.due_on >= today],
            "task_list_url": settings.PORTAL_BASE_URL + reverse("reception:task_list"),
        }
        subject = _("Modtageplaner: %(count)d opgaver kræver din opmærksomhed") % {
            "count": len(tasks)}
        body = render_to_string("reception/reminder_email.txt", context)
    mail.send_after_commit(subject=subject, body=body, to=[user.email])
