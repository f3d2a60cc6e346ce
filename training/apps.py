from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from integration_portal.dashboard import register_card
from integration_portal.roles import Role


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = _("Efteruddannelse")
    role_permissions = {
        Role.TRAINING_ADMIN: [
            "training.view_session", "training.add_session", "training.change_session",
            "training.view_practitioner", "training.add_practitioner",
            "training.change_practitioner",
            "training.view_enrolment", "training.add_enrolment", "training.change_enrolment",
            "training.add_attendance", "training.view_certificate", "training.view_progress",
        ],
        Role.MUNICIPAL_ADMIN: [
            "training.view_session",
            "training.view_practitioner", "training.add_practitioner",
            "training.change_practitioner",
            "training.view_enrolment", "training.add_enrolment",
            "training.view_certificate", "training.view_progress",
        ],
    }

    def ready(self):
        from training.reference import ensure_reference_data
        from training.selectors import dashboard_card_context

        post_migrate.connect(ensure_reference_data, sender=self,
                             dispatch_uid="training_reference_data")
        register_card(
            "training", template="training/cards/training.html", order=40,
            roles=[Role.TRAINING_ADMIN, Role.MUNICIPAL_ADMIN], context=dashboard_card_context,
        )
