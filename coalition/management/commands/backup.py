import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from coalition.backup import Backup, BackupError


class Command(BaseCommand):
    help = (
        "Write one archive (tar; .tar.gz compresses it) of the database, the public media and "
        "the private case documents, with a manifest of checksums and the migration state."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            help="Where to write the archive (default: coalition-backup-<UTC time>.tar here).",
        )

    def handle(self, *args, output=None, verbosity=1, **options):
        if output is None:
            stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
            output = Path(f"coalition-backup-{stamp}.tar")
        log = self.stdout.write if verbosity else lambda message: None
        try:
            manifest = Backup(output, log=log).write()
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        files = sum(1 for member in manifest["members"] if member["kind"] != "database")
        if verbosity:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Backup written to {output}: {len(manifest['row_counts'])} tables, "
                    f"{files} files."
                )
            )
