"""Restoring an archive into an empty site, after checking every member."""

import json
import posixpath
import shutil
import sqlite3
import tarfile
import tempfile
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from .archive import HashingReader, spooled_copy
from .site import (
    CHUNK,
    FORMAT,
    MANIFEST,
    BackupError,
    known_migrations,
    row_counts,
    run_postgres,
    storages,
    stored_names,
    table_names,
)


def read_manifest(path):
    try:
        with tarfile.open(path, "r:*") as archive:
            member = archive.getmember(MANIFEST)
            manifest = json.load(archive.extractfile(member))
    except (OSError, tarfile.TarError, KeyError, ValueError) as error:
        raise BackupError(f"{path} is not a readable backup archive: {error}") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{path} has archive format {manifest.get('format')}, not {FORMAT}.")
    return manifest


@dataclass
class Restore:
    """Restores one archive into an empty database and empty storages (or, forced, over them)."""

    archive_path: Path
    force: bool = False
    log: Callable = print

    def run(self):
        manifest = read_manifest(self.archive_path)
        self.check_target(manifest)
        self.verify(manifest)
        members = {member["path"]: member for member in manifest["members"]}
        with (
            tarfile.open(self.archive_path, "r:*") as archive,
            tempfile.TemporaryDirectory() as tmp,
        ):
            for info in archive:
                member = members.get(info.name)
                if member is None:
                    continue
                if member["kind"] == "database":
                    self.restore_database(archive, info, member, Path(tmp))
                else:
                    self.restore_file(archive, info, member)
        self.log(f"{len(members) - 1} files restored.")
        self.compare_rows(manifest)
        return manifest

    def check_target(self, manifest):
        if manifest["database"] != connection.vendor:
            raise BackupError(
                f"The archive holds a {manifest['database']} database; this site uses "
                f"{connection.vendor}."
            )
        archived = {(app, name) for app, names in manifest["migrations"].items() for name in names}
        unknown = sorted(archived - known_migrations())
        if unknown:
            shown = ", ".join(f"{app}.{name}" for app, name in unknown[:5])
            raise BackupError(
                f"The archive was made by a newer release (migrations this code lacks: {shown}). "
                "Restore it with that release."
            )
        if self.force:
            return
        for folder, storage in storages().items():
            if next(stored_names(storage), None) is not None:
                raise BackupError(
                    f"The {folder} storage already holds files. Restore into empty storage, or "
                    "pass --force to overwrite files of the same names."
                )
        tables = table_names()
        if tables:
            raise BackupError(
                f"The database is not empty ({len(tables)} tables). Restore into a new, empty "
                "database, or pass --force to replace everything in it."
            )

    def verify(self, manifest):
        """Check every member's checksum before anything in the site is touched."""
        expected = {member["path"]: member for member in manifest["members"]}
        seen = set()
        with tarfile.open(self.archive_path, "r:*") as archive:
            for info in archive:
                member = expected.get(info.name)
                if member is None:
                    continue
                reader = HashingReader(archive.extractfile(info))
                while reader.read(CHUNK):
                    pass
                if (reader.digest.hexdigest(), reader.size) != (member["sha256"], member["size"]):
                    raise BackupError(f"{info.name} is damaged: its checksum does not match.")
                seen.add(info.name)
        missing = sorted(set(expected) - seen)
        if missing:
            raise BackupError(f"The archive lacks {len(missing)} files, such as {missing[0]}.")
        self.log(f"Checksums of {len(seen)} members verified.")

    def restore_database(self, archive, info, member, folder):
        target = folder / posixpath.basename(info.name)
        with open(target, "wb") as handle:
            shutil.copyfileobj(archive.extractfile(info), handle, CHUNK)
        if connection.vendor == "postgresql":
            self.drop_tables()
            connection.close()
            run_postgres(
                "pg_restore",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                f"--dbname={connection.settings_dict['NAME']}",
                str(target),
            )
        else:
            connection.ensure_connection()
            with closing(sqlite3.connect(target)) as source:
                source.backup(connection.connection)
        connection.close()
        self.log(f"Database restored ({connection.vendor}).")

    def drop_tables(self):
        """Forced: make room for the dump's tables (sequences and indexes go with them)."""
        tables = table_names()
        if not tables:
            return
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {', '.join(map(quote, tables))} CASCADE")

    def restore_file(self, archive, info, member):
        storage = storages()[member["kind"]]
        name = member["name"]
        copy, sha256, _ = spooled_copy(archive.extractfile(info))
        with copy:
            if sha256 != member["sha256"]:
                raise BackupError(f"{info.name} changed while it was read.")
            if storage.exists(name):
                storage.delete(name)
            saved = storage.save(name, copy)
        if saved != name:
            raise BackupError(f"{name} was stored as {saved}; the database would not find it.")

    def compare_rows(self, manifest):
        counts = row_counts()
        different = {
            table: (expected, counts.get(table))
            for table, expected in manifest["row_counts"].items()
            if counts.get(table) != expected
        }
        if different:
            table, (expected, found) = next(iter(sorted(different.items())))
            raise BackupError(
                f"{len(different)} tables differ from the archive, such as {table}: "
                f"{found} rows instead of {expected}."
            )
        self.log(f"Row counts of {len(counts)} tables match the archive.")
        pending = sorted(
            known_migrations() - set(MigrationRecorder(connection).applied_migrations())
        )
        if pending:
            self.log(
                f"This release has {len(pending)} migrations the archive predates: "
                "run `manage.py migrate` next."
            )
