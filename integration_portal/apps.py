from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from integration_portal.roles import Role


class IntegrationPortalConfig(AppConfig):
    name = "integration_portal"
    verbose_name = _("Portalens kerne")
    role_permissions = {
        Role.MUNICIPAL_ADMIN: [
            "integration_portal.view_auditevent",
            "integration_portal.view_user",
        ],
    }

    def ready(self):
        from integration_portal.dashboard import register_card
        from integration_portal.reference import ensure_reference_data
        from integration_portal.roles import sync_role_groups
        from integration_portal.sessions import renewed_at_login

        register_card(
            "audit", template="integration_portal/cards/audit.html", order=90,
            roles=[Role.MUNICIPAL_ADMIN],
        )

        # post_migrate is sent once per app; permissions of later apps exist only
        # after their own signal, so the groups are synced on the last app's.
        post_migrate.connect(sync_role_groups, dispatch_uid="sync_role_groups")
        post_migrate.connect(ensure_reference_data, sender=self,
                             dispatch_uid="integration_portal_reference_data")
        user_logged_in.connect(renewed_at_login, dispatch_uid="session_renewed_at_login")
