"""Build the national data set of issue 12 with bulk SQL (PostgreSQL, DEBUG only)."""

import os
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from cases.models import Household
from integration_portal.management.scale_data import DEFAULT_PINNED, STEPS, Builder, Sizes

DEFAULT_SCALE_PASSWORD = "skala-bench-2026"


def pinned_counts(text):
    """'101=10801,492=98' -> {'101': 10801, '492': 98}; '' -> {}."""
    pairs = [item.split("=", 1) for item in text.split(",") if item.strip()]
    try:
        return {code.strip(): int(count) for code, count in pairs}
    except ValueError:
        raise CommandError("--pin tager kommunekode=antal, fx 101=10801,492=98.") from None


class Command(BaseCommand):
    help = ("Opret et datasæt i national skala med SQL (kun PostgreSQL og DEBUG). "
            "Brugere: <kommune>-sagsbehandler-001 og <kommune>-teamleder-001 med "
            "adgangskoden fra SCALE_PASSWORD.")

    def add_arguments(self, parser):
        defaults = Sizes()
        for name in ("households", "notes", "tasks", "actions", "parties", "audit_events",
                     "solutions", "shares", "transfers", "practitioners", "years"):
            parser.add_argument(f"--{name.replace('_', '-')}", type=int,
                                default=getattr(defaults, name))
        parser.add_argument(
            "--pin", default=",".join(f"{c}={n}" for c, n in DEFAULT_PINNED.items()),
            help="Faste antal husstande, kommunekode=antal; resten efter indbyggertal.",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("seed_scale kører kun med DEBUG slået til (aldrig i produktion).")
        if connection.vendor != "postgresql":
            raise CommandError("seed_scale kræver PostgreSQL.")
        if Household.all_objects.exists():
            raise CommandError("seed_scale kræver en database uden husstande.")
        fields = ("households", "notes", "tasks", "actions", "parties", "audit_events",
                  "solutions", "shares", "transfers", "practitioners", "years")
        sizes = Sizes(**{name: options[name] for name in fields},
                      pinned=pinned_counts(options["pin"]))
        if sizes.households < 98:
            raise CommandError("Mindst 98 husstande: én i hver kommune.")
        password = os.environ.get("SCALE_PASSWORD", DEFAULT_SCALE_PASSWORD)
        started = time.monotonic()

        def log(step):
            self.stdout.write(f"{time.monotonic() - started:7.1f} s  {step}")

        with transaction.atomic(), connection.cursor() as cursor:
            Builder(cursor, sizes, password=password, log=log).build(STEPS)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        log("analyze")
        self.stdout.write(self.style.SUCCESS(
            f"Datasæt klar på {time.monotonic() - started:.0f} s: "
            f"{sizes.households} husstande."
        ))
