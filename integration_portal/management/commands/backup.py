from django.core.management.base import BaseCommand, CommandError

from integration_portal.backup import BackupError, create_backup


class Command(BaseCommand):
    help = ("Tag backup af databasen (pg_dump, custom format) og de genererede filer i "
            "MEDIA_ROOT, med en manifest.json over rækkeantal og SHA-256 for hver fil.")

    def add_arguments(self, parser):
        parser.add_argument("--to", required=True, metavar="MAPPE",
                            help="Ny eller tom mappe, backuppen skrives til.")

    def handle(self, *args, to, **options):
        try:
            manifest = create_backup(to)
        except BackupError as error:
            raise CommandError(str(error)) from None
        tables = manifest["database"]["tables"]
        self.stdout.write(self.style.SUCCESS(
            f"Backup skrevet til {to}: {len(tables)} tabeller, {sum(tables.values())} "
            f"rækker, {len(manifest['media']['files'])} filer."
        ))
