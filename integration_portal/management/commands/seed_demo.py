from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from cases import demo as cases_demo
from integration_portal.demo import seed_users
from networks import demo as networks_demo
from reception import demo as reception_demo
from training import demo as training_demo

# Each app's demo module adds its part of a living portal, in dependency order.
APP_SEEDERS = [cases_demo.seed, reception_demo.seed, training_demo.seed, networks_demo.seed]


class Command(BaseCommand):
    help = "Opret demodata (idempotent). Kører kun når DEBUG er slået til."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("seed_demo kører kun med DEBUG slået til (aldrig i produktion).")
        with transaction.atomic():
            world = seed_users()
            for seeder in APP_SEEDERS:
                seeder(world)
        self.stdout.write(self.style.SUCCESS(
            f"Demodata klar: {len(world.users)} brugere i Assens og Odense samt landsdækkende."
        ))
