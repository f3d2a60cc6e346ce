from django.contrib import admin

from reception.models import ReceptionTemplate, TemplateStep, TemplateVersion


class StepInline(admin.TabularInline):
    model = TemplateStep
    extra = 0
    can_delete = False

    def has_change_permission(self, request, obj=None):
        return False  # versions are immutable; edit the template in the portal


@admin.register(TemplateVersion)
class TemplateVersionAdmin(admin.ModelAdmin):
    list_display = ["template", "number", "created_at"]
    inlines = [StepInline]


admin.site.register(ReceptionTemplate)
