from django.contrib import admin

from training.models import Module, Programme, Session, SessionDay, Theme


class ModuleInline(admin.StackedInline):
    model = Module
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "period_start", "period_end", "participant_target", "budget_dkk"]
    inlines = [ModuleInline]


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "module", "code"]


class SessionDayInline(admin.TabularInline):
    model = SessionDay
    extra = 0


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    """Sessions only; enrolments change through the portal's services, never here."""

    list_display = ["__str__", "status", "capacity", "enrolment_deadline"]
    list_filter = ["status", "region", "module"]
    inlines = [SessionDayInline]
