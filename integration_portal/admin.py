from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from integration_portal.forms import AdminLoginForm
from integration_portal.models import AuditEvent, Municipality, User

admin.site.login_form = AdminLoginForm  # over-long credentials are a form error, not a 500


class ReadOnlyAdmin(admin.ModelAdmin):
    """For records that change only through services (or never): look, don't touch."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "region"]
    list_filter = ["region"]
    search_fields = ["code", "name"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "first_name", "last_name", "municipality", "is_active"]
    list_filter = ["municipality__region", "groups", "is_active", "is_staff"]
    list_select_related = ["municipality"]
    fieldsets = BaseUserAdmin.fieldsets + (
        (_("Kommune og kontakt"), {"fields": ["municipality", "phone", "reachable"]}),
    )
    add_fieldsets = BaseUserAdmin.add_fieldsets + (
        (_("Kommune"), {"fields": ["municipality", "groups"]}),
    )


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    """Read-only: the audit log can be looked at, never changed or deleted."""

    list_display = ["created_at", "actor_name", "action", "code", "object_type", "object_id",
                    "municipality"]
    list_filter = ["action", "municipality"]
    list_select_related = ["municipality"]
    search_fields = ["actor_name", "code", "object_id"]
    date_hierarchy = "created_at"
