from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from integration_portal.dashboard import register_card
from integration_portal.roles import Role


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = _("Efteruddannelse")

    def ready(self):
        register_card(
            "training", template="training/cards/training.html", order=40,
            roles=[Role.TRAINING_ADMIN, Role.MUNICIPAL_ADMIN],
        )
