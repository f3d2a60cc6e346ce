from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from integration_portal.dashboard import register_card
from integration_portal.roles import Role


class ReceptionConfig(AppConfig):
    name = "reception"
    verbose_name = _("Modtagelse")

    def ready(self):
        register_card(
            "reception_plans", template="reception/cards/reception_plans.html", order=30,
            roles=[Role.CASEWORKER, Role.TEAM_LEAD],
        )
