from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from integration_portal.dashboard import register_card
from integration_portal.roles import Role

CATALOGUE_READ = ["networks.view_solution", "networks.add_solution",
                  "networks.change_solution", "networks.view_network",
                  "networks.add_post"]
CASE_SHARING = ["networks.view_caseshare", "networks.add_caseshare",
                "networks.change_caseshare", "networks.view_casetransfer",
                "networks.add_casetransfer"]


class NetworksConfig(AppConfig):
    name = "networks"
    verbose_name = _("Samarbejde på tværs")
    role_permissions = {
        Role.CASEWORKER: [*CATALOGUE_READ, *CASE_SHARING, "networks.add_network"],
        Role.TEAM_LEAD: [*CATALOGUE_READ, *CASE_SHARING, "networks.add_network",
                         "networks.change_casetransfer", "networks.view_foreign_reads"],
        Role.MUNICIPAL_ADMIN: [*CATALOGUE_READ, "networks.add_network",
                               "networks.view_caseshare", "networks.view_casetransfer",
                               "networks.view_foreign_reads"],
        Role.TRAINING_ADMIN: [*CATALOGUE_READ, "networks.add_network"],
    }

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from cases.panels import register_household_panel
        from integration_portal.access import forget_grants, register_explainer, register_grant
        from networks import access, selectors
        from networks.models import CaseShare, CaseTransfer

        register_grant(access.granted_households)
        for model in (CaseShare, CaseTransfer):
            post_save.connect(forget_grants, sender=model, dispatch_uid=f"grants-{model}")
            post_delete.connect(forget_grants, sender=model, dispatch_uid=f"grants-{model}-")
        register_explainer(access.explain_share)
        register_explainer(access.explain_transfer)
        register_household_panel("networks", template="networks/panels/household.html",
                                 context=selectors.household_panel, order=80)
        register_card(
            "networks", template="networks/cards/networks.html", order=50,
            roles=[Role.CASEWORKER, Role.TEAM_LEAD, Role.MUNICIPAL_ADMIN],
            context=selectors.networks_card,
        )
