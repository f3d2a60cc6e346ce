from django.core.management.base import BaseCommand, CommandError

from integration_portal.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = ("Gendan en backup i en tom database og en tom MEDIA_ROOT, og kontrollér "
            "rækkeantal og SHA-256 mod backuppens manifest.")

    def add_arguments(self, parser):
        parser.add_argument("--from", required=True, dest="source", metavar="MAPPE",
                            help="Mappen, som `manage.py backup --to` skrev.")
        parser.add_argument("--replace-existing", action="store_true",
                            help="Gendan også i en database med tabeller eller en MEDIA_ROOT "
                                 "med filer: backuppens tabeller slettes og oprettes igen, "
                                 "filer med samme navn overskrives.")

    def handle(self, *args, source, replace_existing, **options):
        try:
            manifest, problems = restore_backup(source, replace_existing=replace_existing)
        except BackupError as error:
            raise CommandError(str(error)) from None
        if problems:
            raise CommandError("Gendannelsen passer ikke med manifestet:\n" + "\n".join(problems))
        tables = manifest["database"]["tables"]
        self.stdout.write(self.style.SUCCESS(
            f"Gendannet fra {source}: {len(tables)} tabeller og "
            f"{len(manifest['media']['files'])} filer, alle som i manifestet."
        ))
