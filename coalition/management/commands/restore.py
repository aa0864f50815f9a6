from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from coalition.backup import BackupError, Restore


class Command(BaseCommand):
    help = (
        "Restore an archive made by `backup` into an empty database and empty storages, after "
        "checking every checksum; --force replaces a database and files that are there."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="The archive `backup` wrote.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Drop every table of the database and overwrite stored files of the same "
            "names (other files are left).",
        )

    def handle(self, *args, archive, force=False, verbosity=1, **options):
        log = self.stdout.write if verbosity else lambda message: None
        try:
            manifest = Restore(archive, force=force, log=log).run()
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        if verbosity:
            self.stdout.write(
                self.style.SUCCESS(f"Restored {archive}, made {manifest['created_at']}.")
            )
