from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from integration_portal.dashboard import register_card
from integration_portal.roles import Role


class NetworksConfig(AppConfig):
    name = "networks"
    verbose_name = _("Samarbejde på tværs")

    def ready(self):
        register_card(
            "networks", template="networks/cards/networks.html", order=50,
            roles=[Role.CASEWORKER, Role.TEAM_LEAD, Role.MUNICIPAL_ADMIN],
        )
