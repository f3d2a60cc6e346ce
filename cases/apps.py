from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from integration_portal.dashboard import register_card
from integration_portal.roles import Role

CASEWORK_PERMISSIONS = [
    "cases.view_household", "cases.add_household", "cases.change_household",
    "cases.view_person", "cases.add_person", "cases.change_person",
    "cases.view_involvedparty", "cases.add_involvedparty", "cases.change_involvedparty",
    "cases.view_journalnote", "cases.add_journalnote",
    "cases.view_goal", "cases.add_goal", "cases.change_goal",
    "cases.view_action", "cases.add_action", "cases.change_action",
    "cases.view_plandocument", "cases.add_plandocument",
]


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Sager")
    role_permissions = {
        Role.CASEWORKER: CASEWORK_PERMISSIONS,
        Role.TEAM_LEAD: [*CASEWORK_PERMISSIONS, "cases.assign_coordinator"],
    }

    def ready(self):
        from cases import selectors

        register_card(
            "my_families", template="cases/cards/my_families.html", order=10,
            roles=[Role.CASEWORKER, Role.TEAM_LEAD], context=selectors.my_families_card,
        )
        register_card(
            "assignment_board", template="cases/cards/assignment_board.html", order=20,
            roles=[Role.TEAM_LEAD], context=selectors.assignment_board_card,
        )
