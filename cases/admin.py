"""Read-mostly admin for support staff. Coordinators change only through the service."""

from django.contrib import admin

from cases.models import CoordinatorAssignment, Household, InvolvedParty, JournalNote, Person
from integration_portal.admin import ReadOnlyAdmin


@admin.register(Household)
class HouseholdAdmin(ReadOnlyAdmin):
    list_display = ["case_number", "municipality", "status", "coordinator", "arrived_on"]
    list_filter = ["status", "municipality"]
    list_select_related = ["municipality", "coordinator"]
    search_fields = ["case_number"]


@admin.register(Person)
class PersonAdmin(ReadOnlyAdmin):
    list_display = ["first_name", "last_name", "household", "relation", "residence_ground"]
    list_select_related = ["household"]
    exclude = ["cpr"]


@admin.register(CoordinatorAssignment)
class CoordinatorAssignmentAdmin(ReadOnlyAdmin):
    list_display = ["household", "coordinator", "started_at", "ended_at", "assigned_by"]
    list_select_related = ["household", "coordinator", "assigned_by"]


@admin.register(InvolvedParty)
class InvolvedPartyAdmin(ReadOnlyAdmin):
    list_display = ["organisation", "kind", "household"]
    list_select_related = ["household"]


@admin.register(JournalNote)
class JournalNoteAdmin(ReadOnlyAdmin):
    list_display = ["household", "occurred_on", "category", "author"]
    list_select_related = ["household", "author"]
    exclude = ["text"]
