from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from integration_portal.dashboard import register_card
from integration_portal.roles import Role


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Sager")

    def ready(self):
        register_card(
            "my_families", template="cases/cards/my_families.html", order=10,
            roles=[Role.CASEWORKER, Role.TEAM_LEAD],
        )
        register_card(
            "assignment_board", template="cases/cards/assignment_board.html", order=20,
            roles=[Role.TEAM_LEAD],
        )
