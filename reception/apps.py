from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save
from django.utils.translation import gettext_lazy as _

from integration_portal.dashboard import register_card
from integration_portal.roles import Role

RECEPTION_WORK = [
    "reception.view_allocation", "reception.add_allocation", "reception.change_allocation",
    "reception.view_receptionplan", "reception.view_plantask", "reception.change_plantask",
    "reception.view_interpreterbooking", "reception.add_interpreterbooking",
    "reception.change_interpreterbooking",
    "reception.view_housingplacement", "reception.add_housingplacement",
    "reception.change_housingplacement",
    "reception.view_screening", "reception.add_screening", "reception.change_screening",
    "reception.view_interpreter_report",
]


class ReceptionConfig(AppConfig):
    name = "reception"
    verbose_name = _("Modtagelse")
    role_permissions = {
        Role.CASEWORKER: RECEPTION_WORK,
        Role.TEAM_LEAD: [*RECEPTION_WORK, "reception.view_reception_figures"],
        Role.MUNICIPAL_ADMIN: [
            "reception.view_receptiontemplate", "reception.change_receptiontemplate",
            "reception.view_interpreter_report", "reception.view_reception_figures",
        ],
    }

    def ready(self):
        from cases.panels import register_household_panel
        from cases.printing import register_plan_section
        from reception import selectors
        from reception.reference import ensure_reference_data
        from reception.services import household_saved, person_saved

        post_migrate.connect(ensure_reference_data, sender=self,
                             dispatch_uid="reception_reference_data")
        post_save.connect(household_saved, sender="cases.Household",
                          dispatch_uid="reception_anchor_dates")
        post_save.connect(person_saved, sender="cases.Person",
                          dispatch_uid="reception_person_tasks")
        register_card(
            "reception_plans", template="reception/cards/reception_plans.html", order=30,
            roles=[Role.CASEWORKER, Role.TEAM_LEAD], context=selectors.dashboard_card,
        )
        register_household_panel("reception", template="reception/panels/household.html",
                                 context=selectors.household_panel, order=20)
        register_plan_section("reception", template="reception/panels/print.html",
                              data=selectors.print_section, order=20)
