"""Writes to case files. Every change goes through here, with its audit event in
the same transaction."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import (
    CaseNumberSequence,
    CoordinatorAssignment,
    Household,
    JournalCategory,
    JournalNote,
)
from integration_portal import audit
from integration_portal.models import AuditAction


def next_case_number(*, municipality, year):
    """The next case number of the municipality and year, e.g. ``0420-2026-00017``.

    The sequence row is locked, so two households created at once never share one.
    """
    CaseNumberSequence.objects.get_or_create(municipality=municipality, year=year)
    sequence = CaseNumberSequence.objects.select_for_update().get(
        municipality=municipality, year=year
    )
    sequence.last += 1
    sequence.save(update_fields=["last"])
    return settings.CASE_NUMBER_FORMAT.format(
        code=int(municipality.code), year=year, seq=sequence.last
    )


def _check_coordinator(household, coordinator):
    if not coordinator.is_active or coordinator.municipality_id != household.municipality_id:
        raise ValidationError(
            _("Tovholderen skal være en aktiv medarbejder i husstandens kommune."),
            code="coordinator_municipality",
        )


@transaction.atomic
def create_household(*, by, coordinator=None, reason="", request=None, **fields):
    """Register a household in ``by``'s municipality with a new case number.

    Without a coordinator, ``by`` holds the case as interim tovholder, and the
    household waits on the team lead's assignment board.
    """
    municipality = by.municipality
    household = Household(
        municipality=municipality,
        case_number=next_case_number(municipality=municipality, year=timezone.localdate().year),
        coordinator=coordinator or by,
        coordinator_is_interim=coordinator is None,
        **fields,
    )
    _check_coordinator(household, household.coordinator)
    household.save()
    CoordinatorAssignment(
        household=household, coordinator=household.coordinator, started_at=timezone.now(),
        assigned_by=by, reason=reason or _("Sagen blev oprettet"),
    ).save()
    audit.record(by, "cases.household.created", AuditAction.CREATE, target=household,
                 request=request)
    return household


@transaction.atomic
def assign_coordinator(*, household, coordinator, by, reason, request=None):
    """Make ``coordinator`` the household's one tovholder from now on.

    Locks the household row, closes the open assignment and opens the next at the
    same instant, so concurrent reassignments leave one coordinator and an unbroken
    history. ``household`` is updated in place.
    """
    locked = Household.objects.editable_by(by).select_for_update().get(pk=household.pk)
    _check_coordinator(locked, coordinator)
    now = timezone.now()
    assignments = CoordinatorAssignment.objects.editable_by(by).filter(household=locked)
    current = assignments.filter(ended_at__isnull=True).first()
    if current is not None:
        current.ended_at = max(now, current.started_at)
        current.save(update_fields=["ended_at"])
        now = current.ended_at
    assignment = CoordinatorAssignment(
        household=locked, coordinator=coordinator, started_at=now, assigned_by=by,
        reason=reason,
    )
    assignment.save()
    previous = locked.coordinator
    locked.coordinator = coordinator
    locked.coordinator_is_interim = False
    locked.save(update_fields=["coordinator", "coordinator_is_interim", "updated_at"])
    audit.record(
        by, "cases.household.assigned", AuditAction.CHANGE, target=locked, request=request,
        detail=f"{previous or '-'} -> {coordinator}: {reason}",
    )
    household.coordinator = coordinator
    household.coordinator_is_interim = False
    return assignment


@transaction.atomic
def save_record(*, instance, by, code, request=None, save_m2m=None):
    """Validate and save one row of a case file and audit it as created or changed.

    ``code`` is the event stem, e.g. ``cases.person`` gives ``cases.person.created``.
    """
    created = instance.pk is None
    instance.full_clean()
    instance.save()
    if save_m2m is not None:
        save_m2m()
    action = AuditAction.CREATE if created else AuditAction.CHANGE
    audit.record(by, f"{code}.{'created' if created else 'changed'}", action,
                 target=instance, request=request)
    return instance


@transaction.atomic
def add_journal_note(*, household, author, category, text, occurred_on=None, person=None,
                     corrects=None, request=None):
    """Write a journal note; with ``corrects``, a correction of an earlier note."""
    if person is not None and person.household_id != household.pk:
        raise ValidationError(_("Personen hører ikke til husstanden."))
    if corrects is not None and corrects.household_id != household.pk:
        raise ValidationError(_("Notatet hører ikke til husstanden."))
    note = JournalNote(
        household=household, author=author, category=category, text=text, person=person,
        corrects=corrects, occurred_on=occurred_on or timezone.localdate(),
    )
    note.full_clean()
    note.save()
    code = "cases.journal.corrected" if corrects else "cases.journal.created"
    audit.record(author, code, AuditAction.CREATE, target=note, request=request)
    return note


@transaction.atomic
def transfer_household(*, household, to_municipality, coordinator, by, reason, text,
                       request=None):
    """Move a household to another municipality with its new tovholder.

    The caller has authorised the move (networks accepts a proposed transfer);
    ``by`` is the receiving municipality's user. The household row is locked, and
    ownership and tovholder change in one UPDATE, so the composite key
    (coordinator, municipality) holds at every moment and the household never has
    zero or two tovholdere or owners. The open assignment is closed and the next
    opened at the same instant, and a journal note in the receiving municipality
    records the move (``text``); ``reason`` goes on the assignment. ``household``
    is updated in place.
    """
    locked = Household.all_objects.select_for_update().get(pk=household.pk)
    previous_municipality = locked.municipality
    locked.municipality = to_municipality
    _check_coordinator(locked, coordinator)
    now = timezone.now()
    current = CoordinatorAssignment.all_objects.filter(
        household=locked, ended_at__isnull=True
    ).first()
    if current is not None:
        current.ended_at = max(now, current.started_at)
        current.save(update_fields=["ended_at"])
        now = current.ended_at
    locked.coordinator = coordinator
    locked.coordinator_is_interim = False
    locked.save(update_fields=["municipality", "coordinator", "coordinator_is_interim",
                               "updated_at"])
    CoordinatorAssignment(
        household=locked, coordinator=coordinator, started_at=now, assigned_by=by,
        reason=reason,
    ).save()
    add_journal_note(household=locked, author=by, category=JournalCategory.DECISION,
                     text=text, request=request)
    audit.record(by, "cases.household.transferred", AuditAction.CHANGE, target=locked,
                 request=request,
                 detail=f"{previous_municipality} -> {to_municipality}: {coordinator}")
    household.municipality = to_municipality
    household.coordinator = coordinator
    household.coordinator_is_interim = False
    return locked
