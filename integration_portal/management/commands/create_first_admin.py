import os
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from integration_portal.accounts import AdministratorExists, create_administrator
from integration_portal.models import Municipality
from integration_portal.roles import Role

PASSWORD_ENV = "FIRST_ADMIN_PASSWORD"


class Command(BaseCommand):
    help = (
        "Opret en kommunes første kommunale administrator (--municipality) eller den "
        "landsdækkende uddannelsesadministrator (--training-admin). Adgangskoden læses fra "
        f"--password-file eller miljøvariablen {PASSWORD_ENV}. Idempotent."
    )

    def add_arguments(self, parser):
        who = parser.add_mutually_exclusive_group(required=True)
        who.add_argument("--municipality", metavar="KODE",
                         help="kommunekode, fx 420 for Assens: kommunal administrator")
        who.add_argument("--training-admin", action="store_true",
                         help="landsdækkende uddannelsesadministrator (ingen kommune)")
        parser.add_argument("--username", required=True)
        parser.add_argument("--email", required=True)
        parser.add_argument("--password-file", type=Path,
                            help=f"fil med adgangskoden (ellers {PASSWORD_ENV})")

    def handle(self, *args, **options):
        municipality = _municipality(options["municipality"])
        role = Role.TRAINING_ADMIN if options["training_admin"] else Role.MUNICIPAL_ADMIN
        try:
            user, created = create_administrator(
                username=options["username"], email=options["email"],
                password=_password(options["password_file"]), role=role,
                municipality=municipality,
            )
        except AdministratorExists as exc:
            raise CommandError(
                f"Brugeren {exc} findes allerede med en anden rolle eller kommune; "
                "intet er ændret."
            ) from exc
        except ValidationError as exc:
            raise CommandError("Adgangskoden afvises: " + " ".join(exc.messages)) from exc
        summary = f"{user.username}, {role.label}" + (f" i {municipality}" if municipality else "")
        if created:
            self.stdout.write(self.style.SUCCESS(f"Oprettet: {summary}."))
        else:
            self.stdout.write(f"Findes allerede: {summary}; intet ændret.")


def _municipality(code):
    if code is None:
        return None
    municipality = Municipality.objects.filter(code=code.lstrip("0") or code).first()
    if municipality is None:
        raise CommandError(f"Ingen kommune med kommunekode {code}.")
    return municipality


def _password(path):
    if path is not None:
        try:
            password = path.read_text().strip("\r\n")
        except OSError as exc:
            raise CommandError(f"Kan ikke læse {path}: {exc.strerror}") from exc
    else:
        password = os.environ.get(PASSWORD_ENV, "")
    if not password:
        raise CommandError(f"Angiv adgangskoden med --password-file eller {PASSWORD_ENV}.")
    return password
